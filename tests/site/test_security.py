"""The defences of SECURITY.md in the built site: hostile but valid text is escaped in every page, every redirect
stays on the site's own host, and no CSV cell is one a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.cli.digest import read_site_url
from macros.content.validation import check_repository

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER, Repo

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ElementCollector(HTMLParser):
    """Every start tag and its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


HOSTILE = "Legal & \"trusted\" ' onmouseover='alert(1)' data-x=\" {{ 7 * 7 }} {% raw %} ${alert(1)}"


@pytest.fixture(scope="module")
def contributed_site(tmp_path_factory) -> Path:
    """A small hub whose editors wrote hostile but valid text in every field, and renamed a case study twice."""
    repo = Repo(tmp_path_factory.mktemp("contributed") / "hub").with_site()
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    front = (VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: {quoted}")
             .replace("summary: Councils", f"summary: {quoted[:-1]} Councils").replace("licences.", "licences.'")
             .replace("  section: Item 6", f"  section: {quoted}") + f"outcomes: [{quoted}]\n")
    repo.case_study("hostile-text", front, f"## Results\n\n{HOSTILE}\n")
    repo.case_study("renamed-study", VALID_FRONT_MATTER + "aliases: [first-name, second-name]\n")
    _, problems = check_repository(repo.root, today=TODAY)
    assert problems == []
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_but_valid_text_is_escaped_in_every_built_page(contributed_site):
    injected, shown = [], False
    for page in contributed_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        collector = ElementCollector()
        collector.feed(text)
        injected += [(page.relative_to(contributed_site).as_posix(), tag, key)
                     for tag, attributes in collector.elements for key in attributes
                     if key.startswith("on") or key == "data-x"]
        shown |= "{{ 7 * 7 }} {% raw %}" in text
        assert "49 {% raw" not in text
    assert injected == []
    assert shown


def test_every_redirect_leads_to_a_case_study_on_the_sites_own_host(contributed_site):
    site_url = read_site_url(ROOT)
    rules = [line.split() for line in (contributed_site / "_redirects").read_text(encoding="utf-8").splitlines()]
    assert len(rules) == 2
    slug = r"/case-studies/[a-z0-9]+(?:-[a-z0-9]+)*/"
    for source, target, status in rules:
        assert re.fullmatch(slug, source) and re.fullmatch(slug, target) and status == "301"
        assert (contributed_site / target.strip("/") / "index.html").exists()
    pages = [page for page in contributed_site.rglob("*.html") if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")]
    assert len(pages) == len(rules)
    for page in pages:
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text(encoding="utf-8")).group(1)
        assert re.fullmatch(re.escape(site_url.rstrip("/")) + slug, target), page


def looks_like_a_number(cell: str) -> bool:
    return re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?", cell) is not None


def test_no_csv_in_the_built_site_has_a_cell_a_spreadsheet_would_run(site):
    exports = sorted(site.rglob("*.csv"))
    assert exports
    offenders = [(path.relative_to(site).as_posix(), cell) for path in exports
                 for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row
                 if cell.startswith(FORMULA_STARTS) and not looks_like_a_number(cell)]
    assert offenders == []
