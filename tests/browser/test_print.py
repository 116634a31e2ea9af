"""Printing a case study (events packs, committee papers), in chromium: at most two A4 pages, with its title, summary,
figures, source, citation and address, and none of the site's navigation, search or buttons
(docs/stylesheets/print.css)."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.site.format import format_money

from tests.browsing import open_tab

# Screen furniture, as the theme and the hub mark it: none of it may print.
FURNITURE = [".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-skip", ".md-top", "form", "button",
             "[role=search]", ".hub-related", ".hub-copy-link"]


def count_pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree above them)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def longest_case_studies(site, hub, how_many: int = 3) -> list[str]:
    """The case studies whose pages hold the most text and table rows: if they fit, the shorter ones do."""
    def size(slug: str) -> int:
        article = LexborHTMLParser((site / "case-studies" / slug / "index.html").read_text(encoding="utf-8")).css_first(
            "article")
        return len(article.text()) + 300 * len(article.css("tr"))
    return sorted(hub.case_studies, key=size, reverse=True)[:how_many]


@pytest.fixture(scope="module")
def tab(browser):
    tab = open_tab(browser)
    yield tab
    tab.context.close()


def test_the_page_count_counts_pages(tab, site_url):
    tab.goto(site_url + "authorities/")  # a long index: many pages on paper
    assert count_pdf_pages(tab.pdf(format="A4")) > 2


def test_the_longest_case_studies_print_on_at_most_two_a4_pages(tab, site, site_url, hub):
    pages = {}
    for slug in longest_case_studies(site, hub):
        tab.goto(site_url + f"case-studies/{slug}/")
        pages[slug] = count_pdf_pages(tab.pdf(format="A4"))
    assert all(0 < count <= 2 for count in pages.values()), pages


def printed_text(tab) -> str:
    tab.emulate_media(media="print")
    try:
        return tab.evaluate("document.body.innerText")
    finally:
        tab.emulate_media(media="screen")


@pytest.mark.parametrize("slug", ["glossop-one-stop-shop", "derbyshire-joint-pest-control-service"])
def test_a_printed_case_study_has_its_title_summary_figures_source_citation_and_address(tab, site_url, hub, slug):
    study = hub.case_studies[slug]
    tab.goto(site_url + f"case-studies/{slug}/")
    text = " ".join(printed_text(tab).split())
    assert study.title in text and study.summary in text
    for saving in study.savings:
        assert format_money(saving.amount, exact=True) in text
    assert "Source:" in text and study.source.document in text
    address = tab.get_attribute("link[rel=canonical]", "href")  # the page's published address
    assert address.endswith(f"/case-studies/{slug}/")
    assert f"Partnership Knowledge Hub, {study.title}, {address}" in text


@pytest.mark.parametrize("slug", ["glossop-one-stop-shop"])
def test_a_printed_case_study_has_no_navigation_search_or_buttons(tab, site_url, slug):
    tab.goto(site_url + f"case-studies/{slug}/")
    on_screen = tab.evaluate("s => s.filter(sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility()))",
                             FURNITURE)
    assert {".md-header", "form", "button"} <= set(on_screen)  # there is furniture on screen to hide
    tab.emulate_media(media="print")
    printed = tab.evaluate("s => s.filter(sel => [...document.querySelectorAll(sel)].some(e => e.checkVisibility()))",
                           FURNITURE)
    tab.emulate_media(media="screen")
    assert printed == []
    text = printed_text(tab)
    for words in ("Skip to content", "Copy link", "Related case studies", "Search the hub", "What's new"):
        assert words not in text
