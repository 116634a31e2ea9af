"""The published address (`macros/site/site_address.py`): a build for publishing refuses mkdocs.yml's placeholder
and says where the real address is set; with HUB_SITE_URL set, the pages and feeds use it."""

from __future__ import annotations

import re

import pytest

from macros.site.site_address import PLACEHOLDER_SITE_URL

from tests.conftest import read_page

REAL_ADDRESS = "https://improvement.example.gov.uk/knowledge-hub/"  # a site in a folder, as GitHub Pages serves one


def test_a_build_for_publishing_at_the_placeholder_address_is_refused_and_says_where_to_set_it(repo, tmp_path,
                                                                                                caplog, monkeypatch):
    from mkdocs.exceptions import Abort

    repo.with_site().case_study("joint-software")
    monkeypatch.setenv("HUB_PUBLISH", "true")  # as `make build` sets it
    with pytest.raises(Abort):
        repo.build_here(tmp_path / "site", strict=True)
    line = next(number for number, text in enumerate((repo.root / "mkdocs.yml").read_text().splitlines(), 1)
                if text.startswith("site_url:"))
    assert f"mkdocs.yml:{line}: site_url: {PLACEHOLDER_SITE_URL} is the placeholder address" in caplog.text
    assert "HUB_SITE_URL" in caplog.text and "Settings → Secrets and variables → Actions → Variables" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_build_for_publishing_with_hub_site_url_set_writes_that_address_into_pages_and_feeds(repo, tmp_path):
    repo.with_site().case_study("joint-software")
    site = tmp_path / "site"
    result = repo.build(site, env={"HUB_PUBLISH": "true", "HUB_SITE_URL": REAL_ADDRESS})  # as `make build` runs
    assert result.returncode == 0, result.stderr
    page = read_page(site, "case-studies/joint-software")
    assert f'<link rel="canonical" href="{REAL_ADDRESS}case-studies/joint-software/">' in page
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"<link>{REAL_ADDRESS}case-studies/joint-software/</link>" in feed
    built = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html")) + feed
    assert PLACEHOLDER_SITE_URL not in built
    assert re.search(rf"<loc>{re.escape(REAL_ADDRESS)}case-studies/joint-software/</loc>",
                     (site / "sitemap.xml").read_text(encoding="utf-8"))
