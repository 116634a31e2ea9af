"""Tables on a phone (390 px wide, in chromium): no cell breaks a word mid-way; a table wider than the screen scrolls
sideways inside its own region, named by its caption and reachable with the keyboard, and the page never does."""

from __future__ import annotations

import pytest

from macros.figures.hub import build_hub

from tests.browsing import open_tab
from tests.conftest import ROOT

PHONE = {"width": 390, "height": 844}

# Every word of every cell, as a range: a word drawn on two lines has rects at two heights. Hyphens, dashes and
# slashes are places a line may break, so the parts either side of them are words of their own.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-‐–—\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

SCROLLING_TABLES = """() => [...document.querySelectorAll('.md-content table')].map(table => {
  const region = table.closest('.hub-table-scroll, .md-typeset__scrollwrap');
  const overflows = region ? region.scrollWidth > region.clientWidth + 1 : table.scrollWidth > table.clientWidth + 1;
  const name = region && (region.getAttribute('aria-labelledby')
    ? document.getElementById(region.getAttribute('aria-labelledby')).textContent : region.getAttribute('aria-label'));
  return {caption: table.caption ? table.caption.textContent.trim() : null, overflows, region: !!region,
          role: region && region.getAttribute('role'), name, focusable: !!region && region.tabIndex === 0};
})"""


def phone_pages() -> list[str]:
    """Every dataset page and every partnership page: the tables with the longest place names and most columns."""
    hub = build_hub(ROOT)
    return ([f"datasets/{dataset}/" for dataset in hub.datasets]
            + [f"partnerships/{partnership}/" for partnership in hub.partnerships] + ["authorities/"])


@pytest.fixture(scope="module")
def phone(browser):
    tab = open_tab(browser, viewport=PHONE)
    yield tab
    tab.context.close()


@pytest.mark.parametrize("address", phone_pages())
def test_no_table_cell_breaks_a_word_on_a_phone(phone, site_url, address):
    phone.goto(site_url + address)
    assert phone.locator(".md-content table").count() > 0, f"/{address} has no table to check"
    assert phone.evaluate(BROKEN_WORDS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page never scrolls sideways


@pytest.mark.parametrize("address", ["datasets/em-iep-srp-savings-2008-11/", "partnerships/em-iep/"])
def test_a_table_wider_than_the_phone_scrolls_in_a_named_region_the_keyboard_reaches(phone, site_url, address):
    phone.goto(site_url + address)
    tables = phone.evaluate(SCROLLING_TABLES)
    wide = [table for table in tables if table["overflows"]]
    assert wide, f"no table on /{address} is wider than a phone: the test checks nothing"
    for table in wide:
        assert table["region"] and table["role"] == "region" and table["focusable"], table
        assert table["name"] and (table["caption"] is None or table["name"].strip() == table["caption"]), table
    region = phone.locator(".hub-table-scroll[role=region]").first
    region.focus()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())


def test_a_table_that_fits_adds_no_tab_stop_or_landmark(browser, site_url):
    tab = open_tab(browser, viewport={"width": 1280, "height": 900})
    tab.goto(site_url + "themes/")
    tables = tab.evaluate(SCROLLING_TABLES)
    assert tables and not any(table["overflows"] for table in tables)
    assert [t for t in tables if t["role"] or t["focusable"]] == []
    tab.context.close()
