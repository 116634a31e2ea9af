"""The GitHub workflows and pull-request template: what runs on a pull request and on main, with pinned official actions."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
OFFICIAL_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values() for step in job.get("steps", [])]


def runs(name: str) -> str:
    return "\n".join(step.get("run", "") for step in steps(name))


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_workflows_use_only_official_actions_pinned_to_a_commit(name):
    uses = [step["uses"] for step in steps(name) if "uses" in step]
    assert uses
    for use in uses:
        action, _, ref = use.partition("@")
        assert action in OFFICIAL_ACTIONS, use
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{use}: pin the action to a full commit"
    assert re.findall(r"uses: \S+@[0-9a-f]{40} # v\d", (WORKFLOWS / name).read_text()), "name the version pinned"


def test_pull_requests_are_checked_with_annotations_built_strictly_tested_and_reported():
    on = workflow("pull-request.yml")[True]  # YAML reads the key `on` as true
    assert "pull_request" in on
    commands = runs("pull-request.yml")
    assert 'make check CHECK_ARGS="--format github"' in commands
    assert "make build" in commands and "make test" in commands
    assert 'git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA"' in commands
    assert 'pkhub slugs --update --from "$RUNNER_TEMP/base"' in commands
    assert re.search(r'pkhub compare "\$RUNNER_TEMP/base.json" "\$RUNNER_TEMP/head.json" .*"\$GITHUB_STEP_SUMMARY"',
                     commands)
    assert workflow("pull-request.yml")["permissions"] == {"contents": "read"}


def test_main_is_checked_built_deployed_to_pages_and_its_slugs_recorded():
    publish = workflow("publish.yml")
    assert publish[True]["push"]["branches"] == ["main"]
    assert ["make check" in runs("publish.yml"), "make build" in runs("publish.yml")] == [True, True]
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert "make slugs" in runs("publish.yml")
    assert publish["permissions"] == {"contents": "read"}  # only the recording job may write, and only contents
    assert publish["jobs"]["record-slugs"]["permissions"] == {"contents": "write"}


def test_make_check_passes_its_arguments_to_pkhub_check():
    result = subprocess.run(["make", "-n", "check", 'CHECK_ARGS=--format github'], cwd=ROOT, capture_output=True,
                            text=True)
    assert ".venv/bin/pkhub check --format github" in result.stdout


def test_pull_request_template_holds_the_reviewers_checklist():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("Sources cited", "Figures checked against the source", "Contact consented",
                 "Figure-change report read"):
        assert f"- [ ] **{item}**" in template


def test_every_pkhub_command_is_documented():
    result = subprocess.run([sys.executable, "-m", "macros.cli", "--help"], cwd=ROOT, capture_output=True, text=True)
    commands = re.search(r"\{([a-z,]+)\}", result.stdout).group(1).split(",")
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert [c for c in commands if f"pkhub {c}" not in docs and f"make {c}" not in docs] == []
