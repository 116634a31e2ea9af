"""Search facets: the filter values and sort keys of each case study and dataset, and the choices offered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import models

# Filter keys as they appear in the URL query, in data-* attributes and in the search index.
FACETS = (
    ("theme", "Theme"),
    ("partnership", "Partnership"),
    ("authority", "Authority"),
    ("type", "Authority type"),
    ("region", "Region"),
    ("subregion", "Sub-region"),
    ("year", "Year reported"),
    ("delivered", "Savings"),
)
SORTS = (
    ("newest", "Newest first"),
    ("saving", "Largest saving first"),
    ("title", "Title (A to Z)"),
)
KINDS = (("case-study", "Case studies"), ("dataset", "Datasets"), ("page", "Guides and other pages"))
DELIVERED_CHOICES = (("yes", "Has delivered savings"), ("no", "No delivered savings reported"))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


@dataclass(frozen=True)
class Facet:
    """One filter: its key, its label and the (value, text) choices a reader can pick."""

    key: str
    label: str
    choices: tuple[tuple[str, str], ...]


def facet_values(cs: models.CaseStudy, hub) -> dict[str, list[str]]:
    """Every filter value of a case study, keyed by facet (multi-valued where a study names several)."""
    members = [hub.authorities[a] for a in cs.authorities]
    delivered = any(s.status == "delivered" for s in cs.savings)
    return {
        "theme": list(cs.themes),
        "partnership": [cs.partnership],
        "authority": list(cs.authorities),
        "type": sorted({a.type for a in members}),
        "region": sorted({slugify(a.region) for a in members}),
        "subregion": sorted({a.sub_region for a in members if a.sub_region}),
        "year": [str(cs.year)],
        "delivered": ["yes" if delivered else "no"],
    }


def sort_keys(cs: models.CaseStudy) -> dict[str, str]:
    """Sort keys as strings that order correctly: ISO dates, whole pounds, lower-case titles."""
    return {
        "newest": cs.published.isoformat(),
        "saving": str(max((s.amount for s in cs.savings), default=0)),
        "title": cs.title.lower(),
    }


def dataset_facet_values(dataset: models.Dataset, hub) -> dict[str, list[str]]:
    """Filter values of a dataset page: its partnership and the authorities and sub-regions its rows name."""
    named = {"authorities": set(), "sub_regions": set()}
    for column in dataset.columns:
        if column.ref in named:
            named[column.ref].update(row[column.id] for row in dataset.rows if row.get(column.id))
    authorities = [hub.authorities[a] for a in sorted(named["authorities"])]
    return {
        "partnership": [dataset.partnership],
        "authority": sorted(named["authorities"]),
        "type": sorted({a.type for a in authorities}),
        "region": sorted({slugify(a.region) for a in authorities}),
        "subregion": sorted(named["sub_regions"] | {a.sub_region for a in authorities if a.sub_region}),
    }


def build_facets(hub) -> list[Facet]:
    """The choices of every filter, limited to values some published case study has (so none is empty)."""
    seen: dict[str, set[str]] = {key: set() for key, _ in FACETS}
    for cs in hub.case_studies.values():
        for key, values in facet_values(cs, hub).items():
            seen[key].update(values)
    authorities = hub.authorities
    regions = {slugify(a.region): a.region for a in authorities.values()}
    names = {
        "theme": [(t.id, t.name) for t in hub.themes.values()],
        "partnership": [(p.id, p.name) for p in hub.partnerships.values()],
        "authority": sorted(((a.id, a.name) for a in authorities.values()), key=lambda pair: pair[1]),
        "type": [(t, t.replace("-", " ").capitalize()) for t in models.AUTHORITY_TYPES],
        "region": sorted(regions.items(), key=lambda pair: pair[1]),
        "subregion": sorted(((s.id, s.name) for s in hub.sub_regions.values()), key=lambda pair: pair[1]),
        "year": [(str(y), str(y)) for y in hub.years()],
        "delivered": list(DELIVERED_CHOICES),
    }
    return [Facet(key, label, tuple((value, text) for value, text in names[key] if value in seen[key]))
            for key, label in FACETS]
