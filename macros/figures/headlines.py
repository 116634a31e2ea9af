"""Headline figures: how many case studies, councils named and datasets, the investment stated, and savings by
status, kind and basis, for any selection of case studies. The home page's figures and `pkhub figures` both come
from here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .savings import savings_by_kind


@dataclass(frozen=True)
class Counts:
    """What a selection of published case studies holds."""

    case_studies: int
    authorities: int          # councils the case studies name as taking part; area-wide work names none
    investment: int           # the investment stated, summed
    investment_stated: int    # case studies stating one; those that state none are left out of the sum


def count_case_studies(case_studies) -> Counts:
    case_studies = list(case_studies)
    stated = [cs.investment for cs in case_studies if cs.investment is not None]
    return Counts(len(case_studies), len({a for cs in case_studies for a in cs.authorities}), sum(stated), len(stated))


@dataclass(frozen=True)
class SavingsHeadline:
    """The sum of one status, kind and basis of savings, and the case studies behind it."""

    status: str
    kind: str
    basis: str
    amount: float
    case_studies: int


def savings_headlines(savings: pd.DataFrame, status: str, basis: str, kind: str | None = None) -> list[SavingsHeadline]:
    """The headline of one kind of saving of this status and basis, or, without `kind`, one for each kind any case
    study reports: kinds are never added into one figure."""
    sums, counts = savings_by_kind(savings, status)
    return [SavingsHeadline(status, each, basis, float(sums.at[each, basis]), int(counts.at[each, basis]))
            for each in ([kind] if kind else sums.index) if kind or counts.at[each, basis]]
