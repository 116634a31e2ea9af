"""The link check (site/linkcheck.py) on small sites written for it: internal links checked against files and ids,
external links listed, links that climb folders resolved from where their page is."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.site.linkcheck import check_links, resolve_link


SITE_URL = "https://hub.example.org/"

# A small built site to check links against: pages with ids, a feed, an alias redirect.
PAGES = {
    "index.html": '<h1 id="home">Home</h1><a name="old-anchor"></a>',
    "themes/procurement/index.html": '<h1 id="procurement">Procurement</h1><h2 id="savings">Savings</h2>',
    "case-studies/joint-software/index.html": '<h2 id="the-challenge">The challenge</h2>',
    "case-studies/software-together/index.html":
        '<meta http-equiv="refresh" content="0; url=https://hub.example.org/case-studies/joint-software/">',
    "feed.xml": "<rss/>",
}


@pytest.fixture
def small_site(tmp_path) -> Path:
    for name, text in PAGES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("href, problem", [
    ("../../themes/procurement/", None),
    ("../../themes/procurement/#savings", None),
    ("../../themes/procurement", None),                       # a folder without its slash still resolves
    ("../../themes/procurement/index.html", None),
    ("#the-challenge", None),
    ("#", None),
    ("/themes/procurement/#procurement", None),               # root-relative, as on the 404 page
    ("https://hub.example.org/feed.xml", None),               # absolute but inside the site
    ("https://hub.example.org/#old-anchor", None),
    ("../../themes/procurment/", "there is no page or file themes/procurment/index.html in the site"),
    ("../../themes/procurement/#saving", "themes/procurement/index.html has no element with id 'saving'"),
    ("#the-challeng", "case-studies/joint-software/index.html has no element with id 'the-challeng'"),
    ("https://hub.example.org/case-studies/nowhere/", "there is no page or file case-studies/nowhere/index.html"),
    ("../../../../outside/", "it points above the site's root folder"),
])
def test_internal_links_are_checked_against_files_and_ids(small_site, href, problem):
    page = small_site / "case-studies/joint-software/index.html"
    page.write_text(page.read_text() + f'<a href="{href}">link</a>', encoding="utf-8")
    report = check_links(small_site, SITE_URL)
    messages = [str(broken) for broken in report.broken]
    if problem is None:
        assert messages == []
    else:
        assert len(messages) == 1
        assert messages[0].startswith(f"case-studies/joint-software/index.html: broken link '{href}': ")
        assert problem in messages[0]


@pytest.mark.parametrize("href, fix", [
    ("../../themes/procurment/", "did you mean '../../themes/procurement/'?"),
    ("../../themes/procurement/#saving", "did you mean '#savings'?"),
    ("#the-challeng", "did you mean '#the-challenge'?"),
    ("../../xyzzy/", "correct the address, or remove the link"),
    ("../../themes/procurement/#qqqq", "link to one of its headings"),
])
def test_a_broken_link_says_what_was_probably_meant(small_site, href, fix):
    page = small_site / "case-studies/joint-software/index.html"
    page.write_text(page.read_text() + f'<a href="{href}">link</a>', encoding="utf-8")
    [broken] = check_links(small_site, SITE_URL).broken
    assert str(broken).endswith(f" — {fix}") or fix in broken.fix


@pytest.mark.parametrize("href", [
    "https://www.local.gov.uk/productivity", "http://example.com/report.pdf", "//cdn.example.net/x.js",
    "mailto:someone@example.gov.uk", "https://hub.example.org.evil.test/",
])
def test_external_links_are_listed_not_checked(small_site, href):
    (small_site / "index.html").write_text(f'<a href="{href}">out</a>', encoding="utf-8")
    report = check_links(small_site, SITE_URL)
    assert report.broken == []
    assert dict(report.external) == {href: {"index.html"}}


def test_a_preview_rebuild_reads_again_only_changed_pages_and_still_checks_every_link(small_site):
    cache: dict = {}
    home = small_site / "index.html"
    home.write_text('<a href="themes/procurement/#savings">x</a>', encoding="utf-8")
    assert check_links(small_site, SITE_URL, cache=cache).broken == []
    kept = cache["index.html"]
    theme = small_site / "themes/procurement/index.html"
    theme.write_text('<h1 id="procurement">Procurement</h1>', encoding="utf-8")  # the anchor the home page uses goes
    report = check_links(small_site, SITE_URL, cache=cache)
    assert cache["index.html"] is kept  # not read again: it did not change
    assert [(b.page, b.problem) for b in report.broken] == [
        ("index.html", "themes/procurement/index.html has no element with id 'savings'")]
    (small_site / "case-studies/software-together/index.html").unlink()
    check_links(small_site, SITE_URL, cache=cache)
    assert "case-studies/software-together/index.html" not in cache


@pytest.mark.parametrize("page, href, expected", [
    ("case-studies/a/index.html", "../b/#x", ("case-studies/b/index.html", "x")),
    ("themes/a/index.html", "../b/#x", ("themes/b/index.html", "x")),  # the same link, another folder
    ("case-studies/a/index.html", "../../themes/b/", ("themes/b/index.html", "")),
    ("a/b/c/index.html", "../../themes/b/", ("a/themes/b/index.html", "")),
    ("case-studies/a/index.html", "../", ("case-studies/index.html", "")),
    ("case-studies/a/index.html", "../../../x/", (None, "it points above the site's root folder")),
    ("case-studies/a/index.html", "#", ("case-studies/a/index.html", "")),
])
def test_a_climbing_link_resolves_from_where_its_page_is(page, href, expected):
    assert resolve_link(page, href, SITE_URL) == expected
    assert resolve_link(page, href, SITE_URL) == expected  # and again, from the cache


def test_an_alias_redirect_to_a_missing_page_is_a_broken_link(small_site):
    (small_site / "case-studies/joint-software/index.html").unlink()
    report = check_links(small_site, SITE_URL)
    assert [b.page for b in report.broken] == ["case-studies/software-together/index.html"]


def test_site_under_a_sub_path_resolves_root_relative_links(small_site):
    assert resolve_link("index.html", "/hub/themes/procurement/", "https://example.org/hub/") == \
        ("themes/procurement/index.html", "")
    assert resolve_link("index.html", "/elsewhere/", "https://example.org/hub/") == \
        (None, "it points outside the site's base path /hub/")
    assert resolve_link("index.html", "https://example.org/elsewhere/", "https://example.org/hub/") is None
