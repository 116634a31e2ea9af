"""ProperDocs-ready, MkDocs by default: the same site from either engine (a data layer that imports neither:
tests/unit/repository/test_properdocs.py)."""

from __future__ import annotations

import re
from pathlib import Path

from macros.site.linkcheck import resolve_link, scan_page
from macros.site.search import read_index

from tests.conftest import ROOT
from .test_feeds import READERS

GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def built_files(site: Path) -> set[str]:
    """Every file of a built site, without Pagefind's index files (their names are content hashes)."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")}


def internal_links(site: Path) -> dict[str, set[tuple[str, str]]]:
    """Page -> every (file, #fragment) inside the site its links point to, resolved as the link check does."""
    links = {}
    for page in sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")):
        hrefs = scan_page((site / page).read_bytes()).links
        resolved = (resolve_link(page, href.strip(), "https://hub.example.org/") for href in hrefs if href.strip())
        links[page] = {target for target in resolved if target and target[0]}
    return links


def feed_items(site: Path) -> dict[str, list[dict]]:
    feeds = [path for path in [*site.glob("*.xml"), *site.glob("themes/*/*.xml")] if path.name in READERS]
    return {feed.relative_to(site).as_posix(): READERS[feed.name](feed) for feed in feeds}


def test_properdocs_built_its_site_and_mkdocs_the_default_one(site, properdocs_site):
    assert "ProperDocs" in GENERATOR.search((properdocs_site / "index.html").read_text(encoding="utf-8")).group(1)
    assert GENERATOR.search((site / "index.html").read_text(encoding="utf-8")).group(1).startswith("mkdocs-1.")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/mkdocs build --strict" in makefile  # MkDocs stays the engine `make build` runs


def test_both_engines_publish_the_same_pages_and_files(site, properdocs_site):
    pages = {path for path in built_files(site) if path.endswith(".html")}
    assert len(pages) > 100
    assert built_files(properdocs_site) == built_files(site)


def test_every_page_links_to_the_same_places_in_both_builds(site, properdocs_site):
    mkdocs_links, properdocs_links = internal_links(site), internal_links(properdocs_site)
    assert sum(len(targets) for targets in mkdocs_links.values()) > 1000
    assert properdocs_links == mkdocs_links


def test_both_builds_index_the_same_search_entries(site, properdocs_site):
    def entries(folder):
        return sorted(read_index(folder), key=lambda page: page["url"])
    mkdocs_entries = entries(site)
    assert len(mkdocs_entries) > 50
    assert entries(properdocs_site) == mkdocs_entries


def test_both_builds_publish_the_same_feed_items(site, properdocs_site):
    mkdocs_feeds = feed_items(site)
    assert "feed.xml" in mkdocs_feeds and any(name.startswith("themes/") for name in mkdocs_feeds)
    assert feed_items(properdocs_site) == mkdocs_feeds


def test_both_builds_write_the_same_open_data(site, properdocs_site):
    files = sorted(path.relative_to(site).as_posix() for path in [*site.glob("datasets/*.*"), *site.glob("exports/**/*")]
                   if path.is_file() and path.suffix in (".csv", ".json"))
    assert any(f.startswith("datasets/") for f in files) and any(f.startswith("exports/") for f in files)
    assert {f: (properdocs_site / f).read_bytes() for f in files} == {f: (site / f).read_bytes() for f in files}


def test_every_page_is_the_same_in_both_builds_but_for_the_generator_tag(site, properdocs_site):
    different = [page for page in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
                 if GENERATOR.sub("", (site / page).read_text(encoding="utf-8"))
                 != GENERATOR.sub("", (properdocs_site / page).read_text(encoding="utf-8"))]
    assert different == []
