"""The hub's look (docs/stylesheets/look.css, overrides/): the home page's search box and ways in with counts from the
hub, headings in the text colour, no empty left column, and the screenshots in the README."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browsing import open_tab
from tests.conftest import ROOT
from tests.screenshots import screenshot_paths

CASE_STUDY = "case-studies/shared-legal-service-leicestershire/"


# --- The home page ----------------------------------------------------------------------------------------------

def test_the_home_page_search_box_lists_results_and_opens_the_search_page(page, site_url):
    page.goto(site_url)
    box = page.locator("#hub-home-q")
    box.fill("glossop")
    page.locator(".hub-home-search .hub-search-popup:not([hidden]) [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))
    assert parse_qs(urlparse(page.url).query)["q"] == ["glossop"]


# --- Headings, columns --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("palette", ["light", "dark"])
def test_headings_are_in_the_text_colour(browser, site_url, palette):
    tab = open_tab(browser, palette)
    tab.goto(site_url + CASE_STUDY)
    colours = tab.evaluate("""() => {
        const text = getComputedStyle(document.querySelector('.md-typeset p')).color;
        return [text, ...[...document.querySelectorAll('.md-typeset h1, .md-typeset h2')].map(h => getComputedStyle(h).color)];
    }""")
    assert len(colours) > 2 and set(colours) == {colours[0]}
    tab.context.close()


def test_a_case_study_gives_the_empty_left_column_to_its_content_and_keeps_the_menu_on_a_phone(browser, site_url):
    wide = open_tab(browser, viewport={"width": 1280, "height": 800})
    wide.goto(site_url + CASE_STUDY)
    assert wide.locator(".md-sidebar--primary").is_hidden()
    assert wide.locator(".md-sidebar--secondary").is_visible()  # its contents, on the right
    assert wide.locator("article h1").bounding_box()["x"] < 100
    wide.goto(site_url + "themes/")  # a page in a section keeps the section's navigation on the left
    assert wide.locator(".md-sidebar--primary").is_visible()
    wide.context.close()
    phone = open_tab(browser, viewport={"width": 390, "height": 844})
    phone.goto(site_url + CASE_STUDY)
    phone.locator("label[for=__drawer].md-header__button").click()
    assert phone.locator(".md-sidebar--primary .md-nav__link", has_text="Case studies").first.is_visible()
    phone.context.close()


# --- Screenshots ---------------------------------------------------------------------------------------------------

def test_the_readme_shows_every_screenshot_and_each_is_committed():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in screenshot_paths():
        relative = path.relative_to(ROOT).as_posix()
        assert f"]({relative})" in readme, f"the README does not show {relative}"
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"run make screenshots: {relative}"
