"""Nothing leaves the visitor's browser for another host, in chromium with the network cut off: the key pages, and a
search with a filter, work with no request elsewhere, no missing file, no cookie and nothing blocked by their
Content-Security-Policy (the built files: tests/site/test_privacy.py)."""

from __future__ import annotations

import re

import pytest

from tests.browsing import KEY_PAGES, open_watched, wait_for_results

STORAGE_KEYS = {"/.__palette"}  # Material keeps the chosen colour scheme on the visitor's own device; nothing is sent
# The key pages, and search with a savings filter (results drawn by Pagefind): address -> what the page waits for.
PAGES = {page.address: page.ready for page in KEY_PAGES} | {"search/?q=procurement&delivered=yes": wait_for_results}


@pytest.fixture(scope="module")
def watched(browser, site_url) -> dict:
    """Every page of PAGES opened once, one after another in one tab, as a visitor would: what each asked, ran and
    left behind."""
    return open_watched(browser, site_url, list(PAGES), lambda tab, address: PAGES[address] and PAGES[address](tab))


def test_key_pages_work_offline_with_no_request_to_another_host_and_no_cookie(watched, hub):
    assert watched["offsite"] == []
    # no missing file: themes/<id>/sitemap.xml exists (tests/site/test_standards.py)
    assert watched["failed"] == [] and watched["errors"] == []
    assert {address: page["h1"] for address, page in watched["pages"].items() if not page["h1"]} == {}, "not rendered"
    case_study = next(page.address for page in KEY_PAGES if page.name == "case study")
    assert hub.case_studies[case_study.split("/")[1]].title in watched["pages"][case_study]["h1"]
    assert {page["cookie"] for page in watched["pages"].values()} == {""} and watched["cookies"] == []
    assert set(watched["storage"]) <= STORAGE_KEYS


def test_key_pages_break_no_rule_of_their_content_security_policy(watched, site):
    """Every page carries the policy, and the key pages, search included, work under it: nothing blocked."""
    pages = sorted(site.rglob("*.html"))
    without = [p.relative_to(site).as_posix() for p in pages
               if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")[:3000]]
    assert without == [] or set(without) <= {"digest/newsletter.html"}, without
    headers = (site / "_headers").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                       (site / "index.html").read_text(encoding="utf-8")).group(1).replace("&#39;", "'")
    assert f"  Content-Security-Policy: {policy}\n" in headers
    for directive in ("object-src 'none'", "base-uri 'none'", "font-src 'self'", "img-src 'self' data:"):
        assert directive in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert {address: page["violations"] for address, page in watched["pages"].items() if page["violations"]} == {}
