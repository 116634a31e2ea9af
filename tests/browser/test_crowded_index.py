"""The case-study index as a browse page of a crowded council leads to it (`tests/crowded.py`): filtered to the
council, or to the area of the work that covered it, it lists every case study, the newest figures first."""

from __future__ import annotations

import json

from tests.conftest import serve_folder
from tests.crowded import AREA_WIDE, CROWD, area_wide_slug, crowded_slug


def shown_list(tab) -> list[str]:
    tab.wait_for_function("() => /case studies shown/.test(document.getElementById('hub-status').textContent)")
    return tab.eval_on_selector_all("#hub-case-list > li > a", "links => links.map(a => a.getAttribute('href'))")


def test_the_index_a_crowded_council_page_links_to_lists_every_case_study_naming_it(crowded, browser):
    data = json.loads((crowded.site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    assert data["count"] == CROWD + AREA_WIDE
    url, server = serve_folder(crowded.site)
    tab = browser.new_context().new_page()
    try:
        tab.goto(url + "authorities/nottinghamshire-cc/")
        with tab.expect_navigation():
            tab.click(f"text=See all {CROWD:,}")
        assert shown_list(tab) == [f"{crowded_slug(i)}/" for i in range(CROWD)]  # the newest figures first
        status = tab.locator("#hub-status").inner_text()
        assert status.startswith(f"{CROWD} of {CROWD + AREA_WIDE} case studies shown")
        assert not tab.locator(".hub-pagination").is_visible()
        tab.goto(url + "case-studies/?area=nottinghamshire")
        assert shown_list(tab) == [f"{area_wide_slug(i)}/" for i in range(AREA_WIDE)]
    finally:
        tab.context.close()
        server.shutdown()
