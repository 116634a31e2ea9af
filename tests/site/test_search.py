"""Search in the built site: the index holds every case study, dataset and good-practice page and no draft, and
every page has the header search box that opens the search page (in chromium: tests/browser/test_search.py and
test_search_box.py)."""

from __future__ import annotations

from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from macros.site.search import read_index


def test_every_case_study_dataset_and_good_practice_page_is_in_the_index(site, hub):
    pages = {page["url"]: page for page in read_index(site)}
    assert {f"/case-studies/{slug}/" for slug in hub.case_studies} <= set(pages)
    assert {f"/datasets/{d}/" for d in hub.datasets} <= set(pages)
    assert "/partnerships/lga/" in pages  # a hand-written page
    assert not [url for url in pages if url.startswith(("/themes/", "/authorities/", "/search/"))]
    study = pages["/case-studies/shared-legal-service-leicestershire/"]
    assert study["filters"]["kind"] == ["case-study"] and "blaby" in study["filters"]["authority"]
    assert study["meta"]["title"] == hub.case_studies["shared-legal-service-leicestershire"].title


def test_drafts_are_not_in_the_index(site, hub):
    urls = {page["url"] for page in read_index(site)}
    assert not [cs.slug for cs in hub.drafts if f"/case-studies/{cs.slug}/" in urls]


def theme_pages(site):
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if '<meta name="generator" content="mkdocs-' in text and 'http-equiv="refresh"' not in text:
            yield path, text


def test_every_page_has_a_header_search_box_that_opens_the_search_page(site):
    missing = []
    for path, text in theme_pages(site):
        address = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        form = LexborHTMLParser(text).css_first("header form.hub-header-search[role=search]")
        box = form and form.css_first("input[type=search][name=q]")
        label = box and form.css_first(f"label[for={box.attributes.get('id')}]")
        if not (form and box and label and urljoin(address, form.attributes.get("action", "")) == "/search/"):
            missing.append(address)
    assert missing == []


def test_every_guide_and_partnership_page_has_details_under_its_title_in_the_index(site):
    pages = {page["url"]: page for page in read_index(site)}
    hand_written = [url for url, page in pages.items() if page["filters"].get("kind") == ["page"]]
    assert any(url.startswith("/guides/") for url in hand_written) and "/partnerships/emce/" in hand_written
    for url in hand_written:
        assert pages[url]["meta"].get("details", "").strip(), f"{url} has no details line in the search index"
    assert pages["/guides/procurement/"]["meta"]["details"].startswith("What the sources say in the hub's procurement")
