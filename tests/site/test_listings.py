"""Generated listings are HTML the hub builds from escaped text, carried past Markdown: contributed text in them shows
exactly as written, and a browse page stays small however many case studies name its council, while still leading
to every one of them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from macros.site import passthrough
from macros.site.browse_pages import LARGEST, LISTED_IN_FULL, NEWEST

from tests.conftest import VALID_FRONT_MATTER, Repo, serve_folder, with_saving_amount
from tests.index_pages import listed_case_studies
from tests.site.test_page_text import find_left_over_syntax, visible_text

PAGE_LIMIT = 150_000  # bytes: no generated page is larger, however many case studies (issue 13)


# --- HTML carried past Markdown -------------------------------------------------------------------------------

def test_a_piece_of_html_is_lifted_out_of_the_markdown_and_put_back_after_it():
    piece = '<ul class="hub-case-list"><li id="x">*not emphasis* and [not](a-link)</li></ul>'
    markdown = "# Title\n" + passthrough.html_block(piece) + "Some **bold** text.\n"
    lifted, pieces = passthrough.lift_html(markdown)
    assert pieces == [piece] and piece not in lifted and "*not emphasis*" not in lifted
    token = lifted.split("\n\n")[1].strip()
    assert token.isalnum()  # nothing Markdown would change
    content = f"<h1>Title</h1>\n<p>{token}</p>\n<p>Some <strong>bold</strong> text.</p>"
    assert passthrough.restore_html(content, pieces) == f"<h1>Title</h1>\n{piece}\n<p>Some <strong>bold</strong> text.</p>"
    assert passthrough.anchor_ids(pieces) == {"x"}


def test_a_piece_in_a_sentence_goes_back_into_the_sentence():
    lifted, pieces = passthrough.lift_html("Saved " + passthrough.html_inline("<b>£1m</b>") + " a year.")
    token = lifted.split()[1]
    assert passthrough.restore_html(f"<p>Saved {token} a year.</p>", pieces) == "<p>Saved <b>£1m</b> a year.</p>"


def test_markers_an_editor_writes_lift_nothing():
    text = "<!--hub-html-->\n*emphasis*\n<!--/hub-html-->\n"
    assert passthrough.lift_html(text) == (text, [])


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


# --- A council named by 1,000 case studies --------------------------------------------------------------------

CROWD, AREA_WIDE = 1000, 40


def crowded_front_matter(i: int) -> str:
    """A case study naming Nottinghamshire County Council: its own day, theme and delivered saving."""
    published = dt.date(2026, 11, 1) - dt.timedelta(days=i)
    front = with_saving_amount(VALID_FRONT_MATTER, 10_000 + 37 * ((i * 7919) % CROWD))
    return (front.replace("title: Joint procurement of software", f"title: Crowded case study {i}")
            .replace("published: 2026-01-15", f"published: {published.isoformat()}")
            .replace("themes: [procurement]", f"themes: [{'procurement' if i % 3 else 'shared-services'}]")
            .replace("authorities: [nottinghamshire-cc, nottingham-city]",
                     "authorities: [nottinghamshire-cc]" if i % 2 else "authorities: [nottinghamshire-cc, blaby]"))


def area_wide_front_matter(i: int) -> str:
    published = dt.date(2026, 10, 1) - dt.timedelta(days=i)
    return (VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: Area-wide work {i}")
            .replace("published: 2026-01-15", f"published: {published.isoformat()}")
            .replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: []\narea: nottinghamshire"))


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("crowded") / "hub").with_site()
    for i in range(CROWD):
        repo.case_study(f"crowded-{i:04d}", crowded_front_matter(i))
    for i in range(AREA_WIDE):
        repo.case_study(f"area-wide-{i:02d}", area_wide_front_matter(i))
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    url, server = serve_folder(site)
    yield repo, site, url
    server.shutdown()


def test_no_page_is_over_the_size_limit_however_many_case_studies_name_a_council(crowded):
    _, site, _ = crowded
    sizes = {page.relative_to(site).as_posix(): page.stat().st_size for page in site.rglob("*.html")}
    assert len(sizes) > CROWD
    assert {page: size for page, size in sizes.items() if size > PAGE_LIMIT} == {}


def test_a_crowded_council_page_lists_the_newest_and_largest_and_links_to_all_of_them(crowded):
    _, site, _ = crowded
    page = (site / "authorities" / "nottinghamshire-cc" / "index.html").read_text(encoding="utf-8")
    assert f"Case studies ({CROWD:,})" in page
    newest = [f"crowded-{i:04d}" for i in range(NEWEST)]
    listed = re.findall(r'<li><a href="\.\./\.\./case-studies/([a-z0-9-]+)/">', page.split('id="the-20-newest"')[1])
    assert listed[:NEWEST] == newest
    largest = sorted(range(CROWD), key=lambda i: (-(10_000 + 37 * ((i * 7919) % CROWD)), i))[:LARGEST]
    table = page.split("Largest delivered savings credited to Nottinghamshire County Council: a year")[1]
    ranked = re.findall(r'<th scope="row"><a href="\.\./\.\./case-studies/([a-z0-9-]+)/">', table.split("</table>")[0])
    assert ranked == [f"crowded-{i:04d}" for i in largest]
    assert page.count('href="../../case-studies/?authority=nottinghamshire-cc"') >= 2
    assert 'href="../../search/?authority=nottinghamshire-cc&amp;kind=case-study"' in page
    # How many there are by theme, each linked to the index filtered to the council and the theme.
    assert re.search(r'<a href="\.\./\.\./case-studies/\?authority=nottinghamshire-cc&amp;theme=shared-services">'
                     r'Shared services</a></th><td class="hub-num">334</td>', page)


def test_the_index_a_crowded_council_page_links_to_lists_every_case_study_naming_it(crowded, browser):
    _, site, url = crowded
    data = json.loads((site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    assert data["count"] == CROWD + AREA_WIDE
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "authorities/nottinghamshire-cc/")
    with page.expect_navigation():
        page.click(f"text=See all {CROWD:,}")
    page.wait_for_function("() => /case studies shown/.test(document.getElementById('hub-status').textContent)")
    assert page.locator("#hub-status").inner_text().startswith(f"{CROWD} of {CROWD + AREA_WIDE} case studies shown")
    shown = page.eval_on_selector_all("#hub-case-list > li > a", "links => links.map(a => a.getAttribute('href'))")
    assert shown == [f"crowded-{i:04d}/" for i in range(CROWD)]  # newest first
    assert not page.locator(".hub-pagination").is_visible()
    context.close()


def test_without_javascript_the_index_pages_list_every_crowded_case_study(crowded):
    _, site, _ = crowded
    listed = listed_case_studies(site)
    assert sorted(listed) == sorted([f"crowded-{i:04d}" for i in range(CROWD)] +
                                    [f"area-wide-{i:02d}" for i in range(AREA_WIDE)])
    assert len(listed) == len(set(listed))


def test_area_wide_work_beyond_the_full_list_links_to_all_the_work_covering_the_area(crowded, browser):
    _, site, url = crowded
    assert AREA_WIDE > LISTED_IN_FULL
    page = (site / "authorities" / "nottingham-city" / "index.html").read_text(encoding="utf-8")
    assert f"Work that covered Nottingham City Council ({AREA_WIDE})" in page
    assert 'href="../../case-studies/?area=nottinghamshire"' in page
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(url + "case-studies/?area=nottinghamshire")
    tab.wait_for_function("() => /case studies shown/.test(document.getElementById('hub-status').textContent)")
    shown = tab.eval_on_selector_all("#hub-case-list > li > a", "links => links.map(a => a.getAttribute('href'))")
    assert shown == [f"area-wide-{i:02d}/" for i in range(AREA_WIDE)]
    context.close()
