"""Attribution in the browser: under a council, the savings filter of the case-study index and of the search page
looks only at the savings credited to that council (the small hub of tests/hubs.py)."""

from __future__ import annotations

import pytest

from tests.conftest import serve_folder


@pytest.fixture(scope="module")
def small_url(attribution_hub):
    url, server = serve_folder(attribution_hub.site)
    yield url
    server.shutdown()


COUNCIL_SAVINGS_VIEWS = [
    ("authority=blaby&delivered=yes", {"blaby-alone", "blaby-and-notts", "split-bids"}),
    ("authority=nottinghamshire-cc&delivered=yes", {"blaby-and-notts", "named-work"}),  # split-bids: none of its own
    ("authority=nottinghamshire-cc&delivered=no", {"notts-forecast", "split-bids"}),
    ("authority=nottingham-city&delivered=no", {"notts-forecast"}),
    ("authority=nottingham-city&delivered=forecast-cashable-per-year", {"notts-forecast"}),
    ("authority=nottinghamshire-cc&delivered=forecast-cashable-per-year", set()),  # the City's forecast only
    ("authority=nottingham-city&delivered=cashable-total", {"split-bids"}),
    ("subregion=nottinghamshire&delivered=non-cashable-total", set()),  # Blaby's and the region's, not Notts'
    ("type=district&delivered=non-cashable-total", {"split-bids"}),   # Blaby's own bid
]


@pytest.mark.parametrize("query, expected", COUNCIL_SAVINGS_VIEWS)
def test_the_index_filters_savings_under_a_council_by_the_savings_credited_to_it(page, small_url, query, expected):
    page.goto(small_url + "case-studies/?" + query)
    page.wait_for_function("() => document.getElementById('hub-status').textContent.includes(' of ')")
    shown = page.eval_on_selector_all("#hub-case-list > li:not([hidden]) > a", "links => links.map(a => a.getAttribute('href'))")
    assert {href.strip("/") for href in shown} == expected


@pytest.mark.parametrize("query, expected", COUNCIL_SAVINGS_VIEWS)
def test_the_search_page_filters_savings_under_a_council_by_the_savings_credited_to_it(page, small_url, query, expected):
    page.goto(small_url + "search/?" + query)
    page.wait_for_function("p => new RegExp(p).test(document.getElementById('hub-status').textContent)",
                           arg=r"results?\b|No results")
    shown = page.eval_on_selector_all("#hub-results .hub-result__title a", "links => links.map(a => a.href)")
    assert {href.rstrip("/").rsplit("/", 1)[1] for href in shown} == expected
