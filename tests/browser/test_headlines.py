"""Headline figures in the browser: following a figure's link shows the case studies it counts."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("selector", [".hub-savings-by-kind td a", ".hub-headline__value a[href*='investment']"])
def test_following_a_headline_link_shows_the_case_studies_it_counts(page, site_url, selector):
    page.goto(site_url)
    link = page.locator(selector).first
    cell = link.locator("xpath=..").inner_text()
    counted = re.search(r"\((\d+) case stud", cell) or re.search(r"in (\d+) case studies", page.locator(
        ".hub-headline", has=link).inner_text())
    with page.expect_navigation():
        link.click()
    page.wait_for_function("() => (document.getElementById('hub-status') || {textContent: ''}).textContent.includes(' of ')")
    status = page.locator("#hub-status").inner_text()
    assert status.startswith(f"{counted.group(1)} of "), status
    assert "Filtered by Savings:" in status
