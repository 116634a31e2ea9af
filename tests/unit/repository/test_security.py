"""The defences of SECURITY.md, one or more tests each: what a malicious pull request could try, and why it fails —
here those of the repository itself: code, dependencies, workflows, secrets and review (at the source:
tests/unit/content/test_security.py; in the built site: tests/site/test_security.py)."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from macros.site.pages import generate_pages

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


# --- YAML is read only with safe loaders ------------------------------------------------------------

UNSAFE_YAML_CALLS = re.compile(r"yaml\.(?:unsafe_load|full_load|load_all)\(|Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader)\b"
                               r"|yaml\.load\((?!.*Loader=)")


def test_code_reads_yaml_only_with_safe_loaders():
    offenders = [f"{path.relative_to(ROOT)}:{number}" for path in tracked_files() if path.suffix == ".py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if UNSAFE_YAML_CALLS.search(line)]
    assert offenders == []
    for path in tracked_files():
        if path.suffix == ".py":
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and any("Loader" in ast.unparse(b) for b in node.bases):
                    assert all("Safe" in ast.unparse(b) for b in node.bases), \
                        f"{path.relative_to(ROOT)}: {node.name} must extend a SafeLoader"


# --- Contributed text is never a template ------------------------------------------------------------

def test_generated_pages_are_never_sent_through_the_template_engine(hub):
    pages = generate_pages(hub, set())
    assert pages
    rendered = [page.uri for page in pages if "\nrender_macros: false\n" not in page.markdown.split("\n---\n")[0] + "\n"]
    assert rendered == []


def test_no_code_builds_a_jinja_template_from_text():
    offenders = [str(path.relative_to(ROOT)) for path in tracked_files()
                 if path.suffix == ".py" and path.parts[len(ROOT.parts)] in ("macros", "bench")
                 and re.search(r"\b(?:jinja2\.)?(?:Template|Environment)\(|from_string\(", path.read_text(encoding="utf-8"))]
    assert offenders == []


# --- Supply chain -------------------------------------------------------------------------------------

def locked() -> dict[str, str]:
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
    pinned = dict(re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!-]*)", line).groups()
                  for line in entries if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][0-9A-Za-z.+!-]*", line))
    assert len(pinned) == len(entries), [e for e in entries if e.split("==")[0] not in pinned]
    return pinned


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_locked_requirement_is_pinned_exactly_with_no_other_source():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-|://|@\s*(?:file|git|https?)", text, re.M), "no options, URLs or VCS sources"
    names = [normalise(name) for name in locked()]
    assert len(names) == len(set(names)), "each package once"


def test_every_declared_dependency_is_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + [d for group in project.get("optional-dependencies", {}).values() for d in group]
    names = {normalise(re.match(r"[A-Za-z0-9._-]+", d).group()) for d in declared}
    assert names - {normalise(n) for n in locked()} == set()


def test_make_installs_only_what_the_lock_pins():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("-r requirements.txt" in line or "--no-deps" in line for line in installs), installs


# --- Workflows ----------------------------------------------------------------------------------------

def workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOWS.glob("*.yml"))}


UNTRUSTED_EVENT_TEXT = re.compile(r"\$\{\{\s*github\.event\.(?:pull_request\.(?:title|body|head\.ref|head\.label)"
                                  r"|issue\.(?:title|body)|comment\.body|review\.body|head_commit\.message)")


def test_no_workflow_runs_pull_request_code_with_secrets_or_write_access():
    for name, flow in workflows().items():
        triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true
        triggers = triggers if isinstance(triggers, dict) else {t: None for t in ([triggers] if isinstance(triggers, str) else triggers)}
        assert not {"pull_request_target", "workflow_run"} & set(triggers), f"{name}: runs PR code with the base's rights"
        assert flow.get("permissions") == {"contents": "read"}, f"{name}: read-only by default"
        if "pull_request" in triggers:
            for job_name, job in flow["jobs"].items():
                assert "permissions" not in job, f"{name}/{job_name}: a pull request gets no write access"
                assert "secrets." not in yaml.safe_dump(job), f"{name}/{job_name}: no secrets on pull requests"


def test_no_workflow_puts_text_a_contributor_wrote_into_a_shell_command():
    for name, flow in workflows().items():
        for job in flow["jobs"].values():
            for step in job.get("steps", []):
                assert not UNTRUSTED_EVENT_TEXT.search(step.get("run", "")), f"{name}: {step.get('name')}"


def test_every_job_that_runs_the_repositorys_code_has_a_time_limit():
    for name, flow in workflows().items():
        for job_name, job in flow["jobs"].items():
            if any("run" in step for step in job.get("steps", [])):
                assert job.get("timeout-minutes", 999) <= 30, f"{name}/{job_name}"


# --- Secrets ------------------------------------------------------------------------------------------

SECRET_PATTERNS = {
    "private key": re.compile("-----BEGIN (?:[A-Z]+ )?" + "PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b[rs]k_live_[0-9a-zA-Z]{20,}\b"),
    "npm or PyPI token": re.compile(r"\b(?:npm_[A-Za-z0-9]{36}|pypi-AgE[A-Za-z0-9_-]{50,})\b"),
    "password or secret in a setting": re.compile(
        r"""(?i)\b(?:password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\b["']?\s*[:=]\s*["'][^"'\s]{8,}["']"""),
    "credentials in an address": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:[^/\s@'\"]+@[a-z0-9.-]+", re.I),
}
SECRET_FILES = re.compile(r"(?:^|/)(?:\.env(?:\..*)?|id_[rd]sa|id_ecdsa|id_ed25519|.*\.pem|.*\.p12|.*\.pfx|.*\.key|\.netrc"
                          r"|\.pypirc|credentials(?:\.json)?)$")


@pytest.mark.parametrize("text", [
    "-----BEGIN RSA " + "PRIVATE KEY-----", "key = AKIA" + "ABCDEFGHIJKLMNOP", "ghp_" + "a" * 36,
    "pass" + "word: 'hunter2hunter2'", "https://user:" + "p4ss@example.org/", "API_" + "KEY=\"abcdefghijkl\"",
])  # written in pieces, so that this file does not match its own patterns
def test_the_secret_scanner_finds_what_it_looks_for(text):
    assert any(pattern.search(text) for pattern in SECRET_PATTERNS.values())


def test_no_secret_or_credential_is_committed():
    found = []
    for path in tracked_files():
        name = path.relative_to(ROOT).as_posix()
        if SECRET_FILES.search(name):
            found.append((name, "a credentials file"))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [(name, kind) for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)]
    assert found == []


# --- SECURITY.md names a test for each defence ---------------------------------------------------------

TEST_REFERENCE = re.compile(r"`(tests/(?:[a-z_]+/)*test_[a-z_]+\.py)::(test_[a-z0-9_]+)`")


def defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_defence_in_security_md_names_tests_that_exist():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    table = text.split("| Threat | Defence | Tests |\n|---|---|---|\n")[1].split("\n\n")[0]
    rows = [row.strip("| ").split(" | ") for row in table.splitlines()]
    assert len(rows) >= 10 and all(len(row) == 3 for row in rows)
    for threat, _, tests in rows:
        references = TEST_REFERENCE.findall(tests)
        assert references, f"'{threat}' names no test"
        for file, test in references:
            assert test in defined_tests(ROOT / file), f"'{threat}': {file}::{test} does not exist"


# --- Review: code needs a maintainer ------------------------------------------------------------------------------

def test_every_change_outside_content_needs_a_code_owner():
    rules = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules and all(len(rule) >= 2 and rule[1].startswith("@") for rule in rules)
    owned = {rule[0].strip("/") for rule in rules}
    for path in ("docs", "macros", "overrides", "mkdocs.yml", ".github", "Makefile", "pyproject.toml",
                 "requirements.txt", "tests"):
        assert path in owned, path
    top_level = {path.relative_to(ROOT).parts[0] for path in tracked_files()}
    content = {"case_studies", "data", "reports", "README.md", "CONTRIBUTING.md", ".gitignore"}
    assert top_level - owned - content == set(), "a new top-level path: give it an owner, or say it is content"
    assert not owned & {"case_studies", "data"}, "content is reviewed by any maintainer, not only code owners"
