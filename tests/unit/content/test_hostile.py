"""Hostile pull requests (issue 16): every input of tests/hostile.py is refused with its file, line and a clear
message, by `hub check` and by the build, with no traceback (hostile but valid text, built: tests/site/test_hostile.py
and tests/browser/test_hostile.py)."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import defaultdict

import pytest

from macros.cli.check import run_check
from macros.figures.reconciliation import check_totals, reconcile_datasets
from macros.content.validation import check_repository

from tests.conftest import TODAY, Repo
from tests.hostile import ALONE, DATASETS, REFUSED, dataset_text, write_files


@pytest.fixture(scope="module")
def refused_hub(tmp_path_factory) -> Repo:
    """One hub holding every hostile case study and dataset: none of them affects another."""
    repo = Repo(tmp_path_factory.mktemp("refused") / "hub")
    for case in REFUSED + DATASETS:
        write_files(repo, case)
    return repo


@pytest.fixture(scope="module")
def refused_problems(refused_hub) -> dict[str, list]:
    content, problems = check_repository(refused_hub.root, today=TODAY)
    problems += check_totals(reconcile_datasets(content.datasets), content.total_lines)  # as `hub check` does
    by_file = defaultdict(list)
    for problem in problems:
        by_file[problem.path].append(problem)
    return by_file


def describe(problems) -> list[str]:
    return [str(problem) for problem in problems]


@pytest.mark.parametrize("case", REFUSED + DATASETS, ids=lambda case: case.name)
def test_each_hostile_file_is_refused_with_its_line_and_a_clear_message(refused_problems, case):
    found = refused_problems[case.path]
    assert any(p.line == case.line and case.message in f"{p.message} — {p.fix}" for p in found), describe(found)
    # No file's contents echoed: a value quoted in a message is cut short, so every message stays a line to read.
    assert all(len(f"{p.message} — {p.fix}") <= 300 for p in found), describe(found)
    if case.only and case.path.endswith((".yaml", ".yml")) or case.only and "body" not in {p.field for p in found}:
        assert len(found) == 1, describe(found)


def test_no_valid_file_is_reported_in_a_hub_of_hostile_files(refused_problems):
    expected = {case.path for case in REFUSED + DATASETS}
    assert set(refused_problems) == expected


@pytest.mark.parametrize("case", ALONE, ids=lambda case: case.name)
def test_a_register_that_cannot_be_read_gives_one_message_not_a_cascade(tmp_path, case):
    repo = Repo(tmp_path / "hub")
    repo.case_study("uses-every-register")
    write_files(repo, case)
    _, problems = check_repository(repo.root, today=TODAY)
    assert [(p.path, p.line) for p in problems] == [(case.path, case.line)], describe(problems)
    assert case.message in problems[0].message
    assert "root:" not in str(problems[0])  # nothing of the file a link points to is read or echoed


def test_hub_check_reports_every_hostile_file_at_once_without_a_traceback(refused_hub):
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(refused_hub.root), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    for case in REFUSED + DATASETS:
        assert f"{case.path}:{case.line}: " in result.stdout or "\n" in case.path, case.name


def test_github_annotations_cannot_be_forged_by_a_file_name_or_value(refused_hub):
    out = io.StringIO()
    assert run_check(refused_hub.root, "github", out) == 1
    lines = [line for line in out.getvalue().splitlines() if line]
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(line.startswith("::error file=") for line in annotations)
    forged = next(line for line in annotations if "forged" in line)
    assert "file=case_studies/x%0A%3A%3Awarning file=a%2Cline=1%3A%3Aforged.md,line=1,title=Hub check::" in forged
    # every line is a whole command or the summary: no newline in a name or value starts a command of its own
    assert lines[:-1] == annotations and lines[-1].endswith("fix them and run the check again.")


def test_a_file_saved_with_a_byte_order_mark_is_read_as_if_it_had_none(tmp_path):
    """Some Windows editors start a UTF-8 file with U+FEFF: a case study, a register or a dataset so saved passes."""
    repo = Repo(tmp_path / "hub")
    repo.case_study("saved-on-windows")
    repo.write("data/datasets/saved-on-windows.yaml", dataset_text("saved-on-windows"))
    for relative in ("case_studies/saved-on-windows.md", "data/themes.yaml", "data/datasets/saved-on-windows.yaml"):
        path = repo.root / relative
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    content, problems = check_repository(repo.root, today=TODAY)
    assert problems == [], describe(problems)
    assert [cs.slug for cs in content.case_studies] == ["saved-on-windows"]
    assert [d.id for d in content.datasets] == ["saved-on-windows"]
