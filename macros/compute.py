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
    """Decimal places printed for a number as the source wrote it."""
    text = repr(float(value))
    if "e" in text:
        return 0
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


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
        computed = math.fsum(known) if known else None
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


_SET_COLUMNS = {"theme": "themes", "authority": "authorities", "sub_region": "sub_regions",
                "authority_type": "authority_types", "region": "regions"}


def filter_case_studies(frame: pd.DataFrame, **filters) -> pd.DataFrame:
    """Rows matching every given filter; `None` means no filter."""
    mask = pd.Series(True, index=frame.index)
    for name, value in filters.items():
        if value is None:
            continue
        if name in _SET_COLUMNS:
            mask &= frame[_SET_COLUMNS[name]].map(lambda members, v=value: v in members)
        else:
            mask &= frame[name] == value
    return frame[mask]


BASIS_LABELS = {"one-off": "One-off", "per-year": "Per year", "total": "Total over a period"}
STATUS_LABELS = {"delivered": "Delivered", "forecast": "Forecast"}
TYPE_LABELS = {"cashable": "Cashable", "non-cashable": "Non-cashable", "cost-avoidance": "Cost avoidance",
               "income": "Income"}


def summarise_savings(savings: pd.DataFrame) -> pd.DataFrame:
    """Savings summed by basis (rows) and status (columns): bases are never added together."""
    table = savings.pivot_table(index="basis", columns="status", values="amount", aggfunc="sum", fill_value=0)
    return table.reindex(index=list(BASIS_LABELS), columns=list(STATUS_LABELS), fill_value=0)
