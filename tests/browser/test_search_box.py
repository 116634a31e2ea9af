"""The search box in the header of every page (partials/hub-header-search.html, docs/javascripts/hub-search-box.js) and
the search page's layout (docs/stylesheets/search.css), in chromium."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

from tests.browsing import open_tab

CASE_STUDY = "case-studies/glossop-one-stop-shop/"
BOX = "#hub-header-q"
OPTIONS = ".hub-search-popup:not([hidden]) [role=option]"


def type_in_header(tab, text: str) -> list[str]:
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == BOX[1:], "/ did not move focus to the header's search box"
    tab.keyboard.type(text)
    tab.wait_for_selector(OPTIONS)
    tab.wait_for_function("q => document.querySelector('.hub-search-popup__all').textContent.includes(q)", arg=text)
    return [o["href"] for o in tab.eval_on_selector_all(OPTIONS, "os => os.map(o => ({href: o.dataset.href}))")]


def test_typing_in_the_header_of_a_case_study_lists_results_and_enter_opens_the_search_page(page, site_url):
    page.goto(site_url + CASE_STUDY)
    hrefs = type_in_header(page, "shared legal service")
    assert "/case-studies/shared-legal-service-leicestershire/" in [urlparse(href).path for href in hrefs[:3]]
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    assert listbox.get_attribute("role") == "listbox" and listbox.is_visible()
    page.keyboard.press("ArrowDown")
    first = page.locator(OPTIONS).first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")  # back to the box: nothing chosen, so Enter searches
    assert box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert urlparse(page.url).path == "/search/"
    assert parse_qs(urlparse(page.url).query)["q"] == ["shared legal service"]
    page.wait_for_selector("#hub-results li")
    assert page.input_value("#hub-filter-q") == "shared legal service"
    assert urlparse(page.eval_on_selector("#hub-results li a", "a => a.href")).path == \
        "/case-studies/shared-legal-service-leicestershire/"


def test_the_arrow_keys_choose_a_result_and_enter_opens_it(page, site_url):
    page.goto(site_url + CASE_STUDY)
    hrefs = type_in_header(page, "telecare")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = urlparse(urljoin(page.url, hrefs[1])).path
    page.wait_for_url("**" + chosen)
    assert urlparse(page.url).path == chosen


def test_escape_closes_the_results_then_clears_the_box(page, site_url):
    page.goto(site_url + CASE_STUDY)
    type_in_header(page, "procurement")
    page.keyboard.press("Escape")
    box = page.locator(BOX)
    assert box.get_attribute("aria-expanded") == "false" and not page.locator(".hub-search-popup").is_visible()
    assert box.input_value() == "procurement" and page.evaluate("document.activeElement.id") == BOX[1:]
    page.keyboard.press("ArrowDown")  # the results come back
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert box.input_value() == ""


def test_the_slash_key_is_left_to_form_fields(page, site_url):
    page.goto(site_url + "search/")
    page.wait_for_selector("form[data-hub-filters]:not([hidden])")
    page.focus("#hub-filter-q")
    page.keyboard.type("revenues/benefits")
    assert page.input_value("#hub-filter-q") == "revenues/benefits"
    assert page.evaluate("document.activeElement.id") == "hub-filter-q"
    assert page.input_value(BOX) == ""


def test_without_javascript_the_header_box_opens_the_search_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + CASE_STUDY)
    tab.fill(BOX, "pest control")
    tab.press(BOX, "Enter")
    tab.wait_for_url(re.compile(r"/search/\?q="))
    assert parse_qs(urlparse(tab.url).query)["q"] == ["pest control"]
    context.close()


# --- The search page -------------------------------------------------------------------------------------------

def test_on_a_wide_screen_the_filters_sit_beside_the_results_and_the_first_result_shows_unscrolled(browser, site_url):
    tab = open_tab(browser, viewport={"width": 1280, "height": 800})
    tab.goto(site_url + "search/?q=procurement")
    tab.wait_for_selector("#hub-results li")
    tops = tab.evaluate("""() => ['h1', '.md-content__inner > p', '#hub-filter-q', 'form[data-hub-filters] fieldset',
        '#hub-results li'].map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert tops == sorted(tops)  # title, introduction, query, then filters and results: read in the order written
    filters = tab.locator("form[data-hub-filters] fieldset").bounding_box()
    first = tab.locator("#hub-results li").first.bounding_box()
    title = tab.locator("#hub-results li .hub-result__title").first.bounding_box()
    assert filters["x"] + filters["width"] <= first["x"]                    # beside, to the left
    assert filters["y"] < first["y"] + first["height"] and first["y"] < filters["y"] + filters["height"]
    assert tab.evaluate("window.scrollY") == 0 and 0 <= title["y"] and title["y"] + title["height"] <= 800
    assert tab.locator("form[data-hub-filters] .hub-filters__toggle").is_hidden()
    tab.context.close()


def test_on_a_phone_the_filters_fold_behind_a_button_that_unfolds_them(browser, site_url):
    tab = open_tab(browser, viewport={"width": 390, "height": 844})
    tab.goto(site_url + "search/?q=procurement&theme=procurement")
    tab.wait_for_selector("#hub-results li")
    toggle = tab.locator("form[data-hub-filters] .hub-filters__toggle")
    fields = tab.locator("form[data-hub-filters] fieldset")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false" and fields.is_hidden()
    assert toggle.get_attribute("aria-controls") == fields.get_attribute("id")
    assert "(1 chosen)" in toggle.inner_text()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and fields.is_visible()
    assert tab.input_value("#hub-filter-theme") == "procurement"
    tab.context.close()


def test_without_a_query_each_result_shows_its_summary_once(page, site_url, hub):
    page.goto(site_url + "search/?theme=procurement")
    page.wait_for_selector("#hub-results li")
    results = page.eval_on_selector_all("#hub-results li", "items => items.map(li => [li.querySelector('a').href, "
                                        "li.textContent])")
    checked = 0
    for href, text in results:
        slug = urlparse(href).path.strip("/").split("/")[-1]
        if slug in hub.case_studies:
            assert text.count(hub.case_studies[slug].summary) == 1, slug
            checked += 1
    assert checked


# --- Typos and shorthand (search/terms.json, data/synonyms.yaml), against the real content ---------------------------

def intended(hub, query: str) -> set[str]:
    """The case studies a query typed wrong or in shorthand is after, read from the content, not typed here."""
    def titled(*words):
        return {slug for slug, cs in hub.case_studies.items() if all(w in cs.title.lower() for w in words)}
    return {"pest contol": titled("pest control"), "telecair": titled("telecare"),
            "revs and bens": titled("shared revenues and benefits"), "SPD": titled("single person discount"),
            "LAC": titled("looked after children")}[query]


def wait_for_search(tab) -> str:
    tab.wait_for_function("() => /result/i.test(document.getElementById('hub-status').textContent)")
    return tab.locator("#hub-status").inner_text()


@pytest.mark.parametrize("query, meant", [("pest contol", "pest control"), ("telecair", "telecare"),
                                          ("revs and bens", "revenues and benefits"),
                                          ("SPD", "single person discount"), ("LAC", "looked after children")])
def test_a_query_typed_wrong_or_in_shorthand_finds_the_intended_case_study_in_the_first_three(page, site_url, hub,
                                                                                             query, meant):
    wanted = intended(hub, query)
    assert wanted, f"no case study is about {meant!r} any more: choose another query"
    page.goto(site_url + "search/?" + f"q={query}")
    wait_for_search(page)
    first_three = [urlparse(href).path.strip("/").split("/")[-1] for href in page.eval_on_selector_all(
        "#hub-results .hub-result__title a", "links => links.slice(0, 3).map(a => a.href)")]
    assert wanted & set(first_three), (query, first_three)
    note = page.locator("#hub-correction")
    assert note.inner_text() == f"Showing results for {meant}; search instead for {query}"
    instead = note.locator("a")
    instead.click()
    page.wait_for_url(re.compile(r"typed=1"))
    wait_for_search(page)
    assert parse_qs(urlparse(page.url).query)["q"] == [query] and page.locator("#hub-correction").is_hidden()
    assert page.input_value("#hub-filter-q") == query


def test_a_query_the_pages_use_is_searched_as_typed(page, site_url):
    page.goto(site_url + "search/?q=NNDR")
    status = wait_for_search(page)
    assert "for “NNDR”" in status and page.locator("#hub-correction").is_hidden()


def test_the_header_box_corrects_as_you_type_and_says_so(page, site_url):
    page.goto(site_url + CASE_STUDY)
    page.keyboard.press("/")
    page.keyboard.type("telecair")
    page.wait_for_selector(".hub-search-popup:not([hidden]) .hub-search-popup__note:not([hidden])")
    assert page.locator(".hub-search-popup__note").inner_text() == \
        "Showing results for telecare; search instead for telecair"
    first = page.locator(OPTIONS).first.get_attribute("data-href")
    assert urlparse(first).path == "/case-studies/telecare-learning-disabilities-dementia/"


def test_a_corrected_query_is_shown_as_text_never_as_markup(page, site_url):
    page.goto(site_url + "search/?q=" + "telecair%20%3Cb%3E")
    wait_for_search(page)
    note = page.locator("#hub-correction")
    assert note.locator("b").count() == 0 and note.locator("strong").inner_text() == "telecare <b>"
    assert note.locator("a").inner_text() == "search instead for telecair <b>"
