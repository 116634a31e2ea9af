"""The frames every figure is computed from: one row per published case study (what it belongs to, for filtering),
one row per saving (whom it is credited to, by `attribution`, the one rule)."""

from __future__ import annotations

import pandas as pd

from ..content import models
from . import attribution
from .savings import delivered_by_basis, kind_group


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
            "investment": cs.investment, "has_delivered": bool(delivered_by_basis(cs.savings)),
        })
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    return frame.set_index("slug", drop=False)


FRAME_COLUMNS = ["slug", "title", "published", "updated", "partnership", "programme", "year", "themes", "authorities",
                 "sub_regions", "authority_types", "regions", "area", "covered_authorities",
                 "covered_sub_regions", "covered_areas", "investment", "has_delivered"]


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
