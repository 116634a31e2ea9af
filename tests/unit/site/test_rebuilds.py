"""Preview rebuilds (site/rebuilds.py, content/memo.py): a generated page's file is rewritten only when its Markdown
changes, and what a preview keeps between rebuilds (files parsed and validated, pages generated) gives, after each
kind of edit, exactly what a Hub loaded afresh gives."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from macros.content.problems import ContentError
from macros.figures.hub import HubCache, build_hub
from macros.site.pages import generate_files, generate_pages
from macros.site.rebuilds import PreviewPages
from tests.conftest import REGISTERS, TODAY, VALID_FRONT_MATTER
from tests.hubs import TEST_GRANTS


def test_preview_pages_are_rewritten_only_when_their_markdown_changes():
    pages = PreviewPages()
    path = Path(pages.path_for("case-studies/a.md", "# A\n"))
    first = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert pages.path_for("case-studies/a.md", "# A\n") == str(path) and path.stat().st_mtime_ns == first
    pages.path_for("case-studies/a.md", "# A, edited\n")
    assert path.read_text() == "# A, edited\n" and path.stat().st_mtime_ns > first


BLABY = VALID_FRONT_MATTER.replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: [blaby]") \
    .replace("themes: [procurement]", "themes: [shared-services]").replace("programme: em-iep-srp-2008-11\n", "")
AREA_WIDE = VALID_FRONT_MATTER.replace("authorities: [nottinghamshire-cc, nottingham-city]",
                                       "authorities: []\narea: nottinghamshire").replace("published: 2026-01-15",
                                                                                        "published: 2026-02-01")


def everything_generated(hub) -> dict[str, str]:
    return {page.uri: page.markdown for page in generate_pages(hub, set())} | dict(generate_files(hub))


@pytest.fixture
def preview(repo):
    """A small hub and the HubCache a preview keeps, its pages generated once, as a preview's first build does."""
    repo.case_study("joint-software")
    repo.case_study("blaby-service", BLABY.replace("Joint procurement of software", "A Blaby service"))
    repo.case_study("county-wide", AREA_WIDE.replace("Joint procurement of software", "County-wide buying"))
    repo.write("data/datasets/test-grants.yaml", TEST_GRANTS)
    hubs = HubCache(repo.root)
    everything_generated(build_hub(repo.root, TODAY, hubs.memo))
    return repo, hubs


def registers_with(register: str, item_id: str, **changes) -> str:
    items = [{**item, **changes} if item["id"] == item_id else item for item in REGISTERS[register]]
    return yaml.safe_dump(items, sort_keys=False)


EDITS = {
    "a title, shown on listings and related case studies": lambda repo: repo.case_study(
        "joint-software", VALID_FRONT_MATTER.replace("Joint procurement of software", "Joint buying of software")),
    "the councils a case study names, moving it between council pages": lambda repo: repo.case_study(
        "joint-software", VALID_FRONT_MATTER.replace("[nottinghamshire-cc, nottingham-city]", "[blaby]")),
    "a saving's amount": lambda repo: repo.case_study(
        "blaby-service", BLABY.replace("amount: 677000", "amount: 1200000").replace("£677k", "£1.2m")),
    "the date of its source, shown under it where it is a related case study": lambda repo: repo.case_study(
        "county-wide", AREA_WIDE.replace("Joint procurement of software", "County-wide buying")
        .replace('date: "2011-04-12"', 'date: "2010-06-30"')),
    "the body only": lambda repo: repo.case_study("joint-software", body="## The challenge\n\nAll new text.\n"),
    "a new case study": lambda repo: repo.case_study(
        "second-blaby", BLABY.replace("Joint procurement of software", "Blaby again").replace("2026-01-15", "2026-03-01")),
    "a case study removed": lambda repo: (repo.root / "case_studies" / "blaby-service.md").unlink(),
    "a case study made a draft": lambda repo: repo.case_study("county-wide", AREA_WIDE + "draft: true\n"),
    "a council renamed in its register": lambda repo: repo.write(
        "data/authorities.yaml", registers_with("authorities", "blaby", name="Blaby Council")),
    "a theme's description": lambda repo: repo.write(
        "data/themes.yaml", registers_with("themes", "procurement", description="Buying, together.")),
    "a dataset's row": lambda repo: repo.write(
        "data/datasets/test-grants.yaml", TEST_GRANTS.replace("note: plain", "note: edited")),
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_a_preview_generates_what_a_fresh_hub_does(preview, edit):
    repo, hubs = preview
    EDITS[edit](repo)
    kept = build_hub(repo.root, TODAY, hubs.memo)
    assert everything_generated(kept) == everything_generated(build_hub(repo.root, TODAY))


def test_a_preview_parses_and_validates_again_only_the_edited_case_study(preview):
    repo, hubs = preview
    before = build_hub(repo.root, TODAY, hubs.memo)
    repo.case_study("joint-software", VALID_FRONT_MATTER.replace("Joint procurement of software", "Joint buying"))
    after = build_hub(repo.root, TODAY, hubs.memo)
    assert after.case_studies["blaby-service"] is before.case_studies["blaby-service"]
    assert after.case_studies["joint-software"] is not before.case_studies["joint-software"]
    assert after.case_studies["joint-software"].title == "Joint buying"
    assert after.registers is before.registers


def test_a_preview_reports_the_problems_of_an_edit_at_their_lines_as_a_fresh_check_does(preview):
    repo, hubs = preview
    broken = VALID_FRONT_MATTER.replace("themes: [procurement]", "themes: [procurment]")
    repo.case_study("joint-software", broken)
    with pytest.raises(ContentError) as kept:
        build_hub(repo.root, TODAY, hubs.memo)
    # The same mistake two lines further down: a problem kept from before would point at the old line.
    repo.case_study("joint-software", "# a comment\n# another\n" + broken)
    with pytest.raises(ContentError) as moved:
        build_hub(repo.root, TODAY, hubs.memo)
    with pytest.raises(ContentError) as fresh:
        build_hub(repo.root, TODAY)
    assert str(moved.value) == str(fresh.value) != str(kept.value)
    assert "procurment" in str(fresh.value)
