"""The filter form and the filterable case-study list of the search page and the case-study index.
Both work without JavaScript (the index lists every case study); docs/javascripts/hub-search.js enhances them."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from ...content import models
from ..facets import (COUNCIL_FACETS, FILTER_KEYS, KINDS, LEGACY_SORTS, SORTS, Facet, build_facets, facet_values,
                     slugify, sort_keys, sorted_amounts)
from .tables import case_study_uri, describe_delivered, esc, link

SCRIPT = "javascripts/hub-search.js"  # loaded by the page's template (page.meta.hub_scripts), not its content
ANY = {"theme": "Any theme", "partnership": "Any partnership", "programme": "Any programme",
       "authority": "Any authority", "type": "Any type", "region": "Any region", "subregion": "Any sub-region",
       "area": "Not filtered by area", "year": "Any year", "delivered": "With or without"}
FILTER_HINT = ("Authority, type, region and sub-region find the case studies that name a council; with one of them, "
               "the savings filter looks only at the savings credited to such a council, as its page counts them. "
               "Work the source describes as area-wide, naming no council, is found with "
               "“Area-wide work covering” and is never credited to the councils of its area.")
SORT_HINT = ("“Largest saving” sorts compare the largest single delivered saving of each case study on the basis "
             "chosen (a year, one-off, or a total over a period) and show it on each result; forecasts are not "
             "counted.")


def folder(uri: str) -> str:
    """The folder a page is served from: 'case-studies/x.md' -> 'case-studies/x/', 'themes/index.md' -> 'themes/'."""
    path = uri[:-3]
    return path[: -len("index")] if path.endswith("index") else path + "/"


def page_url(from_uri: str, to_uri: str) -> str:
    """A link for raw HTML from one page's address to another's (MkDocs only rewrites Markdown links)."""
    return link(folder(from_uri) + "index.md", folder(to_uri) + "index.md")[: -len("index.md")] or "./"


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
        sorts = [("", "Best match first"), *SORTS]
        sort_hint = ('<p class="hub-note" id="hub-sort-hint">Sorting by date, saving or title lists case studies '
                     f'only. {esc(SORT_HINT)}</p>')
    else:
        sorts, sort_hint = list(SORTS), f'<p class="hub-note" id="hub-sort-hint">{esc(SORT_HINT)}</p>'
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


def render_case_study_index(case_studies: list[models.CaseStudy], hub, from_uri: str) -> str:
    """Every case study as a list item carrying its filter values and sort keys in data-* attributes."""
    items = []
    for cs in case_studies:
        data = {**facet_values(cs, hub), **{k: [v] for k, v in sort_keys(cs).items()}}
        attributes = "".join(f' data-{key}="{esc(" ".join(values))}"' for key, values in data.items())
        facts = [esc(hub.partnerships[cs.partnership].short_name), str(cs.year)]
        delivered = describe_delivered(cs)
        if delivered:
            facts.append(esc(delivered))
        # What each "largest saving" sort ranks by; the script shows the one in force.
        amounts = "".join(f'<span class="hub-sorted-by" data-sort-shown="{key}" hidden><br>{esc(text)}</span>'
                          for key, text in sorted_amounts(cs).items())
        items.append(f'<li{attributes}><a href="{esc(page_url(from_uri, case_study_uri(cs.slug)))}">{esc(cs.title)}</a>'
                     f'<br>{esc(cs.summary)}<br><small>{" · ".join(facts)}{amounts}</small></li>')
    if not items:
        return "*No published case studies yet.*\n"
    return '<ul class="hub-case-list" id="hub-case-list">\n' + "\n".join(items) + "\n</ul>\n"


def case_study_list_url(from_uri: str, filters: dict, savings: str | None = None) -> str:
    """The case-study index filtered to the case studies a figure counts: macro filters as the index's filters
    (`partnership="lga"` -> `?partnership=lga`), plus the kind of saving counted (`delivered=cashable-per-year`)."""
    query = {}
    for name, value in filters.items():
        if value is None:
            continue
        query[FILTER_KEYS[name]] = slugify(value) if name == "region" else str(value)
    if savings:
        query["delivered"] = savings
    address = page_url(from_uri, "case-studies/index.md")
    return address + ("?" + urlencode(query) if query else "")


def render_case_study_index_page(hub, from_uri: str = "case-studies/index.md") -> str:
    """The filter form and the full list (the list alone is what readers without JavaScript get)."""
    return (render_filter_form(build_facets(hub), "index")
            + render_case_study_index(list(hub.case_studies.values()), hub, from_uri))


def render_search_page(hub, from_uri: str = "search.md") -> str:
    browse = ", ".join(f'<a href="{page_url(from_uri, uri)}">{text}</a>' for text, uri in (
        ("all case studies", "case-studies/index.md"), ("theme", "themes/index.md"),
        ("authority", "authorities/index.md"), ("sub-region", "sub-regions/index.md"),
        ("partnership", "partnerships/index.md"), ("year", "years/index.md"), ("dataset", "datasets/index.md")))
    return (
        "# Search\n\n"
        f'<p>Search the text of every case study, dataset and guide, then narrow the results by filter. '
        f"Or browse: {browse}.</p>\n\n"
        '<noscript><p class="hub-note">Search runs in your browser and needs JavaScript. '
        "Every case study is listed on the case-study index and the browse pages linked above.</p></noscript>\n\n"
        + render_filter_form(build_facets(hub), "search")
        + '<h2 id="hub-results-heading" hidden>Results</h2>\n'
        '<ol class="hub-results" id="hub-results" aria-labelledby="hub-results-heading"></ol>\n'
        '<p class="hub-more" hidden><button type="button" class="md-button" id="hub-more">Show more results</button></p>\n'
    )
