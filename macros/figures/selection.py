"""Which case studies, in which order: the one vocabulary of filters (as macros name them, and as addresses and the
search index name them) and of sorts, and the one engine that selects by them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..content import models
from .savings import largest_delivered


@dataclass(frozen=True)
class Filter:
    """One way to choose case studies."""

    name: str          # as macros take it: authority_type="district"
    key: str | None    # in addresses, filter forms and the search index (?type=district); None: pages only
    column: str        # the case-study frame's column it looks in
    is_set: bool       # whether that column holds a set (a case study names several councils)
    label: str = ""    # in filter forms


FILTERS = {f.name: f for f in (
    Filter("theme", "theme", "themes", True, "Theme"),
    Filter("partnership", "partnership", "partnership", False, "Partnership"),
    Filter("programme", "programme", "programme", False, "Programme"),
    # The councils a case study names (those it is credited to): see `attribution`.
    Filter("authority", "authority", "authorities", True, "Authority"),
    Filter("authority_type", "type", "authority_types", True, "Authority type"),
    Filter("region", "region", "regions", True, "Region"),
    Filter("sub_region", "subregion", "sub_regions", True, "Sub-region"),
    # Area-wide work: the area it covered, and the councils and sub-regions of that area (never credited to them).
    Filter("area", "area", "covered_areas", True, "Area-wide work covering"),
    Filter("covering_authority", None, "covered_authorities", True),
    Filter("covering_sub_region", None, "covered_sub_regions", True),
    Filter("year", "year", "year", False, "Year reported"),
)}


def index_postings(frame: pd.DataFrame) -> dict[tuple[str, object], list[str]]:
    """(filter, value) -> slugs in the frame's order, so selecting looks filters up instead of scanning every case
    study (browse pages select once per authority, theme and year: a scan each would grow with the square)."""
    postings: dict[tuple[str, object], list[str]] = {}
    for name, spec in FILTERS.items():
        for slug, value in zip(frame.index, frame[spec.column]):
            for member in (value if spec.is_set else (value,)):
                postings.setdefault((name, member), []).append(slug)
    return postings


def select_slugs(postings: dict, slugs: list[str], **filters) -> list[str]:
    """The slugs matching every filter given (`None` means no filter), in the order of `slugs`."""
    active = {name: value for name, value in filters.items() if value is not None}
    unknown = set(active) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter {sorted(unknown)[0]!r}")
    lists = sorted((postings.get(item, []) for item in active.items()), key=len)
    if not lists:
        return list(slugs)
    others = [set(other) for other in lists[1:]]
    return [slug for slug in lists[0] if all(slug in other for other in others)]


def reported_day(cs: models.CaseStudy) -> dt.date:
    """When a case study's figures were reported, as its source dates them, to sort by: a source dated by year or
    month only counts from its first day ('2011' as 1 January 2011, '2011-04' as 1 April 2011)."""
    parts = [int(part) for part in cs.source.date.split("-")]
    return dt.date(*parts, *[1] * (3 - len(parts)))


@dataclass(frozen=True)
class Sort:
    """One order of case studies: the newest figures (the day their source reported them), the newest on the hub
    (the day added, or last updated), by title, or by the largest single delivered saving on one basis (amounts on
    different bases are never compared). Readers judge a figure by its age, so lists default to the newest figures;
    what changed on the hub lately is What's new's and the feeds' order (`changes.py`)."""

    key: str                 # in addresses and macros: sort=saving-total
    label: str               # in the sort menu
    basis: str | None = None  # the basis of a "largest saving" sort
    words: str = ""           # what a result shows it was ranked by

    def order(self, cs: models.CaseStudy) -> tuple:
        """A key for `sorted`: first in this order comes first."""
        if self.basis:
            return (-self.amount(cs), cs.title.lower())
        if self.key in DATES:
            return (-DATES[self.key](cs).toordinal(), cs.title.lower())
        return (cs.title.lower(),)

    def value(self, cs: models.CaseStudy) -> str:
        """The same key as a string that sorts correctly in the browser and the search index: an ISO date, whole
        pounds, a lower-case title (the browser sorts dates and amounts descending, titles ascending)."""
        if self.basis:
            return str(self.amount(cs))
        if self.key in DATES:
            return DATES[self.key](cs).isoformat()
        return cs.title.lower()

    def amount(self, cs: models.CaseStudy) -> int:
        largest = largest_delivered(cs, self.basis)
        return largest.amount if largest else 0


SORTS = {sort.key: sort for sort in (
    Sort("newest", "Newest figures first (date reported)"),
    Sort("added", "Newest on the hub first (date added or updated)"),
    Sort("saving-total", "Largest delivered total over a period first", "total",
         "largest delivered total over a period"),
    Sort("saving-a-year", "Largest delivered saving a year first", "per-year", "largest delivered saving a year"),
    Sort("saving-one-off", "Largest delivered one-off saving first", "one-off", "largest delivered one-off saving"),
    Sort("title", "Title (A to Z)"),
)}
# Sorts named as the hub once named them, each mapped to the nearest sort offered now, so a shared address or a page
# calling a macro keeps its order: the one "largest saving" sort compared any saving, and the largest figures are
# totals over a period.
LEGACY_SORTS = {"saving": "saving-total", "savings": "saving-total", "savings-a-year": "saving-a-year",
                "savings-one-off": "saving-one-off"}


def sort_case_studies(case_studies, key: str) -> list[models.CaseStudy]:
    return sorted(case_studies, key=SORTS[LEGACY_SORTS.get(key, key)].order)


def newest_first(case_studies) -> list[models.CaseStudy]:
    """Published case studies as the hub lists them: the newest figures first (the day reported), then by title."""
    return sort_case_studies(case_studies, "newest")


def last_changed(cs: models.CaseStudy) -> dt.date:
    """The day of a case study's last change readers should know of: an update counts as a change."""
    return cs.updated or cs.published


DATES = {"newest": reported_day, "added": last_changed}  # the sorts by a date, each by its own
