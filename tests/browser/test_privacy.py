"""Nothing leaves the visitor's browser for another host, in chromium with the network cut off: the key pages work
with no request elsewhere, no cookie and nothing blocked by their Content-Security-Policy (the built files:
tests/site/test_privacy.py)."""

from __future__ import annotations

import re

from tests.browsing import KEY_PAGES, open_tab, visit, wait_for_results


STORAGE_KEYS = {"/.__palette"}  # Material keeps the chosen colour scheme on the visitor's own device; nothing is sent


def test_key_pages_work_offline_with_no_request_to_another_host_and_no_cookie(browser, site_url):
    tab = open_tab(browser)
    requests, failures, errors = [], [], []
    tab.context.on("request", lambda request: requests.append(request.url))
    tab.context.on("requestfailed", lambda request: failures.append(f"{request.url}: {request.failure}"))
    tab.on("response", lambda response: failures.append(f"{response.url}: {response.status}") if response.status >= 400 else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    cookies = {}
    for page in KEY_PAGES:
        visit(tab, site_url, page)
        tab.wait_for_load_state("networkidle")
        assert tab.locator("h1").first.is_visible(), f"{page.name} did not render"
        cookies[page.name] = tab.evaluate("document.cookie")
    elsewhere = sorted({url for url in requests if not url.startswith((site_url, "data:", "blob:"))})
    storage = tab.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    stored_cookies = tab.context.cookies()
    tab.context.close()
    assert elsewhere == []
    assert failures == [] and errors == []  # no missing file: themes/<id>/sitemap.xml exists (tests/site/test_standards.py)
    assert set(cookies.values()) == {""} and stored_cookies == []
    assert set(storage) <= STORAGE_KEYS


def test_key_pages_break_no_rule_of_their_content_security_policy(browser, site_url, site):
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
    tab = open_tab(browser)
    tab.context.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                                "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    blocked = {}
    for page in KEY_PAGES:
        visit(tab, site_url, page)
        tab.wait_for_load_state("networkidle")
        if violations := tab.evaluate("window.__violations"):
            blocked[page.name] = violations
    tab.context.close()
    assert blocked == {}


def test_a_theme_page_with_its_feed_links_asks_nothing_of_another_host(site_url, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "themes/procurement/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if not url.startswith(site_url)] == []
    assert page.locator('link[rel="alternate"][href="feed.xml"]').count() == 1


def test_a_theme_page_loads_with_no_missing_file(site_url, page, hub):
    theme = next(iter(hub.themes))
    failed = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.goto(f"{site_url}themes/{theme}/", wait_until="networkidle")
    assert failed == []


def test_search_makes_no_request_to_another_host(page, site_url):
    # The site's own published address is not another host (the theme looks for a sitemap there).
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((site_url, "https://hub.example.org/")) else None)
    page.goto(site_url + "search/?q=procurement&delivered=yes")
    wait_for_results(page)
    assert outside == []


def test_a_case_study_opens_in_a_real_browser_without_third_party_requests(page, site_url):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    page.goto(site_url + "case-studies/glossop-one-stop-shop/")
    assert "Glossop" in page.locator("h1").inner_text()
    assert outside == []
