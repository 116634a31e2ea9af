"""The built site in a real browser: pages load with no request to another host."""


def test_a_case_study_opens_in_a_real_browser_without_third_party_requests(page, site_url):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    page.goto(site_url + "case-studies/glossop-one-stop-shop/")
    assert "Glossop" in page.locator("h1").inner_text()
    assert outside == []
