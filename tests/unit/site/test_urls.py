"""Addresses (site/urls.py): links between generated pages are relative."""

from __future__ import annotations

from macros.site.urls import link


def test_links_between_generated_pages_are_relative():
    assert link("case-studies/a.md", "themes/b.md") == "../themes/b.md"
    assert link("case-studies/index.md", "case-studies/a.md") == "a.md"
