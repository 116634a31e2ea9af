"""The filter form and the filterable case-study list of the search page and the case-study index.
Both work without JavaScript (the index lists every case study); docs/javascripts/hub-search.js enhances them."""

from __future__ import annotations

from . import models
from .facets import KINDS, SORTS, Facet, build_facets, facet_values, sort_keys
from .render import case_study_uri, esc, format_money, link

SCRIPT = "javascripts/hub-search.js"
ANY = {"theme": "Any theme", "partnership": "Any partnership", "authority": "Any authority",
       "type": "Any type", "region": "Any region", "subregion": "Any sub-region", "year": "Any year",
       "delivered": "With or without"}


def folder(uri: str) -> str:
    """The folder a page is served from: 'case-studies/x.md' -> 'case-studies/x/', 'themes/index.md' -> 'themes/'."""
    path = uri[:-3]
    return path[: -len("index")] if path.endswith("index") else path + "/"


def page_url(from_uri: str, to_uri: str) -> str:
    """A link for raw HTML from one page's address to another's (MkDocs only rewrites Markdown links)."""
    return link(folder(from_uri) + "index.md", folder(to_uri) + "index.md")[: -len("index.md")] or "./"


def asset_url(from_uri: str, asset: str) -> str:
    return link(folder(from_uri) + "index.md", asset)


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
        sort_hint = ('<p class="hub-note" id="hub-sort-hint">Sorting by date, saving or title lists case studies only.</p>')
    else:
        sorts, sort_hint = list(SORTS), ""
    selects.append(render_select("sort", "Sort by", sorts, None))
    return (
        f'<form class="hub-filters" data-hub-filters="{mode}" method="get" hidden>\n'
        f'{query}<fieldset><legend>Filter and sort</legend><div class="hub-filters__grid">{"".join(selects)}</div>'
        f'{sort_hint}<button type="reset" class="md-button">Clear filters</button></fieldset>\n</form>\n'
        '<p class="hub-status" id="hub-status" role="status" aria-live="polite" aria-atomic="true"></p>\n'
    )


def render_case_study_index(case_studies: list[models.CaseStudy], hub, from_uri: str) -> str:
    """Every case study as a list item carrying its filter values and sort keys in data-* attributes."""
    items = []
    for cs in case_studies:
        data = {**facet_values(cs, hub), **{k: [v] for k, v in sort_keys(cs).items()}}
        attributes = "".join(f' data-{key}="{esc(" ".join(values))}"' for key, values in data.items())
        delivered = sum(s.amount for s in cs.savings if s.status == "delivered")
        facts = [esc(hub.partnerships[cs.partnership].short_name), str(cs.year)]
        if delivered:
            facts.append(f"{esc(format_money(delivered))} delivered")
        items.append(f'<li{attributes}><a href="{esc(page_url(from_uri, case_study_uri(cs.slug)))}">{esc(cs.title)}</a>'
                     f'<br>{esc(cs.summary)}<br><small>{" · ".join(facts)}</small></li>')
    if not items:
        return "*No published case studies yet.*\n"
    return '<ul class="hub-case-list" id="hub-case-list">\n' + "\n".join(items) + "\n</ul>\n"


def render_case_study_index_page(hub, from_uri: str = "case-studies/index.md") -> str:
    """The filter form, its script and the full list (the list alone is what readers without JavaScript get)."""
    return (render_filter_form(build_facets(hub), "index")
            + render_case_study_index(list(hub.case_studies.values()), hub, from_uri)
            + f'\n<script type="module" src="{asset_url(from_uri, SCRIPT)}"></script>\n')


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
        f'\n<script type="module" src="{asset_url(from_uri, SCRIPT)}"></script>\n'
    )
