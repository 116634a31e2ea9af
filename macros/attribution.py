"""Attribution, the one rule every page, filter, facet, league and figure follows: a case study is credited only to
the councils it names (`authorities`); area-wide work (`area`) is shown as work that covered the councils and
sub-regions of its area, never counted as theirs.

An area covers:
- a sub-region: that sub-region and its councils;
- a region (matched to the councils' and sub-regions' `region` by the region's name): every sub-region and council
  in it;
- England (`england`): every region, sub-region and council.
A case study that names a council is credited to it, so it is never also listed as having covered it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import models

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


def credited_authorities(cs: models.CaseStudy) -> frozenset[str]:
    """The councils a case study's savings are credited to: only those it names."""
    return frozenset(cs.authorities)


def credited_sub_regions(cs: models.CaseStudy, authorities: dict) -> frozenset[str]:
    """Sub-regions credited with a case study: those of the councils it names."""
    return frozenset(authorities[a].sub_region for a in cs.authorities if authorities[a].sub_region)


def sub_region_shares(cs: models.CaseStudy, authorities: dict) -> dict[str, float]:
    """Each sub-region's equal share of a case study: the part of its named councils that lie in the sub-region."""
    shares: dict[str, float] = {}
    for authority_id in cs.authorities:
        sub = authorities[authority_id].sub_region
        if sub:
            shares[sub] = shares.get(sub, 0.0) + 1 / len(cs.authorities)
    return shares


def covered_authorities(cs: models.CaseStudy, areas: AreaIndex) -> frozenset[str]:
    """Councils whose area the case study's area-wide work covered, less those it names (they are credited)."""
    if not cs.area:
        return frozenset()
    return areas.authorities.get(cs.area, frozenset()) - credited_authorities(cs)


def covered_sub_regions(cs: models.CaseStudy, areas: AreaIndex, authorities: dict) -> frozenset[str]:
    """Sub-regions the case study's area-wide work covered, less those credited through a council it names."""
    if not cs.area:
        return frozenset()
    return areas.sub_regions.get(cs.area, frozenset()) - credited_sub_regions(cs, authorities)


def covered_areas(cs: models.CaseStudy, areas: AreaIndex) -> frozenset[str]:
    """Every area (England, regions, sub-regions) the case study's area-wide work covered: for the area filter."""
    return areas.regions.get(cs.area, frozenset()) if cs.area else frozenset()


def area_name(area_id: str, registers: dict) -> str:
    """An area's name from the regions or sub-regions register."""
    item = registers.get("regions", {}).get(area_id) or registers["sub_regions"][area_id]
    return item.name


RULE = ("Savings are credited only to the councils a case study names. Area-wide work, whose source names no "
        "councils, is listed on the pages of the councils and sub-regions of its area as work that covered them, "
        "and is never counted as theirs.")
