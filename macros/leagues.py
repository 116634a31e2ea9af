"""League tables: entities ranked by a figure over the case studies credited to them (the rule in `attribution`),
each with its counting rule and what its rows add up to beside the total of the case studies in scope."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import models

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
CREDITS = ("full", "equal-share")
# Who may share a saving: only the councils a case study names (and through them, their sub-regions).
SHARED_ENTITIES = ("authority", "sub_region")
SHARED_METRICS = ("delivered", "forecast")
ADDITIVE_METRICS = ("delivered", "forecast", "case_studies")
MEMBERSHIP = {  # how a case study belongs to a row, for the rule under the table
    "partnership": "of each partnership", "programme": "of each programme", "theme": "under each theme",
    "authority": "naming each council", "sub_region": "naming a council in each sub-region",
}
OVERLAP = {  # why rows may add to more than the total, in each entity's words
    "theme": "a case study under several themes counts in full under each",
    "authority": "a case study naming several councils counts in full for each",
    "sub_region": "a case study naming councils in several sub-regions counts in full for each",
}
SHARE_RULE = {
    "authority": "each saving is split equally among the councils its case study names",
    "sub_region": ("each saving is split equally among the councils its case study names, and a sub-region gets the "
                   "shares of its councils"),
}
NOT_CREDITED = "Area-wide work, whose source names no council, is credited to none and is in no row."
BASIS_WORDS = {"all": "one-off amounts, amounts a year (one year each) and totals over a period, added as stated",
               "one-off": "one-off amounts only", "per-year": "amounts a year only",
               "total": "totals over a period only"}


@dataclass(frozen=True)
class League:
    """A ranked table of entities by one metric, with the rule each figure follows and what its rows add up to."""

    entity: str
    metric: str
    basis: str
    table: pd.DataFrame     # columns: id, rank, tied, value, case_studies, evidence
    excluded: int           # entities left out by the minimum-evidence rule
    rule: str               # how the figure is computed, printed under the table
    credit: str = "full"
    rows_total: float | None = None      # the rows added up (additive metrics only)
    scope_total: float | None = None     # the same figure over every case study in scope, each counted once
    scope_case_studies: int = 0          # case studies in scope
    uncounted: float | None = None       # the part of scope_total that is in no row (e.g. area-wide work)

    @property
    def overlaps(self) -> bool:
        """Whether the rows add to more than the case studies in scope: a case study counted in several rows."""
        return (self.rows_total is not None and self.scope_total is not None
                and self.rows_total > self.scope_total - (self.uncounted or 0) + 1e-6)

    def order(self) -> list[tuple[str, int]]:
        return list(zip(self.table["id"], self.table["rank"]))


def members(frame: pd.DataFrame, entity: str, credit: str = "full") -> pd.DataFrame:
    """(slug, entity id, share) rows: one per case study per entity it is credited to. The share is 1 (full
    credit) or the entity's equal share of the councils the case study names."""
    if credit == "equal-share" and entity == "sub_region":
        pairs = [(slug, sub, share) for slug, shares in zip(frame["slug"], frame["sub_region_shares"])
                 for sub, share in sorted(shares.items())]
        return pd.DataFrame(pairs, columns=["slug", "id", "share"])
    column, is_set = LEAGUE_ENTITIES[entity]
    pairs = frame[["slug", column]].rename(columns={column: "id"}).reset_index(drop=True)
    if is_set:
        if credit == "equal-share":
            pairs = pairs.assign(share=pairs["id"].map(lambda ids: 1 / len(ids) if ids else 1.0))
        pairs = pairs.assign(id=pairs["id"].map(sorted)).explode("id")
    if "share" not in pairs:
        pairs = pairs.assign(share=1.0)
    return pairs.dropna(subset=["id"]).reset_index(drop=True)


def rank_values(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Competition ranking (1, 2, 2, 4) of values, highest first; and which ranks are shared."""
    ranks = values.round(9).rank(method="min", ascending=False).astype(int)
    tied = ranks.duplicated(keep=False)
    return ranks, tied


def check_credit(entity: str, metric: str, credit: str) -> None:
    if credit not in CREDITS:
        raise ValueError(f"credit {credit!r}")
    if credit == "equal-share" and (entity not in SHARED_ENTITIES or metric not in SHARED_METRICS):
        raise ValueError("an equal share applies only to savings delivered or forecast, by authority or sub-region")


def compute_league_table(frame: pd.DataFrame, savings: pd.DataFrame, entity: str, metric: str,
                         basis: str = "all", min_case_studies: int = 1, credit: str = "full") -> League:
    """Rank entities by a metric over published case studies; entities without the evidence are left out."""
    check_credit(entity, metric, credit)
    pairs = members(frame, entity, credit)
    basis_savings = savings if basis == "all" else savings[savings["basis"] == basis]
    delivered = basis_savings[basis_savings["status"] == "delivered"].groupby("slug")["amount"].sum()
    forecast = basis_savings[basis_savings["status"] == "forecast"].groupby("slug")["amount"].sum()
    cashable = basis_savings[(basis_savings["status"] == "delivered") & (basis_savings["type"] == "cashable")] \
        .groupby("slug")["amount"].sum()
    per_study = pd.DataFrame({
        "delivered": delivered, "forecast": forecast, "cashable": cashable,
        "investment": frame["investment"].astype("float"),
    }).reindex(frame.index).rename_axis("case_study")
    joined = pairs.join(per_study, on="slug")
    grouped = joined.groupby("id")
    counts = grouped["slug"].nunique()
    basis_words = BASIS_WORDS[basis]
    credited = "" if entity not in SHARED_ENTITIES else " " + NOT_CREDITED
    if metric == "case_studies":
        values, evidence = counts.astype(float), counts
        rule = f"Number of published case studies {MEMBERSHIP[entity]}." + credited
    elif metric in ("delivered", "forecast"):
        evidence = grouped[metric].count()
        values = (joined[metric] * joined["share"]).groupby(joined["id"]).sum(min_count=1)
        how = SHARE_RULE[entity] if credit == "equal-share" else OVERLAP.get(entity, "each case study counts once")
        rule = (f"Sum of the {metric} savings stated in the case studies {MEMBERSHIP[entity]} ({basis_words}); "
                f"{how}. Forecasts are never counted as delivered. An entry needs at least "
                f"{min_case_studies} case stud{'y' if min_case_studies == 1 else 'ies'} with a {metric} figure."
                + credited)
    elif metric == "roi":
        # Only case studies stating both the investment and a delivered saving count, so both sides match.
        both = joined.dropna(subset=["investment", "delivered"])
        both = both[both["investment"] > 0]
        by = both.groupby("id")
        evidence = by["slug"].nunique()
        values = by["delivered"].sum() / by["investment"].sum()
        rule = ("Delivered savings divided by the investment stated, counting only case studies "
                f"{MEMBERSHIP[entity]} that state both ({basis_words}). An entry needs a stated investment: without "
                "one it is left out, never shown as 0." + credited)
    elif metric == "cashable_share":
        with_delivered = joined.dropna(subset=["delivered"])
        by = with_delivered.groupby("id")
        evidence = by["slug"].nunique()
        values = by["cashable"].sum(min_count=0) / by["delivered"].sum()
        rule = (f"Cashable savings delivered as a share of all savings delivered, in the case studies "
                f"{MEMBERSHIP[entity]} ({basis_words})." + credited)
    else:
        raise ValueError(metric)
    table = pd.DataFrame({"value": values, "evidence": evidence}).dropna(subset=["value"])
    table = table[table["evidence"] >= min_case_studies]
    table["case_studies"] = counts.reindex(table.index).fillna(0).astype(int)
    excluded = int(counts.index.difference(table.index).size)
    table = table.rename_axis("id").reset_index().sort_values(["value", "id"], ascending=[False, True])
    table["rank"], table["tied"] = rank_values(table["value"])
    totals = {}
    if metric in ADDITIVE_METRICS:
        in_rows = set(joined.loc[joined["id"].isin(table["id"]), "slug"])
        study = pd.Series(1.0, index=per_study.index) if metric == "case_studies" else per_study[metric]
        rows_total, scope_total = float(table["value"].sum()), float(study.sum())
        # Shares add up to what is credited: the rest is in no row. In full, what no row counts is the uncounted part.
        uncounted = scope_total - rows_total if credit == "equal-share" else \
            float(study[~study.index.isin(in_rows)].sum())
        totals = {"rows_total": rows_total, "scope_total": scope_total, "uncounted": max(round(uncounted, 6), 0.0)}
    return League(entity, metric, basis, table.reset_index(drop=True), excluded, rule, credit,
                  scope_case_studies=len(frame), **totals)


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
