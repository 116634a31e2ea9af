"""The defences of SECURITY.md in the built site: hostile but valid text is escaped in every page, every redirect
stays on the site's own host, and no CSV cell is one a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from macros.cli.digest import read_site_url

from tests.conftest import ROOT

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ElementCollector(HTMLParser):
    """Every start tag and its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def test_hostile_but_valid_text_is_escaped_in_every_built_page(hostile_hub):
    injected, shown = [], False
    for page in hostile_hub.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        collector = ElementCollector()
        collector.feed(text)
        injected += [(page.relative_to(hostile_hub).as_posix(), tag, key)
                     for tag, attributes in collector.elements for key in attributes
                     if key.startswith("on") or key == "data-x"]
        shown |= "{{ 7 * 7 }} {% raw %}" in text
        assert "49 {% raw" not in text
    assert injected == []
    assert shown


def test_every_redirect_leads_to_a_case_study_on_the_sites_own_host(hostile_hub):
    site_url = read_site_url(ROOT)
    rules = [line.split() for line in (hostile_hub.site / "_redirects").read_text(encoding="utf-8").splitlines()]
    assert len(rules) == 2
    slug = r"/case-studies/[a-z0-9]+(?:-[a-z0-9]+)*/"
    for source, target, status in rules:
        assert re.fullmatch(slug, source) and re.fullmatch(slug, target) and status == "301"
        assert (hostile_hub.site / target.strip("/") / "index.html").exists()
    pages = [page for page in hostile_hub.site.rglob("*.html") if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")]
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
