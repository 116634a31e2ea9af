"""Figures computed from the hub's frames: reconciliation, savings summaries, filters. Computed once, here
(league tables: `leagues`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import attribution

from ..content import models


NOT_ADDED = {  # why a column of this unit never gets a computed total
    "percent": "percentages are not added", "score": "scores are not added", "rank": "ranks are not added",
    "rate": "rates are not added", "ratio": "ratios are not added",
}


@dataclass(frozen=True)
class TotalCheck:
    """A column's total: computed from the rows (additive columns only) beside the total its source printed."""

    column: str
    computed: float | None      # sum of the known values (None when every value is unknown, or the column does not add)
    unknown: int                # how many rows are unknown
    stated: float | None
    tolerance: float
    explanation: str = ""       # the dataset's recorded discrepancy, if any
    additive: bool = True       # whether a computed total means something (models.Column.additive)
    reason: str = ""            # for a column that does not add: why, shown in place of a total

    @property
    def agrees(self) -> bool:
        if self.stated is None or not self.additive:  # a printed total of a column that does not add is shown, not checked
            return True
        computed = self.computed or 0.0
        if self.unknown:  # unknown rows can only add to the total
            return computed <= self.stated + self.tolerance
        return abs(computed - self.stated) <= self.tolerance

    @property
    def status(self) -> str:
        if not self.additive:
            return "printed" if self.stated is not None else "not added"
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
    """Every numeric column's total: computed and checked against the stated one (within printed rounding) only
    where the column adds (money on one basis and period, counts); otherwise the printed total alone, as printed."""
    explanations = {d.column: d.explanation for d in dataset.discrepancies}
    checks = []
    for column in dataset.numeric_columns:
        values = [row.get(column.id) for row in dataset.rows]
        known = [float(v) for v in values if v is not None]
        stated = dataset.stated_totals.get(column.id)
        unknown = len(values) - len(known)
        if not column.additive:
            reason = column.no_total or NOT_ADDED.get(column.unit, "not added")
            checks.append(TotalCheck(column.id, None, unknown, stated, 0.0, explanations.get(column.id, ""),
                                     additive=False, reason=reason))
            continue
        row_places = max((decimals(v) for v in known), default=0)
        # Each printed row is off by at most half its last digit, and so is the printed total.
        tolerance = len(known) * 0.5 * 10 ** -row_places
        if stated is not None:
            tolerance += 0.5 * 10 ** -decimals(stated)
        tolerance += 1e-9
        whole = all(isinstance(v, int) for v in values if v is not None)
        computed = (int(sum(known)) if whole else math.fsum(known)) if known else None
        checks.append(TotalCheck(column.id, computed, unknown, stated, tolerance, explanations.get(column.id, "")))
    return checks


CASE_STUDY_FILTERS = ("partnership", "programme", "theme", "authority", "sub_region", "authority_type",
                      "region", "year", "area", "covering_authority", "covering_sub_region")


def largest_delivered(cs: models.CaseStudy, basis: str) -> models.Saving | None:
    """The largest single delivered saving of a case study on one basis (the "largest saving" sorts use it)."""
    chosen = [s for s in cs.savings if s.status == "delivered" and s.basis == basis]
    return max(chosen, key=lambda s: s.amount, default=None)


def case_study_frame(case_studies: list[models.CaseStudy], registers: dict,
                     areas: attribution.AreaIndex | None = None) -> pd.DataFrame:
    """One row per published case study, with the sets it belongs to, for filtering and sorting: the councils it
    names (it is listed under them) and whom its area-wide work covered, from `attribution`, the one rule. Whom each
    saving is credited to is in the savings frame."""
    authorities = registers["authorities"]
    areas = areas or attribution.index_areas(registers)
    rows = []
    for cs in case_studies:
        members = [authorities[a] for a in cs.authorities]
        delivered = sum(s.amount for s in cs.savings if s.status == "delivered")
        rows.append({
            "slug": cs.slug, "title": cs.title, "published": pd.Timestamp(cs.published),
            "updated": pd.Timestamp(cs.updated or cs.published),
            "partnership": cs.partnership, "programme": cs.programme, "year": cs.year,
            "themes": frozenset(cs.themes),
            "authorities": attribution.named_authorities(cs),
            "sub_regions": attribution.named_sub_regions(cs, authorities),
            "authority_types": frozenset(a.type for a in members),
            "regions": frozenset(a.region for a in members),
            "area": cs.area,
            "covered_authorities": attribution.covered_authorities(cs, areas),
            "covered_sub_regions": attribution.covered_sub_regions(cs, areas, authorities),
            "covered_areas": attribution.covered_areas(cs, areas),
            "investment": cs.investment, "has_delivered": delivered > 0,
        })
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    return frame.set_index("slug", drop=False)


FRAME_COLUMNS = ["slug", "title", "published", "updated", "partnership", "programme", "year", "themes", "authorities",
                 "sub_regions", "authority_types", "regions", "area", "covered_authorities",
                 "covered_sub_regions", "covered_areas", "investment", "has_delivered"]


def kind_group(saving_type: str) -> str:
    """The headline group of a saving's type: unstated kinds are shown with non-cashable, never as cashable."""
    return next(group for group, types in KIND_GROUPS.items() if saving_type in types)


def savings_frame(case_studies: list[models.CaseStudy], authorities: dict) -> pd.DataFrame:
    """One row per savings entry of a published case study, with whom it is credited to (`attribution`): the
    councils, their sub-regions, types and regions, and each sub-region's equal share."""
    rows = [
        {"slug": cs.slug, "amount": s.amount, "type": s.type, "kind": kind_group(s.type), "status": s.status,
         "basis": s.basis, "years": s.years, "note": s.note, **attribution.saving_credit(cs, s, authorities)}
        for cs in case_studies for s in cs.savings
    ]
    return pd.DataFrame(rows, columns=SAVINGS_COLUMNS)


SAVINGS_COLUMNS = ["slug", "amount", "type", "kind", "status", "basis", "years", "note", "authorities", "sub_regions",
                   "authority_types", "regions", "sub_region_shares"]


def credited_savings(savings: pd.DataFrame, **filters) -> pd.DataFrame:
    """The savings credited to a council matching the council filters given (authority, sub_region, authority_type,
    region; `None` means no filter): under a council's name only the savings the source gives for it count. Other
    filters choose case studies, not savings, and are ignored here."""
    mask = pd.Series(True, index=savings.index)
    for name, value in filters.items():
        if value is None or name not in attribution.COUNCIL_FILTERS:
            continue
        mask &= savings[attribution.COUNCIL_FILTERS[name]].map(lambda credited, v=value: v in credited)
    return savings[mask]


SET_COLUMNS = {"theme": "themes", "authority": "authorities", "sub_region": "sub_regions",
               "authority_type": "authority_types", "region": "regions", "covering_authority": "covered_authorities",
               "covering_sub_region": "covered_sub_regions", "area": "covered_areas"}


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
# Headline figures keep these four apart and never add them together.
KIND_GROUPS = {"cashable": ("cashable",), "non-cashable": ("non-cashable", "unstated"),
               "cost-avoidance": ("cost-avoidance",), "income": ("income",)}
KIND_LABELS = {"cashable": "Cashable", "non-cashable": "Non-cashable or kind not stated",
               "cost-avoidance": "Cost avoidance", "income": "Income"}


def summarise_savings(savings: pd.DataFrame) -> pd.DataFrame:
    """Savings summed by basis (rows) and status (columns): bases are never added together."""
    table = savings.groupby(["basis", "status"])["amount"].sum().unstack(fill_value=0)  # pivot_table is ~10x slower
    return table.reindex(index=list(BASIS_LABELS), columns=list(STATUS_LABELS), fill_value=0)


SAVING_BASES_OR_ALL = ("all", "one-off", "per-year", "total")


def savings_by_kind(savings: pd.DataFrame, status: str = "delivered") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Savings of one status summed by kind group (rows) and basis (columns), with the number of case studies
    behind each figure: kinds and bases are never added together."""
    chosen = savings[savings["status"] == status]
    sums = chosen.groupby(["kind", "basis"])["amount"].sum().unstack(fill_value=0)
    counts = chosen.groupby(["kind", "basis"])["slug"].nunique().unstack(fill_value=0)
    shape = {"index": list(KIND_GROUPS), "columns": list(BASIS_LABELS), "fill_value": 0}
    return sums.reindex(**shape), counts.reindex(**shape)


def total_savings(savings: pd.DataFrame, status: str, basis: str = "all", kind: str | None = None) -> float:
    chosen = savings[savings["status"] == status]
    if basis != "all":
        chosen = chosen[chosen["basis"] == basis]
    if kind is not None:
        chosen = chosen[chosen["kind"] == kind]
    return float(chosen["amount"].sum())
