"""Every generated page, gathered for the plugin's `on_files`: case studies, browse and dataset pages, the case-study
index (`case_study_index.py`) and the search page, the macro and field references. Generated pages never pass
through Jinja: case-study text is data, not a template."""

from __future__ import annotations

from .browse_pages import authority_pages, partnership_pages, sub_region_pages, theme_pages, year_pages
from .case_study_index import SCRIPT, case_study_index_files, case_study_index_pages
from .case_study_page import case_study_pages
from .dataset_pages import dataset_pages
from .facets import build_facets
from .field_reference import render_contribute_page
from .html.forms import render_filter_form
from .macro_reference import render_macro_reference
from .markdown import GeneratedPage, page_header
from .passthrough import html_block
from . import urls

BROWSE = (("theme", urls.register_index("themes")), ("authority", urls.register_index("authorities")),
          ("sub-region", urls.register_index("sub_regions")), ("partnership", urls.register_index("partnerships")))


def search_page(hub) -> GeneratedPage:
    uri = urls.SEARCH
    browse = ", ".join(f'<a href="{urls.href(uri, to)}">{text}</a>' for text, to in (
        ("all case studies", urls.CASE_STUDIES), *BROWSE, ("year", urls.YEARS), ("dataset", urls.DATASETS)))
    return GeneratedPage(uri, page_header("Search", "Search and filter the hub's case studies, datasets and guides.",
                                          "search", hub_scripts=[SCRIPT])
                         + "# Search\n" + html_block(
                         f'<p>Search the text of every case study, dataset and guide, then narrow the results by filter. '
                         f"Or browse: {browse}.</p>\n\n"
                         '<noscript><p class="hub-note">Search runs in your browser and needs JavaScript. '
                         "Every case study is listed on the case-study index and the browse pages linked above.</p></noscript>\n\n"
                         + render_filter_form(build_facets(hub), "search")
                         + '<h2 id="hub-results-heading" hidden>Results</h2>\n'
                         '<ol class="hub-results" id="hub-results" aria-labelledby="hub-results-heading"></ol>\n'
                         '<p class="hub-more" hidden><button type="button" class="md-button" id="hub-more">Show more results</button></p>\n'))


def reference_pages(hub) -> list[GeneratedPage]:
    """The editors' references, generated from the code: the page macros, and the guide with its field reference."""
    return [GeneratedPage(urls.MACRO_REFERENCE, page_header(
                "Page macros", "The macros good-practice pages call to compute figures at build time.", "reference")
                + render_macro_reference()),
            GeneratedPage(urls.CONTRIBUTE, render_contribute_page(hub.root))]


def generate_pages(hub, existing: set[str]) -> list[GeneratedPage]:
    """Every generated page; `existing` are the hand-written pages' source paths (they win)."""
    guides = {uri for uri in existing if uri.startswith(urls.GUIDES)}
    pages = [
        *case_study_pages(hub), *case_study_index_pages(hub), *theme_pages(hub, guides), *authority_pages(hub),
        *sub_region_pages(hub), *partnership_pages(hub, existing), *year_pages(hub), *dataset_pages(hub),
        *reference_pages(hub), search_page(hub),
    ]
    return [page for page in pages if page.uri not in existing]


def generate_files(hub) -> list[tuple[str, str]]:
    """(site path, content) of the files generated beside the pages: the data the case-study index filters."""
    return case_study_index_files(hub)
