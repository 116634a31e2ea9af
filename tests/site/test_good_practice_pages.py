"""The good-practice pages in the built site: in the navigation, and listing every case study of their partnership
or theme."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.good_practice import GOOD_PRACTICE_PAGES, GUIDES, PARTNERSHIP_PAGES
from tests.index_pages import reached_case_studies


def nav_files(mkdocs_yml: Path) -> set[str]:
    """Every page path listed in mkdocs.yml's nav (tags such as !ENV are read as plain values)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=loader)["nav"]

    def walk(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from walk(value)
        elif isinstance(entry, list):
            for value in entry:
                yield from walk(value)

    return set(walk(nav))


def built(site: Path, page: str) -> Path:
    address = "" if page == "index.md" else page.removesuffix(".md")
    return site / address / "index.html"


@pytest.mark.parametrize("page", GOOD_PRACTICE_PAGES)
def test_good_practice_page_is_built_and_in_the_navigation(site, page):
    assert page in nav_files(ROOT / "mkdocs.yml"), f"{page} is not in mkdocs.yml's nav"
    html = built(site, page).read_text(encoding="utf-8")
    assert 'class="md-nav__link md-nav__link--active"' in html, f"{page} is not marked in the built navigation"
    if page != "index.md":
        home = built(site, "index.md").read_text(encoding="utf-8")
        assert f'href="{page.removesuffix(".md")}/"' in home, f"the home page's navigation has no link to {page}"


@pytest.mark.parametrize("page", PARTNERSHIP_PAGES)
def test_hand_written_partnership_page_lists_every_case_study_of_its_partnership(site, hub, page):
    partnership = Path(page).stem
    reached = reached_case_studies(site, built(site, page).read_text(encoding="utf-8"))
    missing = [cs.slug for cs in hub.select(partnership=partnership) if cs.slug not in reached]
    assert not missing, f"{page} does not lead to: {missing}"


@pytest.mark.parametrize("theme", GUIDES)
def test_theme_guide_lists_its_case_studies_and_is_linked_from_the_theme_page(site, hub, theme):
    reached = reached_case_studies(site, built(site, f"guides/{theme}.md").read_text(encoding="utf-8"))
    missing = [cs.slug for cs in hub.select(theme=theme) if cs.slug not in reached]
    assert not missing, f"the {theme} guide does not lead to: {missing}"
    browse = built(site, f"themes/{theme}.md").read_text(encoding="utf-8")
    assert f'href="../../guides/{theme}/"' in browse
