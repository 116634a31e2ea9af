"""CONTRIBUTING.md followed as an editor would, in a copy of the hub: scaffold, fill in, check, build, and find it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.cli.check import run_check
from macros.cli.figures import compare_figures
from macros.cli.main import main
from macros.figures.snapshot import compute_snapshot
from macros.figures.hub import build_hub

from tests.conftest import ROOT
from tests.guide import Guide, front_matter, read_guide


@dataclass
class Journey:
    root: Path
    guide: Guide
    scaffolded: str
    check_before: str
    check_after: str
    report: str
    before: dict
    after: dict
    site: Path

    def page(self, address: str) -> str:
        return (self.site / address / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def journey(tmp_path_factory) -> Journey:
    root = tmp_path_factory.mktemp("editor") / "hub"
    shutil.copytree(ROOT, root, ignore=lambda folder, names: [  # the built site/, not the package's macros/site/
        name for name in names if name in (".git", ".venv", "__pycache__", ".pytest_cache")
        or (name == "site" and Path(folder) == ROOT)])
    guide = read_guide()
    before = compute_snapshot(build_hub(root))

    assert main(["--root", str(root), *guide.command]) == 0  # step 3: start the case study
    path = root / "case_studies" / f"{guide.slug}.md"
    scaffolded = path.read_text(encoding="utf-8")
    out = io.StringIO()
    assert run_check(root, out=out) == 1  # step 5, before filling in
    check_before = out.getvalue()

    path.write_text(guide.finished, encoding="utf-8")  # step 4: fill it in
    out = io.StringIO()
    assert run_check(root, out=out) == 0, out.getvalue()
    after = compute_snapshot(build_hub(root))

    site = root / "site"  # step 6 and the pull request's strict build
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return Journey(root, guide, scaffolded, check_before, out.getvalue(), compare_figures(before, after), before, after,
                   site)


def test_guide_command_scaffolds_the_case_study_the_worked_example_fills_in(journey):
    scaffolded, finished = front_matter(journey.scaffolded), front_matter(journey.guide.finished)
    for field in ("title", "partnership", "authorities", "themes"):
        assert scaffolded[field] == finished[field], field
    assert "REPLACE" in journey.scaffolded


def test_check_before_filling_in_prints_what_the_guide_shows(journey):
    printed = journey.check_before.splitlines()
    missing = [line for line in journey.guide.check_output if line not in printed]
    assert missing == [], "CONTRIBUTING.md's sample `make check` output no longer matches: update it"


def test_check_after_filling_in_is_all_good(journey):
    assert journey.check_after.startswith("All good:")


def test_new_case_study_has_its_page(journey):
    page = journey.page(f"case-studies/{journey.guide.slug}")
    assert "Joint building control for Melton and Rutland" in page
    assert "£120,000" in page and "Melton and Rutland Joint Building Control: first-year report" in page


@pytest.mark.parametrize("address", ["case-studies", "themes/shared-services", "authorities/melton",
                                     "authorities/rutland", "sub-regions/leicestershire", "partnerships/em-iep"])
def test_new_case_study_is_listed_on_its_theme_authority_and_partnership_pages(journey, address):
    assert re.search(rf'href="(\.\./)*(case-studies/)?{journey.guide.slug}/"', journey.page(address))


def test_new_case_study_is_in_the_search_index(journey):
    from macros.site.search import read_index

    entries = [entry for entry in read_index(journey.site) if f"case-studies/{journey.guide.slug}/" in entry["url"]]
    assert len(entries) == 1
    assert "Melton and Rutland merged their building control teams" in entries[0]["content"]
    assert entries[0]["filters"]["theme"] == ["shared-services"]


def test_new_case_study_moves_the_savings_and_league_figures(journey):
    def league_value(figures, league, entity):
        return next((e["value"] for e in figures["leagues"][league]["entries"] if e["id"] == entity), 0)

    for league, entity in [("league/authority/delivered", "melton"), ("league/authority/delivered", "rutland"),
                           ("league/sub_region/delivered", "leicestershire"), ("league/theme/delivered", "shared-services"),
                           ("league/partnership/delivered", "em-iep")]:
        moved = league_value(journey.after, league, entity) - league_value(journey.before, league, entity)
        assert moved == 120000, (league, entity)
    assert "- Case studies: " in journey.report and "(+1)" in journey.report
    assert re.search(r"- Savings delivered, cashable, per year: .* \(\+£120k\)", journey.report)
    assert re.search(r"- Authorities ranked by savings delivered: .*(Melton|Rutland)", journey.report)
    assert "- Shared services: savings delivered, per year: " in journey.report
