"""The GitHub workflows, Dependabot and the pull-request template: schema-valid, audited by zizmor, pinned actions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.cli.main import main as cli_main

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
OFFICIAL_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_workflows_use_only_official_actions_pinned_to_a_commit(name):
    uses = [step["uses"] for step in steps(name) if "uses" in step]
    assert uses
    for use in uses:
        action, _, ref = use.partition("@")
        assert action in OFFICIAL_ACTIONS, use
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{use}: pin the action to a full commit"
    assert re.findall(r"uses: \S+@[0-9a-f]{40} # v\d", (WORKFLOWS / name).read_text()), "name the version pinned"


def run_tool(name: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a pinned tool installed beside this interpreter (no network: both tools work offline)."""
    return subprocess.run([str(Path(sys.executable).parent / name), *args], cwd=cwd, capture_output=True, text=True)


def test_workflows_are_valid_against_githubs_workflow_schema_and_every_job_has_a_time_limit():
    files = [str(path) for path in sorted(WORKFLOWS.glob("*.y*ml"))]
    assert len(files) >= 2
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = run_tool("check-jsonschema", "--builtin-schema", schema, *files)
        assert result.returncode == 0, f"{schema}:\n{result.stdout}{result.stderr}"


def test_dependabot_configuration_is_valid_against_its_schema():
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.dependabot", str(ROOT / ".github" / "dependabot.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_check_refuses_a_workflow_as_an_editor_might_mistype_it(tmp_path):
    broken = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    (tmp_path / "pull-request.yml").write_text(broken, encoding="utf-8")
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(tmp_path / "pull-request.yml"))
    assert result.returncode == 1 and "runs_on" in result.stdout


def zizmor_findings(folder: Path) -> list[dict]:
    """zizmor's findings for a repository folder, every audit including the pedantic ones, without the network."""
    result = run_tool("zizmor", "--offline", "--strict-collection", "--persona", "pedantic", "--format", "json", ".",
                      cwd=folder)  # --strict-collection: a file zizmor cannot read fails instead of being skipped
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr  # 10-14: findings, by highest severity
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot_configuration_that_is_not_fixed_or_explained():
    findings = zizmor_findings(ROOT)
    assert [f"{finding['ident']}: {finding['desc']} ({finding['locations'][0]['symbolic']['key']})"
            for finding in findings] == []


def test_every_finding_accepted_in_the_zizmor_configuration_says_why():
    lines = (ROOT / ".github" / "zizmor.yml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith("- "):
            before = next(previous.strip() for previous in reversed(lines[:number]) if previous.strip())
            assert before.startswith("#") and len(before) > 20, f"zizmor.yml:{number + 1}: say why it is accepted"


def test_zizmor_reports_a_checkout_that_keeps_its_credentials(tmp_path):
    text = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    kept = re.sub(r"\n +with:\n +persist-credentials: false[^\n]*", "", text, count=1)  # the build job's checkout
    assert kept != text
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "publish.yml").write_text(
        kept, encoding="utf-8")
    assert "artipacked" in {finding["ident"] for finding in zizmor_findings(tmp_path)}


def test_dependabot_updates_the_pins_make_installs_and_the_pinned_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert ecosystems["pip"]["directory"] == "/" and ecosystems["github-actions"]["directory"] == "/"
    # Dependabot reads requirement files ending in .txt (and pyproject.toml): the file make installs must be one.
    installed = re.findall(r"pip install .*-r (\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert installed and all(name.endswith(".txt") and "/" not in name for name in installed), installed
    assert (ROOT / "pyproject.toml").exists()


def test_make_check_passes_its_arguments_to_pkhub_check():
    result = subprocess.run(["make", "-n", "check", 'CHECK_ARGS=--format github'], cwd=ROOT, capture_output=True,
                            text=True)
    assert ".venv/bin/pkhub check --format github" in result.stdout


def test_pull_request_template_holds_the_reviewers_checklist():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("Sources cited", "Figures checked against the source", "Contact consented",
                 "Figure-change report read"):
        assert f"- [ ] **{item}**" in template


def test_every_pkhub_command_is_documented(capsys):
    with pytest.raises(SystemExit):
        cli_main(["--help"])
    commands = re.search(r"\{([a-z,]+)\}", capsys.readouterr().out).group(1).split(",")
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert [c for c in commands if f"pkhub {c}" not in docs and f"make {c}" not in docs] == []


def test_make_build_is_the_build_for_publishing_and_a_pull_request_builds_without_publishing():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PUBLISH ?= true" in makefile
    result = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True)
    assert "HUB_PUBLISH=true .venv/bin/mkdocs build --strict" in result.stdout
    result = subprocess.run(["make", "-n", "build", "PUBLISH=false"], cwd=ROOT, capture_output=True, text=True)
    assert "HUB_PUBLISH=false .venv/bin/mkdocs build --strict" in result.stdout
    [publish] = [step for step in steps("publish.yml") if step.get("run") == "make build"]
    assert publish["env"] == {"HUB_SITE_URL": "${{ vars.HUB_SITE_URL }}"}
    [check] = [step for step in steps("pull-request.yml") if "make build" in step.get("run", "")]
    assert check["run"] == "make build PUBLISH=false" and "HUB_SITE_URL" not in check.get("env", {})
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "HUB_SITE_URL" in docs and "vars.HUB_SITE_URL" in docs
