"""The filter form of the search page and the case-study index: a select per facet and the sort order, hidden
until docs/javascripts/hub-search.js runs, since without it the form could not filter anything."""

from __future__ import annotations

import json

from ...figures.selection import LEGACY_SORTS, SORTS
from ..facets import COUNCIL_FACETS, KINDS, Facet
from .text import esc

ANY = {"theme": "Any theme", "partnership": "Any partnership", "programme": "Any programme",
       "authority": "Any authority", "type": "Any type", "region": "Any region", "subregion": "Any sub-region",
       "area": "Not filtered by area", "year": "Any year", "delivered": "With or without"}
FILTER_HINT = ("Authority, type, region and sub-region find the case studies that name a council; with one of them, "
               "the savings filter looks only at the savings credited to such a council, as its page counts them. "
               "Work the source describes as area-wide, naming no council, is found with "
               "“Area-wide work covering” and is never credited to the councils of its area.")
SORT_HINT = ("“Newest figures” sorts by the day each case study's source reported its figures (a source dated by "
             "year alone counts from 1 January), “newest on the hub” by the day the hub added or last updated it. "
             "“Largest saving” sorts compare the largest single delivered saving of each case study on the basis "
             "chosen (a year, one-off, or a total over a period) and show it on each result; forecasts are not "
             "counted.")


def render_select(name: str, label: str, choices, first: str | None) -> str:
    options = [f'<option value="">{esc(first)}</option>'] if first else []
    options += [f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in choices]
    return (f'<div class="hub-filter"><label for="hub-filter-{name}">{esc(label)}</label>'
            f'<select id="hub-filter-{name}" name="{name}">{"".join(options)}</select></div>')


def render_filter_form(facets: list[Facet], mode: str) -> str:
    """The form: a query box on the search page, a select per facet, and the sort order.

    Hidden until the script runs, since without it the form could not filter anything.
    """
    query = ""
    if mode == "search":
        query = ('<div class="hub-filters__query"><label for="hub-filter-q">Search case studies, datasets and guides'
                 '</label><input type="search" id="hub-filter-q" name="q" autocomplete="off" spellcheck="false">'
                 '<button type="submit" class="md-button md-button--primary">Search</button></div>')
    selects = [render_select(f.key, f.label, f.choices, ANY[f.key]) for f in facets]
    if mode == "search":
        selects.insert(0, render_select("kind", "Show", KINDS, "All pages"))
        sorts = [("", "Best match first"), *((key, sort.label) for key, sort in SORTS.items())]
        sort_hint = ('<p class="hub-note" id="hub-sort-hint">Sorting by date, saving or title lists case studies '
                     f'only. {esc(SORT_HINT)}</p>')
    else:
        sorts = [(key, sort.label) for key, sort in SORTS.items()]
        sort_hint = f'<p class="hub-note" id="hub-sort-hint">{esc(SORT_HINT)}</p>'
    selects.append(render_select("sort", "Sort by", sorts, None))
    legacy = json.dumps(LEGACY_SORTS, separators=(",", ":"))
    return (
        f'<form class="hub-filters" data-hub-filters="{mode}" data-council-facets="{" ".join(COUNCIL_FACETS)}" '
        f'data-legacy-sorts="{esc(legacy)}" method="get" hidden>\n'
        f'{query}<fieldset><legend>Filter and sort</legend><div class="hub-filters__grid">{"".join(selects)}</div>'
        f'<p class="hub-note" id="hub-filter-hint">{esc(FILTER_HINT)}</p>'
        f'{sort_hint}<button type="reset" class="md-button">Clear filters</button></fieldset>\n</form>\n'
        '<p class="hub-status" id="hub-status" role="status" aria-live="polite" aria-atomic="true"></p>\n'
    )
