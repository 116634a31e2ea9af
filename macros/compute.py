"""Figures computed from the hub's frames: reconciliation, savings summaries, filters. Computed once, here."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import models


@dataclass(frozen=True)
class TotalCheck:
    """A column total computed from a dataset's rows beside the total its source printed."""

    column: str
    computed: float | None      # sum of the known values (None when every value is unknown)
    unknown: int                # how many rows are unknown
    stated: float | None
    tolerance: float
    explanation: str = ""       # the dataset's recorded discrepancy, if any

    @property
    def agrees(self) -> bool:
        if self.stated is None:
            return True
        computed = self.computed or 0.0
        if self.unknown:  # unknown rows can only add to the total
            return computed <= self.stated + self.tolerance
        return abs(computed - self.stated) <= self.tolerance

    @property
    def status(self) -> str:
        if self.agrees:
            return "agrees"
        return "discrepancy" if self.explanation else "mismatch"


def decimals(value: float) -> int:
    """Decimal places printed for a number as the source wrote it (52.0 has one; YAML keeps that as a float)."""
    text = repr(float(value))
    if "e" in text:
        return 0
    return len(text.split(".")[1]) if isinstance(value, float) else 0


def reconcile_dataset(dataset: models.Dataset) -> list[TotalCheck]:
    """Check every numeric column's computed total against the stated one (within printed rounding)."""
    explanations = {d.column: d.explanation for d in dataset.discrepancies}
    checks = []
    for column in dataset.numeric_columns:
        values = [row.get(column.id) for row in dataset.rows]
        known = [float(v) for v in values if v is not None]
        stated = dataset.stated_totals.get(column.id)
        row_places = max((decimals(v) for v in known), default=0)
        # Each printed row is off by at most half its last digit, and so is the printed total.
        tolerance = len(known) * 0.5 * 10 ** -row_places
        if stated is not None:
            tolerance += 0.5 * 10 ** -decimals(stated)
        tolerance += 1e-9
        whole = all(isinstance(v, int) for v in values if v is not None)
        computed = (int(sum(known)) if whole else math.fsum(known)) if known else None
        checks.append(TotalCheck(column.id, computed, len(values) - len(known), stated, tolerance,
                                 explanations.get(column.id, "")))
    return checks


CASE_STUDY_FILTERS = ("partnership", "programme", "theme", "authority", "sub_region", "authority_type",
                      "region", "year")


def case_study_frame(case_studies: list[models.CaseStudy], authorities: dict) -> pd.DataFrame:
    """One row per published case study, with the sets it belongs to, for filtering and sorting."""
    rows = []
    for cs in case_studies:
        members = [authorities[a] for a in cs.authorities]
        delivered = sum(s.amount for s in cs.savings if s.status == "delivered")
        rows.append({
            "slug": cs.slug, "title": cs.title, "published": pd.Timestamp(cs.published),
            "updated": pd.Timestamp(cs.updated or cs.published),
            "partnership": cs.partnership, "programme": cs.programme, "year": cs.year,
            "themes": frozenset(cs.themes), "authorities": frozenset(cs.authorities),
            "sub_regions": frozenset(a.sub_region for a in members if a.sub_region),
            "authority_types": frozenset(a.type for a in members),
            "regions": frozenset(a.region for a in members),
            "investment": cs.investment, "has_delivered": delivered > 0,
            "largest_saving": max((s.amount for s in cs.savings), default=0),
        })
    frame = pd.DataFrame(rows, columns=["slug", "title", "published", "updated", "partnership", "programme",
                                        "year", "themes", "authorities", "sub_regions", "authority_types",
                                        "regions", "investment", "has_delivered", "largest_saving"])
    return frame.set_index("slug", drop=False)


def savings_frame(case_studies: list[models.CaseStudy]) -> pd.DataFrame:
    """One row per savings entry of a published case study."""
    rows = [
        {"slug": cs.slug, "amount": s.amount, "type": s.type, "status": s.status, "basis": s.basis,
         "years": s.years, "note": s.note}
        for cs in case_studies for s in cs.savings
    ]
    return pd.DataFrame(rows, columns=["slug", "amount", "type", "status", "basis", "years", "note"])


SET_COLUMNS = {"theme": "themes", "authority": "authorities", "sub_region": "sub_regions",
               "authority_type": "authority_types", "region": "regions"}


def filter_case_studies(frame: pd.DataFrame, **filters) -> pd.DataFrame:
    """Rows matching every given filter; `None` means no filter."""
    mask = pd.Series(True, index=frame.index)
    for name, value in filters.items():
        if value is None:
            continue
        if name in SET_COLUMNS:
            mask &= frame[SET_COLUMNS[name]].map(lambda members, v=value: v in members)
        else:
            mask &= frame[name] == value
    return frame[mask]


BASIS_LABELS = {"one-off": "One-off", "per-year": "Per year", "total": "Total over a period"}
STATUS_LABELS = {"delivered": "Delivered", "forecast": "Forecast"}
TYPE_LABELS = {"cashable": "Cashable", "non-cashable": "Non-cashable", "cost-avoidance": "Cost avoidance",
               "income": "Income", "unstated": "Kind not stated in the source"}


def summarise_savings(savings: pd.DataFrame) -> pd.DataFrame:
    """Savings summed by basis (rows) and status (columns): bases are never added together."""
    table = savings.groupby(["basis", "status"])["amount"].sum().unstack(fill_value=0)  # pivot_table is ~10x slower
    return table.reindex(index=list(BASIS_LABELS), columns=list(STATUS_LABELS), fill_value=0)


# --- League tables ------------------------------------------------------------------------------

LEAGUE_ENTITIES = {
    # entity -> (frame column holding the case study's members, is it a set?)
    "partnership": ("partnership", False), "programme": ("programme", False), "theme": ("themes", True),
    "authority": ("authorities", True), "sub_region": ("sub_regions", True),
}
LEAGUE_METRICS = {
    "delivered": "Savings delivered",
    "forecast": "Savings forecast",
    "roi": "Savings delivered per £1 invested",
    "cashable_share": "Cashable share of savings delivered",
    "case_studies": "Number of case studies",
}
SAVING_BASES_OR_ALL = ("all", "one-off", "per-year", "total")


@dataclass(frozen=True)
class League:
    """A ranked table of entities by one metric, with the rule each figure follows."""

    entity: str
    metric: str
    basis: str
    table: pd.DataFrame     # columns: id, rank, tied, value, case_studies, evidence
    excluded: int           # entities left out by the minimum-evidence rule
    rule: str               # how the figure is computed, printed under the table


def _members(frame: pd.DataFrame, entity: str) -> pd.DataFrame:
    """(slug, entity id) pairs: one row per case study per entity it belongs to."""
    column, is_set = LEAGUE_ENTITIES[entity]
    pairs = frame[["slug", column]].rename(columns={column: "id"}).reset_index(drop=True)
    if is_set:
        pairs = pairs.assign(id=pairs["id"].map(sorted)).explode("id")
    return pairs.dropna(subset=["id"])


def rank_values(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Competition ranking (1, 2, 2, 4) of values, highest first; and which ranks are shared."""
    ranks = values.round(9).rank(method="min", ascending=False).astype(int)
    tied = ranks.duplicated(keep=False)
    return ranks, tied


def compute_league_table(frame: pd.DataFrame, savings: pd.DataFrame, entity: str, metric: str,
                         basis: str = "all", min_case_studies: int = 1) -> League:
    """Rank entities by a metric over published case studies; entities without the evidence are left out."""
    members = _members(frame, entity)
    basis_savings = savings if basis == "all" else savings[savings["basis"] == basis]
    delivered = basis_savings[basis_savings["status"] == "delivered"].groupby("slug")["amount"].sum()
    forecast = basis_savings[basis_savings["status"] == "forecast"].groupby("slug")["amount"].sum()
    cashable = basis_savings[(basis_savings["status"] == "delivered") & (basis_savings["type"] == "cashable")] \
        .groupby("slug")["amount"].sum()
    per_study = pd.DataFrame({
        "delivered": delivered, "forecast": forecast, "cashable": cashable,
        "investment": frame["investment"].astype("float"),
    }).reindex(frame.index).rename_axis("case_study")
    joined = members.join(per_study, on="slug")
    grouped = joined.groupby("id")
    counts = grouped["slug"].nunique()
    basis_words = {"all": "one-off amounts, amounts a year (one year each) and totals over a period, added as stated",
                   "one-off": "one-off amounts only", "per-year": "amounts a year only",
                   "total": "totals over a period only"}[basis]
    if metric == "case_studies":
        values, evidence = counts.astype(float), counts
        rule = "Number of published case studies naming each one."
    elif metric in ("delivered", "forecast"):
        evidence = grouped[metric].count()
        values = grouped[metric].sum(min_count=1)
        rule = (f"Sum of the {metric} savings stated in its case studies ({basis_words}); a case study naming "
                "several counts in full for each. "
                "Forecasts are never counted as delivered. An entry needs at least "
                f"{min_case_studies} case stud{'y' if min_case_studies == 1 else 'ies'} with a {metric} figure.")
    elif metric == "roi":
        # Only case studies stating both the investment and a delivered saving count, so both sides match.
        both = joined.dropna(subset=["investment", "delivered"])
        both = both[both["investment"] > 0]
        by = both.groupby("id")
        evidence = by["slug"].nunique()
        values = by["delivered"].sum() / by["investment"].sum()
        rule = ("Delivered savings divided by the investment stated, counting only case studies that state both "
                f"({basis_words}). An entry needs a stated investment: without one it is left out, never shown as 0.")
    elif metric == "cashable_share":
        with_delivered = joined.dropna(subset=["delivered"])
        by = with_delivered.groupby("id")
        evidence = by["slug"].nunique()
        values = by["cashable"].sum(min_count=0) / by["delivered"].sum()
        rule = f"Cashable savings delivered as a share of all savings delivered ({basis_words})."
    else:
        raise ValueError(metric)
    table = pd.DataFrame({"value": values, "evidence": evidence}).dropna(subset=["value"])
    table = table[table["evidence"] >= min_case_studies]
    table["case_studies"] = counts.reindex(table.index).fillna(0).astype(int)
    excluded = int(counts.index.difference(table.index).size)
    table = table.rename_axis("id").reset_index().sort_values(["value", "id"], ascending=[False, True])
    table["rank"], table["tied"] = rank_values(table["value"])
    return League(entity, metric, basis, table.reset_index(drop=True), excluded, rule)


def compute_dataset_league(dataset: models.Dataset, label: str, metric: str, per: str | None = None) -> pd.DataFrame:
    """Rank a dataset's rows by a column, or by the ratio of two columns; rows with unknown values are left out."""
    rows = pd.DataFrame(dataset.rows)
    values = rows[metric].astype("float")
    if per:
        values = values / rows[per].astype("float").where(rows[per] != 0)
    table = pd.DataFrame({"id": rows[label], "value": values}).dropna(subset=["value"])
    table = table.sort_values(["value", "id"], ascending=[False, True]).reset_index(drop=True)
    table["rank"], table["tied"] = rank_values(table["value"])
    return table


def total_savings(savings: pd.DataFrame, status: str, basis: str = "all") -> float:
    chosen = savings[savings["status"] == status]
    if basis != "all":
        chosen = chosen[chosen["basis"] == basis]
    return float(chosen["amount"].sum())
