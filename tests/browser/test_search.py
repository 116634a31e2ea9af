"""Search and filters in chromium: the search page and the case-study index (the index Pagefind builds:
tests/unit/site/test_search.py and tests/site/test_search.py)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest

from macros.site.case_study_index import PAGE_SIZE
from tests.recompute import read_case_studies_yaml


def results(page) -> list[str]:
    page.wait_for_selector("#hub-results li")
    return [urlparse(href).path for href in page.eval_on_selector_all("#hub-results .hub-result__title a",
                                                                      "links => links.map(a => a.href)")]


def wait_for_status(page, pattern: str) -> str:
    page.wait_for_function("p => new RegExp(p).test(document.getElementById('hub-status').textContent)", arg=pattern)
    return page.locator("#hub-status").inner_text()


@pytest.mark.parametrize("query, expected", [
    ("shared legal service", "shared-legal-service-leicestershire"),
    ("Glossop one stop shop", "glossop-one-stop-shop"),
    ("single person discount Derbyshire", "derbyshire-single-person-discount-review"),
])
def test_typing_a_query_puts_the_expected_case_study_first(page, site_url, query, expected):
    page.goto(site_url + "search/")
    page.fill("#hub-filter-q", query)
    assert results(page)[0] == f"/case-studies/{expected}/"
    assert re.search(r"\d+ results? for “", wait_for_status(page, "result"))


def test_notts_finds_every_nottinghamshire_county_council_case_study(page, site_url, hub):
    page.goto(site_url + "search/?q=Notts")
    page.wait_for_selector("#hub-results li")
    found = set(page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search('Notts');
        return Promise.all(search.results.map(r => r.data().then(d => d.url)));
    }"""))
    expected = {f"/case-studies/{cs.slug}/" for cs in hub.select(authority="nottinghamshire-cc")}
    assert expected and expected <= found


def test_a_filter_shows_only_matching_results(page, site_url, hub):
    page.goto(site_url + "search/")
    page.fill("#hub-filter-q", "council")
    results(page)
    page.select_option("#hub-filter-theme", "procurement")
    status = wait_for_status(page, "Theme: Procurement")
    shown = results(page)
    allowed = {f"/case-studies/{cs.slug}/" for cs in hub.select(theme="procurement")}
    assert shown and set(shown) <= allowed
    assert "theme=procurement" in page.url and "q=council" in page.url
    assert int(status.split()[0]) <= len(allowed)


def test_a_shared_filter_url_opens_the_same_view(page, site_url, browser):
    page.goto(site_url + "search/")
    page.fill("#hub-filter-q", "shared service")
    page.select_option("#hub-filter-partnership", "em-iep")
    page.select_option("#hub-filter-sort", "title")
    status = wait_for_status(page, "Sorted: title")
    shown = results(page)
    shared = page.url
    assert parse_qs(urlparse(shared).query) == {"q": ["shared service"], "partnership": ["em-iep"], "sort": ["title"]}
    other = browser.new_context().new_page()
    other.goto(shared)
    assert wait_for_status(other, "Sorted: title") == status
    assert results(other) == shown
    assert other.input_value("#hub-filter-partnership") == "em-iep"
    other.context.close()


def test_the_case_study_index_filters_sorts_and_keeps_the_view_in_the_url(page, site_url, hub):
    page.goto(site_url + "case-studies/?authority=nottinghamshire-cc&sort=title")
    status = wait_for_status(page, "case studies shown")
    visible = page.eval_on_selector_all("#hub-case-list > li:not([hidden]) > a", "links => links.map(a => a.textContent)")
    expected = sorted((cs.title for cs in hub.select(authority="nottinghamshire-cc")), key=str.lower)
    assert [title.lower() for title in visible] == [title.lower() for title in expected]
    assert status.startswith(f"{len(expected)} of {len(hub.case_studies)} case studies shown")


def unfiltered_status(hub) -> str:
    """What the index's status line says with no filter: its first page is all of it, or the first PAGE_SIZE."""
    count = len(hub.case_studies)
    return f"All {count} case studies shown" if count <= PAGE_SIZE else f"Case studies 1 to {PAGE_SIZE} of {count} shown"


def test_filters_work_with_the_keyboard_alone_and_changes_are_announced(page, site_url, hub):
    page.goto(site_url + "case-studies/")
    wait_for_status(page, unfiltered_status(hub))
    live = page.locator("#hub-status")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    for _ in range(60):  # Tab from the top of the page to the theme filter, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hub-filter-theme":
            break
    else:
        pytest.fail("the theme filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # the first theme
    first_theme = next(iter(hub.themes.values()))
    status = wait_for_status(page, f"Theme: {re.escape(first_theme.name)}")
    assert status.startswith(f"{len(hub.select(theme=first_theme.id))} of ")
    assert f"theme={first_theme.id}" in page.url
    while page.evaluate("document.activeElement.textContent") != "Clear filters":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_for_status(page, unfiltered_status(hub))
    assert "theme=" not in page.url
    assert page.locator(".hub-pagination").is_visible() is (len(hub.case_studies) > PAGE_SIZE)


def test_the_search_page_works_with_the_keyboard_alone(page, site_url):
    page.goto(site_url + "search/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hub-filter-q":
            break
    page.keyboard.type("shared legal service")
    page.keyboard.press("Enter")
    first = results(page)[0]
    page.focus("#hub-filter-q")
    for _ in range(40):  # onward through the filters to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#hub-results') !== null"):
            break
    assert urlparse(page.evaluate("document.activeElement.href")).path == first


def test_without_javascript_the_index_pages_list_every_case_study_and_hide_the_form(browser, site_url, hub):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "case-studies/")
    assert not page.locator("form.hub-filters").is_visible()
    listed = []
    while True:  # page by page, through the links after each list
        listed += [urlparse(href).path for href in page.eval_on_selector_all(
            "#hub-case-list > li:visible > a", "links => links.map(a => a.href)")]
        following = page.locator(".hub-pagination a[aria-current] >> xpath=../following-sibling::li[1]/a")
        if not following.count() or not following.inner_text().isdigit():
            break
        following.click()
    assert listed == [f"/case-studies/{slug}/" for slug in hub.case_studies]
    context.close()


# --- "Largest saving" sorts: the largest single delivered saving on one basis, shown on each result ---------------

def largest_delivered_from_yaml(basis: str) -> dict[str, int]:
    """Each published case study's largest delivered saving on one basis, read from the YAML here (0 if none)."""
    return {slug: max((s["amount"] for s in front.get("savings") or []
                       if s["status"] == "delivered" and s["basis"] == basis), default=0)
            for slug, front in read_case_studies_yaml().items()}


def shown_amount(text: str) -> int:
    match = re.search(r": £([\d,]+) \(", text)
    return int(match.group(1).replace(",", "")) if match else 0


@pytest.mark.parametrize("sort, basis, words", [
    ("saving-total", "total", "Largest delivered total over a period"),
    ("saving-a-year", "per-year", "Largest delivered saving a year"),
])
def test_the_index_sorted_by_largest_saving_shows_each_amount_it_sorted_by(page, site_url, sort, basis, words):
    page.goto(site_url + f"case-studies/?sort={sort}")
    status = wait_for_status(page, "case studies shown")
    assert f"Sorted: {words.lower()} first." in status
    items = page.eval_on_selector_all(
        "#hub-case-list > li:not([hidden])",
        "items => items.map(li => [li.querySelector('a').getAttribute('href'), "
        "[...li.querySelectorAll('.hub-sorted-by')].filter(s => !s.hidden).map(s => s.textContent)])")
    expected = largest_delivered_from_yaml(basis)
    assert len(items) == len(expected)
    amounts = []
    for href, shown in items:
        assert len(shown) == 1, href  # exactly the amount of the sort in force
        slug = href.strip("/")
        assert shown_amount(shown[0]) == expected[slug], (slug, shown)
        assert shown[0].strip().startswith(words if expected[slug] else "No delivered")
        amounts.append(expected[slug])
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > 0


def test_search_sorted_by_largest_saving_ranks_by_delivered_amounts_on_one_basis_and_shows_them(page, site_url):
    page.goto(site_url + "search/?q=council&sort=saving-total")
    wait_for_status(page, "Sorted: largest delivered total over a period first")
    shown = results(page)
    notes = page.eval_on_selector_all(".hub-result", "items => items.map(li => "
                                      "(li.querySelector('.hub-result__sorted-by') || {}).textContent || '')")
    expected = largest_delivered_from_yaml("total")
    amounts = [expected[url.split("/")[2]] for url in shown]
    assert [shown_amount(note) for note in notes] == amounts
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > 0


@pytest.mark.parametrize("address", ["case-studies/?sort=saving", "search/?q=council&sort=saving"])
def test_an_old_link_sorted_by_saving_still_sorts_by_the_largest_saving(page, site_url, address):
    page.goto(site_url + address)
    status = wait_for_status(page, "Sorted: ")
    assert "Sorted: largest delivered total over a period first." in status
    assert page.locator("#hub-filter-sort").input_value() == "saving-total"
    assert "sort=saving-total" in page.url  # the address now names the sort in force
    expected = largest_delivered_from_yaml("total")
    if address.startswith("search/"):
        amounts = [expected[url.split("/")[2]] for url in results(page)]
    else:
        hrefs = page.eval_on_selector_all("#hub-case-list > li:not([hidden]) > a",
                                          "links => links.map(a => a.getAttribute('href'))")
        amounts = [expected[href.strip("/")] for href in hrefs]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > 0


# --- "Newest": the newest figures (the day their source reported them), or the newest on the hub ------------------

def day_of(cs, sort: str) -> dt.date:
    """The day a date sort goes by, found here from the case study: the day its source reported its figures (a year
    or month alone counting from its first day), or the day the hub added or last updated it."""
    if sort == "added":
        return cs.updated or cs.published
    parts = [int(part) for part in cs.source.date.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


DATE_SORTS = [("newest", "Newest figures first (date reported)"),
              ("added", "Newest on the hub first (date added or updated)")]


def test_the_sort_menus_offer_the_newest_figures_and_the_newest_on_the_hub_each_saying_which_date(page, site_url):
    for address in ("search/", "case-studies/"):
        page.goto(site_url + address)
        options = page.eval_on_selector_all("#hub-filter-sort option", "options => options.map(o => [o.value, o.text])")
        assert [list(sort) for sort in DATE_SORTS] == [option for option in options if option[0] in dict(DATE_SORTS)]
        hint = page.locator("#hub-sort-hint").text_content()
        assert "“Newest figures” sorts by the day each case study's source reported its figures" in hint


@pytest.mark.parametrize("sort, label", DATE_SORTS)
def test_search_sorted_by_a_newest_sort_orders_the_results_by_its_date(page, site_url, hub, sort, label):
    page.goto(site_url + "search/?q=council")
    results(page)
    page.select_option("#hub-filter-sort", sort)
    wait_for_status(page, re.escape(f"Sorted: {label.lower()}."))
    assert f"sort={sort}" in page.url
    count = int(page.locator("#hub-status").inner_text().split()[0])
    while page.locator("#hub-more").is_visible():  # every result, ten at a time
        shown = len(results(page))
        page.click("#hub-more")
        page.wait_for_function("n => document.querySelectorAll('#hub-results li').length > n", arg=shown)
    shown = [hub.case_studies[url.split("/")[2]] for url in results(page)]
    days = [day_of(cs, sort) for cs in shown]
    assert len(shown) == count > 10 and days == sorted(days, reverse=True) and len(set(days)) > 1
    details = page.eval_on_selector_all(".hub-result__details", "lines => lines.map(p => p.textContent)")
    for cs, line in zip(shown, details):  # each result says when its figures were reported
        assert " · figures reported " in line and line.split(" · ")[2].endswith(cs.source.date[:4]), (cs.slug, line)


@pytest.mark.parametrize("sort, label", DATE_SORTS)
def test_the_index_sorted_by_a_newest_sort_lists_every_case_study_by_its_date(page, site_url, hub, sort, label):
    page.goto(site_url + f"case-studies/?sort={sort}")
    status = wait_for_status(page, " shown")
    hrefs = page.eval_on_selector_all("#hub-case-list > li:not([hidden]) > a",
                                      "links => links.map(a => a.getAttribute('href'))")
    days = [day_of(hub.case_studies[href.strip("/")], sort) for href in hrefs]
    assert days == sorted(days, reverse=True) and len(set(days)) > 1
    if sort == "added":  # a list from the index's data
        assert status == f"All {len(hub.case_studies)} case studies shown. Sorted: {label.lower()}."
        assert sorted(href.strip("/") for href in hrefs) == sorted(hub.case_studies)
