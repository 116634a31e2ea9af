"""Search facets: the filter values and sort keys of each case study and dataset, and the choices offered.

The authority and sub-region filters match the case studies naming a council, the same set its page lists as its
own; area-wide work is found with the "Area-wide work covering" filter and never appears under a council
(`attribution` holds the rule). With a council filter (authority, type, region, sub-region), the savings filter
looks only at the savings credited to such a council, as its page and the leagues count them: each case study
carries a `credit` value for each council filter and savings value its credited savings give
("authority=blaby|cashable-per-year"), and the script matches those when both are chosen."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import models
from ..content.memo import Same, reuse
from ..content.slugs import slugify
from ..figures import attribution
from ..figures.savings import (
    KIND_GROUPS, KIND_LABELS, STATUS_LABELS, TYPE_LABELS, delivered_by_basis, kind_group, largest_delivered,
)
from ..figures.selection import FILTERS, SORTS
from .format import format_money

# The filters readers choose from, by their keys in addresses, data-* attributes and the search index
# (`selection.FILTERS`, which maps the macros' names to these), and the savings filter, which chooses by savings.
FACETS = (*((f.key, f.label) for f in FILTERS.values() if f.key), ("delivered", "Savings"))
KINDS = (("case-study", "Case studies"), ("dataset", "Datasets"), ("page", "Guides and other pages"))
BASIS_WORDS = {"per-year": "a year", "one-off": "one-off", "total": "total over a period"}


def saving_value(status: str, kind: str, basis: str) -> str:
    """The filter value of case studies with a saving of this status, kind group and basis ('cashable-per-year')."""
    return f"{'' if status == 'delivered' else 'forecast-'}{kind}-{basis}"


DELIVERED_CHOICES = (
    ("yes", "Has delivered savings"), ("no", "No delivered savings reported"),
    *((saving_value(status, kind, basis), f"{STATUS_LABELS[status]}: {KIND_LABELS[kind].lower()}, {BASIS_WORDS[basis]}")
      for status in STATUS_LABELS for kind in KIND_GROUPS for basis in BASIS_WORDS),
    ("investment", "States the investment"),
)
# Facets naming a council or a kind of council, and the case-study facet of the savings they qualify.
COUNCIL_FACETS = tuple(FILTERS[name].key for name in FILTERS if name in attribution.COUNCIL_FILTERS)
CREDIT = "credit"


def facet_value(name: str, value) -> str:
    """A filter's value as addresses and the search index write it: a region by its name made a slug."""
    return slugify(value) if name == "region" else str(value)


def filter_query(filters: dict, savings: str | None = None) -> dict[str, str]:
    """Macro filters as the case-study index's query (`partnership="lga"` -> `partnership=lga`), plus the kind of
    saving a figure counts (`delivered=cashable-per-year`), so a figure can link to the case studies it counts."""
    query = {FILTERS[name].key: facet_value(name, value) for name, value in filters.items() if value is not None}
    return {**query, "delivered": savings} if savings else query


@dataclass(frozen=True)
class Facet:
    """One filter: its key, its label and the (value, text) choices a reader can pick."""

    key: str
    label: str
    choices: tuple[tuple[str, str], ...]


def savings_values(savings: list[models.Saving]) -> set[str]:
    """The savings filter's values some of these savings give: "yes" for a delivered one, and each status, kind
    and basis ("cashable-per-year", "forecast-income-total")."""
    values = {saving_value(s.status, kind_group(s.type), s.basis) for s in savings}
    return values | ({"yes"} if delivered_by_basis(savings) else set())


def council_values(authority: models.Authority) -> dict[str, str]:
    """A council's value under each council facet."""
    return {"authority": authority.id, "type": authority.type, "region": facet_value("region", authority.region),
            "subregion": authority.sub_region or ""}


def credit_groups(cs: models.CaseStudy) -> list[tuple[list[str] | None, list[str]]]:
    """Whom a case study's savings are credited to (`attribution`), grouped: (the councils, or None for every council
    it names; the savings filter's values those savings give)."""
    groups: dict[frozenset[str], set[str]] = {}
    for saving in cs.savings:
        groups.setdefault(attribution.saving_authorities(cs, saving), set()).update(savings_values([saving]))
    named = attribution.named_authorities(cs)
    return [(None if councils == named else sorted(councils), sorted(values))
            for councils, values in sorted(groups.items(), key=lambda pair: sorted(pair[0])) if councils]


def credit_values(cs: models.CaseStudy, hub) -> list[str]:
    """'facet=value|savings value' for each council facet value and the savings credited to such a council."""
    values = set()
    for councils, savings in credit_groups(cs):
        for authority_id in councils if councils is not None else cs.authorities:
            for facet, value in council_values(hub.authorities[authority_id]).items():
                if value:
                    values.update(f"{facet}={value}|{item}" for item in savings)
    return sorted(values)


def facet_values(cs: models.CaseStudy, hub) -> dict[str, list[str]]:
    """Every filter value of a case study, keyed by facet (multi-valued where a study names several), and its
    `credit` values (see the module's docstring)."""
    members = [hub.authorities[a] for a in cs.authorities]
    values = savings_values(cs.savings)
    savings = ["yes" if "yes" in values else "no"] + sorted(values - {"yes"})
    if cs.investment is not None:
        savings.append("investment")
    return {
        "theme": list(cs.themes),
        "partnership": [cs.partnership],
        "programme": [cs.programme] if cs.programme else [],
        "authority": sorted(attribution.named_authorities(cs)),
        "type": sorted({a.type for a in members}),
        "region": sorted({facet_value("region", a.region) for a in members}),
        "subregion": sorted(attribution.named_sub_regions(cs, hub.authorities)),
        "area": sorted(attribution.covered_areas(cs, hub.areas)),
        "year": [str(cs.year)],
        "delivered": savings,
        CREDIT: credit_values(cs, hub),
    }


def case_study_facets(hub) -> dict[str, dict[str, list[str]]]:
    """`facet_values` of every published case study, by slug: computed once per Hub for the case-study pages, the
    filter choices and the case-study index's data (in a preview, once per edited case study). Shared: read, never
    changed."""
    return hub.computed("facet_values", lambda: {
        slug: reuse(hub.memo, "facet values", slug, (Same(cs), Same(hub.registers)), lambda: facet_values(cs, hub))
        for slug, cs in hub.case_studies.items()})


def sort_keys(cs: models.CaseStudy) -> dict[str, str]:
    """Every sort's key for a case study, as strings that order correctly (`selection.Sort.value`)."""
    return {key: sort.value(cs) for key, sort in SORTS.items()}


def sorted_amounts(cs: models.CaseStudy) -> dict[str, str]:
    """What each "largest saving" sort ranked a case study by, in words shown on its result."""
    shown = {}
    for key, sort in SORTS.items():
        if not sort.basis:
            continue
        largest = largest_delivered(cs, sort.basis)
        if largest:
            kind = TYPE_LABELS[largest.type].lower()
            shown[key] = f"{sort.words[0].upper()}{sort.words[1:]}: {format_money(largest.amount, exact=True)} ({kind})"
        else:
            shown[key] = f"No {sort.words.removeprefix('largest ')} reported"
    return shown


def dataset_facet_values(dataset: models.Dataset, hub) -> dict[str, list[str]]:
    """Filter values of a dataset page: its partnership and the authorities and sub-regions its rows name."""
    named = {"authorities": set(), "sub_regions": set()}
    for column in dataset.columns:
        if column.ref in named:
            named[column.ref].update(row[column.id] for row in dataset.rows if row.get(column.id))
    authorities = [hub.authorities[a] for a in sorted(named["authorities"])]
    return {
        "partnership": [dataset.partnership],
        "programme": [dataset.programme] if dataset.programme else [],
        "authority": sorted(named["authorities"]),
        "type": sorted({a.type for a in authorities}),
        "region": sorted({facet_value("region", a.region) for a in authorities}),
        "subregion": sorted(named["sub_regions"] | {a.sub_region for a in authorities if a.sub_region}),
    }


def area_choices(hub) -> list[tuple[str, str]]:
    """England first, then the regions, then the sub-regions, each by name."""
    england = [(r.id, f"{r.name} (national work)") for r in hub.regions.values() if r.id == attribution.ENGLAND]
    regions = sorted(((r.id, f"{r.name} (region)") for r in hub.regions.values() if r.id != attribution.ENGLAND),
                     key=lambda pair: pair[1])
    subs = sorted(((s.id, s.name) for s in hub.sub_regions.values()), key=lambda pair: pair[1])
    return england + regions + subs


def build_facets(hub) -> list[Facet]:
    """The choices of every filter, limited to values some published case study has (so none is empty); computed
    once per Hub (the search page and the case-study index both offer them)."""
    return hub.computed("facets", lambda: list_facets(hub))


def list_facets(hub) -> list[Facet]:
    seen: dict[str, set[str]] = {key: set() for key, _ in FACETS}
    for values_of in case_study_facets(hub).values():
        for key, values in values_of.items():
            if key in seen:
                seen[key].update(values)
    authorities = hub.authorities
    regions = {facet_value("region", a.region): a.region for a in authorities.values()}
    names = {
        "theme": [(t.id, t.name) for t in hub.themes.values()],
        "partnership": [(p.id, p.name) for p in hub.partnerships.values()],
        "programme": [(p.id, p.name) for p in hub.programmes.values()],
        "authority": sorted(((a.id, a.name) for a in authorities.values()), key=lambda pair: pair[1]),
        "type": [(t, t.replace("-", " ").capitalize()) for t in models.AUTHORITY_TYPES],
        "region": sorted(regions.items(), key=lambda pair: pair[1]),
        "subregion": sorted(((s.id, s.name) for s in hub.sub_regions.values()), key=lambda pair: pair[1]),
        "area": area_choices(hub),
        "year": [(str(y), str(y)) for y in hub.years()],
        "delivered": list(DELIVERED_CHOICES),
    }
    facets = [Facet(key, label, tuple((value, text) for value, text in names[key] if value in seen[key]))
              for key, label in FACETS]
    return [facet for facet in facets if facet.choices or facet.key not in ("area", "programme")]
