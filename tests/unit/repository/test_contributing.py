"""CONTRIBUTING.md's examples and `make new` transcripts, checked against the code: the area-wide example and the
saving-credit example are valid and credited as the guide says, and each transcript is what `pkhub new` asks and
prints (the worked example followed to a built site: tests/site/test_editor_journey.py)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.figures.hub import build_hub

from tests.conftest import ROOT
from tests.guide import GUIDE, front_matter, read_guide


def hub_with_the_real_registers(folder: Path) -> Path:
    """A hub with the repository's registers and no case study, as an editor's examples need."""
    root = folder / "hub"
    (root / "data").mkdir(parents=True)
    for register in ("authorities", "regions", "sub_regions", "partnerships", "themes", "programmes"):
        shutil.copy(ROOT / "data" / f"{register}.yaml", root / "data")
    (root / "case_studies").mkdir()
    return root

def test_area_example_is_valid_and_credited_to_no_council(tmp_path):
    """CONTRIBUTING's area-wide example, with the worked example beside it, in a hub with the real registers."""
    from macros.figures import leagues

    from tests.conftest import TODAY

    example = re.search(r"<!-- area-example:start -->\n```yaml\n(.*?)```\n<!-- area-example:end -->", GUIDE, re.S).group(1)
    root = hub_with_the_real_registers(tmp_path)
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
    root = hub_with_the_real_registers(tmp_path)
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
    root = hub_with_the_real_registers(tmp_path)
    (root / "case_studies" / "shared-planning.md").write_text(f"---\n{example}---\n\n## What was done\n\nText.\n")
    hub = build_hub(root, TODAY)
    assert [cs.slug for cs in hub.select(authority="rutland")] == ["shared-planning"]
    assert hub.savings_of(["shared-planning"], authority="rutland").empty
    assert list(hub.savings_of(["shared-planning"], authority="melton")["amount"]) == [40000]
    for status, expected in (("delivered", {"melton": 40000}), ("forecast", {})):
        league = leagues.compute_league_table(hub.frame, hub.savings, "authority", status)
        assert dict(zip(league.table["id"], league.table["value"])) == expected
    assert leagues.compute_league_table(hub.frame, hub.savings, "authority", "forecast").uncounted == 200000
