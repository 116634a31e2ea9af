"""The editors' guide, with its field reference, published as the site's Contribute page."""

from __future__ import annotations


def test_the_built_site_publishes_the_guide_under_contribute(site):
    page = (site / "contribute" / "index.html").read_text(encoding="utf-8")
    assert "Contributing a case study" in page
    assert "<code>savings[].amount</code>" in page and "Renaming a case study" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="contribute/"' in home  # in the navigation
