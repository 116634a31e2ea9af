"""CONTRIBUTING.md followed as an editor would, in a copy of the hub: scaffold, fill in, check, build, and find it."""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from macros.cli.check import run_check
from macros.cli.figures import compare_figures
from macros.cli.main import main
from macros.figures.snapshot import compute_snapshot
from macros.figures.hub import build_hub

from tests.conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@dataclass
class Guide:
    """The worked example as CONTRIBUTING.md gives it."""

    command: list[str]          # the one-line `pkhub new`, without the program
    check_output: list[str]     # what `make check` prints before the file is filled in
    finished: str               # the filled-in file
    slug: str


def read_guide() -> Guide:
    command = next(line for line in GUIDE.splitlines() if line.startswith(".venv/bin/pkhub new "))
    check_block = re.search(r"`make check` straight away[^\n]*\n\n```text\n(.*?)```", GUIDE, re.S).group(1)
    finished = re.search(r"<!-- worked-example:start -->\n```markdown\n(.*?)```\n<!-- worked-example:end -->",
                         GUIDE, re.S).group(1)
    slug = re.search(r"git add case_studies/([a-z0-9-]+)\.md", GUIDE).group(1)
    return Guide(shlex.split(command)[1:], [line for line in check_block.splitlines() if line], finished, slug)


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


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


def test_area_example_is_valid_and_credited_to_no_council(tmp_path):
    """CONTRIBUTING's area-wide example, with the worked example beside it, in a hub with the real registers."""
    from macros.figures import leagues

    from tests.conftest import TODAY

    example = re.search(r"<!-- area-example:start -->\n```yaml\n(.*?)```\n<!-- area-example:end -->", GUIDE, re.S).group(1)
    root = tmp_path / "hub"
    (root / "data").mkdir(parents=True)
    for register in ("authorities", "regions", "sub_regions", "partnerships", "themes", "programmes"):
        shutil.copy(ROOT / "data" / f"{register}.yaml", root / "data")
    (root / "case_studies").mkdir()
    (root / "case_studies" / "shared-fraud-team.md").write_text(f"---\n{example}---\n\n## What was done\n\nText.\n")
    (root / "case_studies" / "melton-rutland.md").write_text(read_guide().finished)
    hub = build_hub(root, TODAY)
    saving = hub.case_studies["shared-fraud-team"].savings[0]
    assert (saving.type, saving.amount) == ("unstated", 85000) and "£85k" in saving.quote
    districts = [a.id for a in hub.authorities.values() if a.sub_region == "leicestershire"]
    assert all("shared-fraud-team" in [cs.slug for cs in hub.select(covering_authority=a)] for a in districts)
    assert not [a for a in districts if "shared-fraud-team" in [cs.slug for cs in hub.select(authority=a)]]
    for entity in ("authority", "sub_region"):
        league = leagues.compute_league_table(hub.frame, hub.savings, entity, "delivered")
        assert league.rows_total == (240000 if entity == "authority" else 120000)  # Melton's and Rutland's only
        assert league.uncounted == 85000


# --- The `make new` transcripts in the guide, replayed -----------------------------------------------------------

TRANSCRIPTS = re.findall(r"```text\n(Title: .*?)```", GUIDE, re.S)


def replay(transcript: str, root: Path) -> list[str]:
    """Run `pkhub new` answering each question as the transcript does; return what an editor sees, line by line
    (the lists it prints on several lines count as their first)."""
    from macros.cli.new import run as run_new

    lines = transcript.splitlines()
    seen: list[str] = []

    class Screen(io.StringIO):
        def write(self, text):
            seen.extend(line for line in text.splitlines() if line and not line.startswith("  "))
            return len(text)

    def ask(question: str) -> str:
        line = next(line for line in lines[len(seen):] if line.startswith(question.rstrip()))
        answer = line[len(question.rstrip()):].strip()
        seen.append(question + answer)
        return answer

    class Args:
        title = authority = theme = partnership = slug = area = None
        yes = False

    args = Args()
    args.root, args.authority, args.theme = root, [], []
    assert run_new(args, ask=ask, out=Screen()) == 0
    return seen


@pytest.mark.parametrize("number", range(len(TRANSCRIPTS)))
def test_each_make_new_transcript_in_the_guide_is_what_it_asks_and_prints(tmp_path, number):
    assert len(TRANSCRIPTS) >= 2  # the worked example, and area-wide work
    root = tmp_path / "hub"
    (root / "data").mkdir(parents=True)
    for register in ("authorities", "regions", "sub_regions", "partnerships", "themes", "programmes"):
        shutil.copy(ROOT / "data" / f"{register}.yaml", root / "data")
    (root / "case_studies").mkdir()
    expected = TRANSCRIPTS[number].splitlines()
    seen = replay(TRANSCRIPTS[number], root)
    assert len(seen) == len(expected), seen
    differ = [(want, got) for want, got in zip(expected, seen) if not got.startswith(want.removesuffix("…").rstrip())]
    assert differ == [], "CONTRIBUTING.md's `make new` transcript no longer matches: update it"
    written = front_matter(next((root / "case_studies").glob("*.md")).read_text(encoding="utf-8"))
    example = (read_guide().finished if number == 0 else re.search(
        r"<!-- area-example:start -->\n```yaml\n(.*?)```", GUIDE, re.S).group(1))
    wanted = yaml.safe_load(example.split("---\n")[1] if example.startswith("---") else example)
    for field in ("title", "partnership", "authorities", "area", "themes"):
        assert written.get(field) == wanted.get(field), field


def test_saving_credit_example_is_valid_and_credits_each_saving_to_its_own_councils(tmp_path):
    """CONTRIBUTING's example of a saving credited to one of the councils named, and one to the area as a whole."""
    from macros.figures import leagues

    from tests.conftest import TODAY

    example = re.search(r"<!-- saving-credit-example:start -->\n```yaml\n(.*?)```", GUIDE, re.S).group(1)
    root = tmp_path / "hub"
    (root / "data").mkdir(parents=True)
    for register in ("authorities", "regions", "sub_regions", "partnerships", "themes", "programmes"):
        shutil.copy(ROOT / "data" / f"{register}.yaml", root / "data")
    (root / "case_studies").mkdir()
    (root / "case_studies" / "shared-planning.md").write_text(f"---\n{example}---\n\n## What was done\n\nText.\n")
    hub = build_hub(root, TODAY)
    assert [cs.slug for cs in hub.select(authority="rutland")] == ["shared-planning"]
    assert hub.savings_of(["shared-planning"], authority="rutland").empty
    assert list(hub.savings_of(["shared-planning"], authority="melton")["amount"]) == [40000]
    for status, expected in (("delivered", {"melton": 40000}), ("forecast", {})):
        league = leagues.compute_league_table(hub.frame, hub.savings, "authority", status)
        assert dict(zip(league.table["id"], league.table["value"])) == expected
    assert leagues.compute_league_table(hub.frame, hub.savings, "authority", "forecast").uncounted == 200000
