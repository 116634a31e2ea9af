"""Generated listings are HTML the hub builds from escaped text, carried past Markdown: contributed text in them shows
exactly as written; and a browse page stays small however many case studies name its council, while still leading to
every one of them (`tests/crowded.py`; its browser tests are in tests/browser/test_crowded_index.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.site.browse_pages import LARGEST, LISTED_IN_FULL, NEWEST
from tests.conftest import VALID_FRONT_MATTER, Repo
from tests.crowded import AREA_WIDE, CROWD, PAGE_LIMIT, area_wide_slug, crowded_slug, saving_of
from tests.index_pages import listed_case_studies, reached_case_studies
from tests.site.test_page_text import find_left_over_syntax, visible_text


# --- Contributed text in generated listings -------------------------------------------------------------------

TITLE = r"Costs *halved* & __doubled__, 1 < 2: `code`, {curly} \back #1 | ok"
SUMMARY = r"Saving *£1m* in_2011_ with [brackets], a backslash \ and &amp; and **stars** as written here."


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory) -> Path:
    repo = Repo(tmp_path_factory.mktemp("markup") / "hub").with_site()
    front = VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: '{TITLE}'").replace(
        "summary: Councils in Nottinghamshire bought software together and saved money on licences.",
        f"summary: '{SUMMARY}'")
    repo.case_study("markdown-in-text", front)
    repo.case_study("a-neighbour", VALID_FRONT_MATTER.replace("published: 2026-01-15", "published: 2026-01-10"))
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("address", ["themes/procurement/", "authorities/nottinghamshire-cc/",
                                     "sub-regions/nottinghamshire/", "partnerships/em-iep/", "years/2011/",
                                     "case-studies/", "case-studies/a-neighbour/", ""])
def test_contributed_text_in_a_listing_shows_exactly_as_written(markup_site, address):
    page = (markup_site / address / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="[^"]*markdown-in-text/">(.*?)</a>', page, re.S)
    assert links, f"/{address} does not list the case study"
    assert all(html.unescape(link) == TITLE for link in links)
    if address != "case-studies/a-neighbour/":  # a related case study is listed by its title alone
        assert html.escape(SUMMARY, quote=False) in page
    for tag in ("<em>", "<strong>", "<code>"):  # Markdown never ran over the listing
        assert not any(tag in item for item in re.findall(r"<li>.*?</li>", page, re.S) if "markdown-in-text/" in item)


def test_no_page_with_a_listing_shows_markdown_syntax_but_what_an_editor_wrote(markup_site):
    for page in markup_site.rglob("*.html"):
        text = visible_text(page.read_text(encoding="utf-8")).replace(TITLE, "").replace(SUMMARY, "")
        assert find_left_over_syntax(text) == [], page




# --- A council named by 1,000 case studies (tests/crowded.py) --------------------------------------------------

def test_no_page_is_over_the_size_limit_however_many_case_studies_name_a_council(crowded):
    sizes = {page.relative_to(crowded.site).as_posix(): page.stat().st_size for page in crowded.site.rglob("*.html")}
    assert len(sizes) > CROWD
    assert {page: size for page, size in sizes.items() if size > PAGE_LIMIT} == {}


def test_a_crowded_council_page_lists_the_newest_figures_and_largest_and_links_to_all_of_them(crowded):
    page = (crowded.site / "authorities" / "nottinghamshire-cc" / "index.html").read_text(encoding="utf-8")
    assert f"Case studies ({CROWD:,})" in page
    newest = page.split('id="the-20-with-the-newest-figures"')[1]
    listed = re.findall(r'<li><a href="\.\./\.\./case-studies/([a-z0-9-]+)/">', newest)
    assert listed[:NEWEST] == [crowded_slug(i) for i in range(NEWEST)]
    largest = sorted(range(CROWD), key=lambda i: (-saving_of(i), i))[:LARGEST]
    table = page.split("Largest delivered savings credited to Nottinghamshire County Council: a year")[1]
    ranked = re.findall(r'<th scope="row"><a href="\.\./\.\./case-studies/([a-z0-9-]+)/">', table.split("</table>")[0])
    assert ranked == [crowded_slug(i) for i in largest]
    assert page.count('href="../../case-studies/?authority=nottinghamshire-cc"') >= 2
    assert 'href="../../search/?authority=nottinghamshire-cc&amp;kind=case-study"' in page
    # How many there are by theme, each linked to the index filtered to the council and the theme.
    assert re.search(r'<a href="\.\./\.\./case-studies/\?authority=nottinghamshire-cc&amp;theme=shared-services">'
                     r'Shared services</a></th><td class="hub-num">334</td>', page)
    # Every one of them is reached: listed, or through the filtered index, whose data lists them all.
    assert {crowded_slug(i) for i in range(CROWD)} <= reached_case_studies(crowded.site, page)


def test_without_javascript_the_index_pages_list_every_crowded_case_study_the_newest_figures_first(crowded):
    assert listed_case_studies(crowded.site) == ([crowded_slug(i) for i in range(CROWD)]
                                                 + [area_wide_slug(i) for i in range(AREA_WIDE)])


def test_area_wide_work_beyond_the_full_list_links_to_all_the_work_covering_its_area(crowded):
    assert AREA_WIDE > LISTED_IN_FULL
    page = (crowded.site / "authorities" / "nottingham-city" / "index.html").read_text(encoding="utf-8")
    assert f"Work that covered Nottingham City Council ({AREA_WIDE})" in page
    assert 'href="../../case-studies/?area=nottinghamshire"' in page
    covered = page.rsplit("Work that covered", 1)[1]  # the section, after the table of contents naming it
    assert {area_wide_slug(i) for i in range(AREA_WIDE)} == reached_case_studies(crowded.site, covered)
