"""Attribution, the one rule every page, filter, facet, league and figure follows: a case study's savings are
credited only to councils it names (`authorities`); area-wide work (`area`) is shown as work that covered the
councils and sub-regions of its area, never counted as theirs.

Each saving is credited to the councils its own `authorities` lists (the source gives it for them), else to every
council the case study names; a saving whose `authorities` is `[]` is the area's as a whole and credited to none.
A council named by a case study is listed with it (on its page, under its filter), and counted only for the savings
credited to it.

An area covers:
- a sub-region: that sub-region and its councils;
- a region (matched to the councils' and sub-regions' `region` by the region's name): every sub-region and council
  in it;
- England (`england`): every region, sub-region and council.
A case study that names a council is listed as its own, so it is never also listed as having covered it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import models

ENGLAND = "england"


@dataclass(frozen=True)
class AreaIndex:
    """What each area id covers, worked out once from the registers."""

    authorities: dict[str, frozenset[str]] = field(default_factory=dict)   # area id -> council ids it covers
    sub_regions: dict[str, frozenset[str]] = field(default_factory=dict)   # area id -> sub-region ids it covers
    regions: dict[str, frozenset[str]] = field(default_factory=dict)       # area id -> area ids it covers (itself too)


def index_areas(registers: dict) -> AreaIndex:
    regions = registers.get("regions", {})
    sub_regions = registers.get("sub_regions", {})
    authorities = registers.get("authorities", {})
    authority_map: dict[str, set[str]] = {}
    sub_region_map: dict[str, set[str]] = {}
    area_map: dict[str, set[str]] = {}
    for area_id, region in regions.items():
        everywhere = area_id == ENGLAND
        subs = {s.id for s in sub_regions.values() if everywhere or s.region == region.name}
        sub_region_map[area_id] = subs
        authority_map[area_id] = {a.id for a in authorities.values() if everywhere or a.region == region.name}
        area_map[area_id] = {area_id} | subs | ({r for r in regions} if everywhere else set())
    for sub in sub_regions.values():
        sub_region_map[sub.id] = {sub.id}
        authority_map[sub.id] = {a.id for a in authorities.values() if a.sub_region == sub.id}
        area_map[sub.id] = {sub.id}
    return AreaIndex({k: frozenset(v) for k, v in authority_map.items()},
                     {k: frozenset(v) for k, v in sub_region_map.items()},
                     {k: frozenset(v) for k, v in area_map.items()})


def named_authorities(cs: models.CaseStudy) -> frozenset[str]:
    """The councils a case study names: it is listed on their pages and under their filters."""
    return frozenset(cs.authorities)


def named_sub_regions(cs: models.CaseStudy, authorities: dict) -> frozenset[str]:
    """Sub-regions of the councils a case study names."""
    return sub_regions_of(cs.authorities, authorities)


def saving_authorities(cs: models.CaseStudy, saving: models.Saving) -> frozenset[str]:
    """The councils one saving is credited to: those its own `authorities` lists, else every council the case study
    names; none for a saving of the area as a whole (`authorities: []`) or of a case study naming no council."""
    return frozenset(cs.authorities if saving.authorities is None else saving.authorities)


def credit_differs(cs: models.CaseStudy, saving: models.Saving) -> bool:
    """Whether a saving is credited to other councils than the case study names (shown on its page)."""
    return saving_authorities(cs, saving) != frozenset(cs.authorities)


def sub_regions_of(councils, authorities: dict) -> frozenset[str]:
    return frozenset(authorities[a].sub_region for a in councils if authorities[a].sub_region)


def sub_region_shares(councils, authorities: dict) -> dict[str, float]:
    """Each sub-region's equal share of a saving: the part of the councils credited with it that lie there."""
    shares: dict[str, float] = {}
    for authority_id in sorted(councils):
        sub = authorities[authority_id].sub_region
        if sub:
            shares[sub] = shares.get(sub, 0.0) + 1 / len(councils)
    return shares


def saving_credit(cs: models.CaseStudy, saving: models.Saving, authorities: dict) -> dict:
    """Everything a saving is credited to, as the savings frame holds it: councils, their sub-regions, types and
    regions, and each sub-region's equal share."""
    councils = saving_authorities(cs, saving)
    return {
        "authorities": councils,
        "sub_regions": sub_regions_of(councils, authorities),
        "authority_types": frozenset(authorities[a].type for a in councils),
        "regions": frozenset(authorities[a].region for a in councils),
        "sub_region_shares": sub_region_shares(councils, authorities),
    }


# Filters naming a council, or a kind of council: under them only the savings credited to such a council count.
# filter name -> the savings frame's column of credited ids.
COUNCIL_FILTERS = {"authority": "authorities", "sub_region": "sub_regions", "authority_type": "authority_types",
                   "region": "regions"}


def credited_to(cs: models.CaseStudy, saving: models.Saving, authorities: dict, **filters) -> bool:
    """Whether a saving is credited to a council matching every council filter given (as `COUNCIL_FILTERS`)."""
    credit = saving_credit(cs, saving, authorities)
    return all(value in credit[COUNCIL_FILTERS[name]] for name, value in filters.items()
               if value is not None and name in COUNCIL_FILTERS)


def covered_authorities(cs: models.CaseStudy, areas: AreaIndex) -> frozenset[str]:
    """Councils whose area the case study's area-wide work covered, less those it names (it is listed as theirs)."""
    if not cs.area:
        return frozenset()
    return areas.authorities.get(cs.area, frozenset()) - named_authorities(cs)


def covered_sub_regions(cs: models.CaseStudy, areas: AreaIndex, authorities: dict) -> frozenset[str]:
    """Sub-regions the case study's area-wide work covered, less those of a council it names."""
    if not cs.area:
        return frozenset()
    return areas.sub_regions.get(cs.area, frozenset()) - named_sub_regions(cs, authorities)


def covered_areas(cs: models.CaseStudy, areas: AreaIndex) -> frozenset[str]:
    """Every area (England, regions, sub-regions) the case study's area-wide work covered: for the area filter."""
    return areas.regions.get(cs.area, frozenset()) if cs.area else frozenset()


def narrowest_area(authority_id: str, areas: AreaIndex) -> str | None:
    """The smallest area holding a council (its sub-region, else its region, else England): the work that covered
    the council is the area-wide work covering that area, less any that names the council."""
    holding = [(len(councils), area_id) for area_id, councils in areas.authorities.items() if authority_id in councils]
    return min(holding)[1] if holding else None


def area_name(area_id: str, registers: dict) -> str:
    """An area's name from the regions or sub-regions register."""
    item = registers.get("regions", {}).get(area_id) or registers["sub_regions"][area_id]
    return item.name


RULE = ("Savings are credited only to the councils a case study names, and each saving only to those of them the "
        "source gives it for; a saving the source gives for an area as a whole is credited to none. Area-wide work, "
        "whose source names no councils, is listed on the pages of the councils and sub-regions of its area as work "
        "that covered them, and is never counted as theirs.")
