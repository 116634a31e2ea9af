"""Hostile pull requests (issue 16) in chromium: hostile but valid text runs nothing and loads nothing elsewhere, no
payload runs when the source checks miss it, and the Content-Security-Policy blocks a script that reached a page."""

from __future__ import annotations

from tests.browsing import open_watched
from tests.conftest import serve_folder
from tests.hostile import HARMLESS_TITLE, UNCHECKED_BODIES


def test_hostile_but_valid_text_runs_nothing_loads_nothing_elsewhere_and_trips_no_policy(browser, hostile_hub):
    url, server = serve_folder(hostile_hub.site)
    try:
        def search(tab, address):
            if address.startswith("search/"):
                tab.locator("#hub-results li").first.wait_for()
        found = open_watched(browser, url, ["case-studies/hostile-text/", "themes/procurement/", "case-studies/",
                                            "datasets/hostile-formulas/", "authorities/nottinghamshire-cc/",
                                            "search/?q=hostilezebra", "digest/"], search)
    finally:
        server.shutdown()
    assert found["offsite"] == [] and found["dialogs"] == [] and found["errors"] == []
    for address, page in found["pages"].items():
        assert page["pwned"] is None and page["violations"] == [], (address, page)
    # The title is shown as the text the editor wrote, in the tab and on the page.
    assert found["pages"]["case-studies/hostile-text/"]["title"].startswith(HARMLESS_TITLE.split(" \"")[0])


def test_no_payload_runs_when_the_source_checks_miss_it(browser, unchecked_build):
    site, _ = unchecked_build
    url, server = serve_folder(site)
    try:
        found = open_watched(browser, url, [f"case-studies/{name}/" for name in [*UNCHECKED_BODIES, "title-breakout"]])
    finally:
        server.shutdown()
    assert found["offsite"] == [] and found["dialogs"] == []
    for address, page in found["pages"].items():
        assert page["pwned"] is None, (address, page)
    assert found["pages"]["case-studies/title-breakout/"]["title"].startswith("</title><script>")


def test_the_policy_blocks_a_script_that_reached_a_page_anyway(browser, site):
    """The last layer alone: a built page with a script and a handler written straight into it."""
    page = site / "case-studies" / "glossop-one-stop-shop" / "index.html"
    folder = site.parent / "csp-only"
    folder.mkdir(exist_ok=True)
    injected = page.read_text(encoding="utf-8").replace(
        '<article class="md-content__inner md-typeset"', '<article class="md-content__inner md-typeset"', 1).replace(
        "</h1>", '</h1><script>window.__pwned=1</script><img src="x.png" onerror="window.__pwned=2">'
                 '<a id="go" href="javascript:window.__pwned=3">go</a>', 1)
    (folder / "index.html").write_text(injected, encoding="utf-8")
    url, server = serve_folder(folder)
    try:
        def click(tab, address):
            tab.locator("#go").click()
        found = open_watched(browser, url, [""], click)
    finally:
        server.shutdown()
    page_seen = found["pages"][""]
    assert page_seen["pwned"] is None
    assert any(violation.startswith("script-src") for violation in page_seen["violations"]), page_seen
