"""The hub's look (docs/stylesheets/look.css, overrides/): the home page's search box and ways in with counts from the
hub, headings in the text colour, no empty left column, and the screenshots in the README."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.figures.hub import build_hub
from macros.site.count_macros import count_of
from macros.site.macro_arguments import MacroError

from tests.browsing import open_tab
from tests.conftest import ROOT
from tests.screenshots import screenshot_paths

CASE_STUDY = "case-studies/shared-legal-service-leicestershire/"


@pytest.fixture(scope="module")
def hub():
    return build_hub(ROOT)


# --- The home page ----------------------------------------------------------------------------------------------

def test_the_home_page_starts_with_a_search_box_then_the_ways_in(site):
    article = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8")).css_first("article")
    blocks = [node for node in article.iter() if node.tag in ("h1", "h2", "form", "ul", "p", "div", "table")]
    assert [node.tag for node in blocks[:3]] == ["h1", "p", "form"]
    form = blocks[2]
    assert form.attributes.get("role") == "search" and form.css_first("input[type=search][name=q]")
    label = form.css_first("label")
    assert label.attributes.get("for") == form.css_first("input").attributes.get("id")
    assert blocks[3].tag == "h2" and blocks[3].text(strip=True).startswith("Ways in")
    assert blocks[4].tag == "ul" and "hub-ways" in blocks[4].attributes.get("class", "")


def test_each_way_in_is_a_card_with_its_count_from_the_hub(site, hub):
    page = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    cards = {card.css_first("h3 a").text(strip=True): card for card in page.css("ul.hub-ways > li")}
    expected = {"Themes": ("themes/", len(hub.themes), "themes"),
                "Places": ("authorities/", len(hub.authorities), "authorities"),
                "Partnerships": ("partnerships/", len(hub.partnerships), "partnerships"),
                "Datasets": ("datasets/", len(hub.datasets), "datasets")}
    assert list(cards) == list(expected)
    for name, (href, count, noun) in expected.items():
        assert cards[name].css_first("h3 a").attributes["href"] == href
        assert cards[name].css_first(".hub-way__count").text(strip=True) == f"{count:,} {noun}"
    assert (site / "themes" / "index.html").exists()


@pytest.mark.parametrize("what, registered", [("themes", "themes"), ("authorities", "authorities"),
                                               ("sub_regions", "sub_regions"), ("partnerships", "partnerships")])
def test_count_of_counts_each_register(hub, what, registered):
    assert count_of(hub, "index.md", what) == len(hub.registers[registered])


def test_count_of_refuses_what_it_cannot_count_naming_the_closest(hub):
    with pytest.raises(MacroError, match=r"count_of: what='theme' is not known — did you mean 'themes'"):
        count_of(hub, "index.md", "theme")


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
