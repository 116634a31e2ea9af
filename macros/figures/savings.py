"""Savings figures: the kinds, statuses and bases they are kept apart by, their sums, and each case study's largest
and delivered savings. Bases, kinds and statuses are never added together."""

from __future__ import annotations

import pandas as pd

from ..content import models

BASIS_LABELS = {"one-off": "One-off", "per-year": "Per year", "total": "Total over a period"}
STATUS_LABELS = {"delivered": "Delivered", "forecast": "Forecast"}
TYPE_LABELS = {"cashable": "Cashable", "non-cashable": "Non-cashable", "cost-avoidance": "Cost avoidance",
               "income": "Income", "unstated": "Kind not stated in the source"}
# Headline figures keep these four apart and never add them together.
KIND_GROUPS = {"cashable": ("cashable",), "non-cashable": ("non-cashable", "unstated"),
               "cost-avoidance": ("cost-avoidance",), "income": ("income",)}
KIND_LABELS = {"cashable": "Cashable", "non-cashable": "Non-cashable or kind not stated",
               "cost-avoidance": "Cost avoidance", "income": "Income"}
SAVING_BASES_OR_ALL = ("all", "one-off", "per-year", "total")


def kind_group(saving_type: str) -> str:
    """The headline group of a saving's type: unstated kinds are shown with non-cashable, never as cashable."""
    return next(group for group, types in KIND_GROUPS.items() if saving_type in types)


def summarise_savings(savings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Savings summed by basis (rows) and status (columns), and how many figures each sum adds: bases are never
    added together."""
    by = savings.groupby(["basis", "status"])["amount"]  # pivot_table is ~10x slower
    shape = {"index": list(BASIS_LABELS), "columns": list(STATUS_LABELS), "fill_value": 0}
    return by.sum().unstack(fill_value=0).reindex(**shape), by.count().unstack(fill_value=0).reindex(**shape)


def savings_by_kind(savings: pd.DataFrame, status: str = "delivered") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Savings of one status summed by kind group (rows) and basis (columns), with the number of case studies
    behind each figure: kinds and bases are never added together."""
    chosen = savings[savings["status"] == status]
    sums = chosen.groupby(["kind", "basis"])["amount"].sum().unstack(fill_value=0)
    counts = chosen.groupby(["kind", "basis"])["slug"].nunique().unstack(fill_value=0)
    shape = {"index": list(KIND_GROUPS), "columns": list(BASIS_LABELS), "fill_value": 0}
    return sums.reindex(**shape), counts.reindex(**shape)


def total_savings(savings: pd.DataFrame, status: str, basis: str = "all") -> float:
    """Savings of one status, on one basis or (only where a sum of bases is shown as such) all of them."""
    chosen = savings[savings["status"] == status]
    if basis != "all":
        chosen = chosen[chosen["basis"] == basis]
    return float(chosen["amount"].sum())


def delivered_by_basis(savings: list[models.Saving]) -> dict[str, int]:
    """The delivered savings of a case study (or those of them credited to a council) summed on each basis that has
    one, in the order of BASIS_LABELS."""
    sums = {}
    for basis in BASIS_LABELS:
        amounts = [s.amount for s in savings if s.status == "delivered" and s.basis == basis]
        if amounts:
            sums[basis] = sum(amounts)
    return sums


def largest_delivered(cs: models.CaseStudy, basis: str) -> models.Saving | None:
    """The largest single delivered saving of a case study on one basis (the "largest saving" sorts use it)."""
    chosen = [s for s in cs.savings if s.status == "delivered" and s.basis == basis]
    return max(chosen, key=lambda s: s.amount, default=None)


def largest_delivered_savings(savings: pd.DataFrame, basis: str, limit: int) -> pd.DataFrame:
    """The case studies whose largest single delivered saving on one basis is largest among these savings (on a
    council's page, those credited to it), largest first, one row each (its slug, amount and type); ties keep the
    savings' order, newest case study first."""
    chosen = savings[(savings["status"] == "delivered") & (savings["basis"] == basis)]
    return chosen.sort_values("amount", ascending=False, kind="stable").drop_duplicates("slug").head(limit)
