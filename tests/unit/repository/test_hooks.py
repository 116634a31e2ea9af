"""The pre-commit hook on editors' machines: the content check on the changed files, offline, same messages."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, VALID_FRONT_MATTER, Repo

CONFIG = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOK = next(hook for repo in CONFIG["repos"] for hook in repo["hooks"] if hook["id"] == "pkhub-check")
BIN = Path(sys.executable).parent
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$", re.M)


def run_hook_entry(repo: Repo, *files: str) -> subprocess.CompletedProcess:
    """Run the hook's command as pre-commit does: from the repository's top, the changed files appended."""
    program, *arguments = shlex.split(HOOK["entry"])
    assert program.startswith(".venv/bin/"), "the hook runs the hub's own command from the project's .venv"
    command = [str(BIN / Path(program).name), *arguments, *files]
    return subprocess.run(command, cwd=repo.root, capture_output=True, text=True)


def hook_selects(path: str) -> bool:
    return re.search(HOOK["files"], path) is not None


def test_the_hook_is_local_and_runs_without_downloading_anything():
    local = [repo for repo in CONFIG["repos"] if HOOK in repo["hooks"]]
    assert local[0]["repo"] == "local" and HOOK["language"] == "system"
    assert HOOK.get("require_serial") is True  # one run sees every changed file: one summary, the hub loaded once


@pytest.mark.parametrize("path, selected", [
    ("case_studies/shared-legal-service.md", True),
    ("data/authorities.yaml", True),
    ("data/datasets/em-iep-srp-savings-2008-11.yaml", True),
    ("data/published-slugs.txt", True),
    ("docs/guides/procurement.md", False),
    ("macros/cli/main.py", False),
    ("README.md", False),
])
def test_the_hook_runs_on_case_studies_and_data_files_only(path, selected):
    assert hook_selects(path) is selected


def test_the_hook_entry_reports_a_bad_case_study_as_path_line_field_message(repo):
    repo.case_study("good-one")
    bad = repo.case_study("bad-one", VALID_FRONT_MATTER.replace("authorities: [nottinghamshire-cc, nottingham-city]",
                                                                "authorities: [nottinghamshire-cc, notts-city]"))
    line = bad.read_text(encoding="utf-8").splitlines().index("authorities: [nottinghamshire-cc, notts-city]") + 1
    result = run_hook_entry(repo, "case_studies/bad-one.md", "case_studies/good-one.md")
    assert result.returncode == 1
    problems = [match.groupdict() for match in PROBLEM_LINE.finditer(result.stdout)]
    assert [(p["path"], int(p["line"]), p["field"]) for p in problems] == [
        ("case_studies/bad-one.md", line, "authorities[1]")]
    assert "unknown authority 'notts-city'" in problems[0]["message"] and "nottingham-city" in problems[0]["message"]
    assert "1 problem found" in result.stdout


def test_the_hook_entry_leaves_out_problems_in_files_the_commit_does_not_touch(repo):
    repo.case_study("good-one")
    repo.case_study("half-written", VALID_FRONT_MATTER.replace("themes: [procurement]", "themes: [procurment]"))
    result = run_hook_entry(repo, "case_studies/good-one.md")
    assert result.returncode == 0, result.stdout
    assert "All good: 1 changed file checked against the whole hub" in result.stdout
    assert "1 more in other files" in result.stdout and "half-written" not in result.stdout


def test_a_changed_register_reports_the_case_studies_it_breaks(repo):
    repo.case_study("good-one")
    registers = (repo.root / "data" / "authorities.yaml")
    registers.write_text(registers.read_text(encoding="utf-8").replace("id: nottingham-city", "id: nottingham-cc"),
                         encoding="utf-8")
    result = run_hook_entry(repo, "data/authorities.yaml")
    assert result.returncode == 1
    assert [m["path"] for m in PROBLEM_LINE.finditer(result.stdout)] == ["case_studies/good-one.md"]


def test_pre_commit_itself_runs_the_hook_offline_and_stops_a_commit_with_a_bad_file(repo, tmp_path):
    repo.case_study("good-one")
    (repo.root / ".pre-commit-config.yaml").write_text(
        (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (repo.root / ".venv").symlink_to(BIN.parent)  # the hook runs .venv/bin/pkhub, as on an editor's machine
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "A valid hub"]):
        subprocess.run(git + command, cwd=repo.root, check=True, capture_output=True)
    repo.case_study("bad-one", VALID_FRONT_MATTER.replace("published: 2026-01-15", "published: 2026-13-15"))
    subprocess.run(git + ["add", "case_studies/bad-one.md"], cwd=repo.root, check=True)
    result = subprocess.run([str(BIN / "pre-commit"), "run"], cwd=repo.root, capture_output=True, text=True,
                            env=environment)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^case_studies/bad-one\.md:\d+: published: ", result.stdout, re.M), result.stdout
    assert "good-one" not in result.stdout
