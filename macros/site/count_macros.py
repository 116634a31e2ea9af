"""A page macro counting what the hub holds — themes, authorities, sub-regions, partnerships, datasets, years, case
studies — for pages that name the ways in (the home page's cards): counted from the Hub, never typed by hand."""

from __future__ import annotations

from .macro_arguments import check_choice

COUNTED = {
    "case_studies": lambda hub: len(hub.case_studies),
    "themes": lambda hub: len(hub.themes),
    "authorities": lambda hub: len(hub.authorities),
    "sub_regions": lambda hub: len(hub.sub_regions),
    "partnerships": lambda hub: len(hub.partnerships),
    "datasets": lambda hub: len(hub.datasets),
    "years": lambda hub: len(hub.years()),
}


def count_of(hub, page_uri: str, what: str) -> int:
    """How many of a kind the hub holds, each with a page of its own, e.g. `{{ count_of("themes") }}`.
    Kinds: case_studies (published), themes, authorities, sub_regions, partnerships, datasets, years (years with
    case studies)."""
    check_choice("count_of", "what", what, list(COUNTED))
    return COUNTED[what](hub)
