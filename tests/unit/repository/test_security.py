"""The defences of SECURITY.md, one or more tests each: what a malicious pull request could try, and why it fails."""

from __future__ import annotations

import ast
import csv
import io
import re
import subprocess
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.cli.digest import read_site_url
from macros.figures.hub import build_hub
from macros.content.parse import YamlError, parse_yaml
from macros.content.markup import find_body_problems
from macros.site.pages import generate_pages

from macros.content.validation import check_repository

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER, Repo

WORKFLOWS = ROOT / ".github" / "workflows"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def problems_for(repo, front_matter: str = VALID_FRONT_MATTER, body: str = "## Results\n\nFine.\n") -> list[str]:
    repo.case_study("joint-software", front_matter, body)
    _, problems = check_repository(repo.root, today=TODAY)
    return [str(p) for p in problems]


# --- YAML is data, never code -----------------------------------------------------------------------

def test_yaml_aliases_are_refused_so_a_small_file_cannot_expand_to_billions_of_values():
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    started = time.perf_counter()
    with pytest.raises(YamlError, match="aliases"):
        parse_yaml("\n".join(levels) + "\n", first_line=2)  # 500 bytes: 10^9 values if expanded
    assert time.perf_counter() - started < 1


def test_an_alias_in_a_case_study_is_reported_to_the_editor(repo):
    problems = problems_for(repo, VALID_FRONT_MATTER.replace("themes: [procurement]", "themes: &t [procurement]")
                            + "outcomes: *t\n")
    assert any("YAML aliases (*name) are refused" in p for p in problems), problems


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

def test_generated_pages_are_never_sent_through_the_template_engine():
    hub = build_hub(ROOT)
    pages = generate_pages(hub, set())
    assert pages
    rendered = [page.uri for page in pages if "\nrender_macros: false\n" not in page.markdown.split("\n---\n")[0] + "\n"]
    assert rendered == []


def test_no_code_builds_a_jinja_template_from_text():
    offenders = [str(path.relative_to(ROOT)) for path in tracked_files()
                 if path.suffix == ".py" and path.parts[len(ROOT.parts)] in ("macros", "bench")
                 and re.search(r"\b(?:jinja2\.)?(?:Template|Environment)\(|from_string\(", path.read_text(encoding="utf-8"))]
    assert offenders == []


# --- Contributed markup: an allowlist ----------------------------------------------------------------

@pytest.mark.parametrize("body, what", [
    ("<svg/onload=alert(1)>", "an on…= event attribute"),
    ('<img src=x\n  onerror="alert(1)">', "an on…= event attribute"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "a javascript: (or data:) link"),
    ('<a href="java\tscript:alert(1)">x</a>', "a javascript: (or data:) link"),
    ("[x](&#106;avascript:alert(1))", "a javascript: (or data:) link"),
    ("[x][1]\n\n[1]: javascript:alert(1)", "a javascript: (or data:) link"),
    ("<javascript:alert(1)>", "a javascript: (or data:) link"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a javascript: (or data:) link"),
    ("[x](https://example.org){onclick=\"alert(1)\"}", "an attribute list {…}"),
    ("A paragraph\n{: onmouseover=\"alert(1)\" }", "an attribute list {…}"),
    ('<base href="https://evil.example/">', "a <base> element"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "a <meta> element"),
    ('<form action="https://evil.example/"><input type=password></form>', "a <form> element"),
    ("<style>body { display: none }</style>", "a <style> element"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "a <link> element"),
    ('<img src="https://tracker.example/pixel.gif" alt="">', "an <img> element"),
    ("![chart](https://tracker.example/pixel.gif)", "an image from another host"),
    ('<div markdown="1">x</div>', "a <div> element"),
    ('<abbr title="x" style="position:fixed">EM</abbr>', "the attribute style= on <abbr>"),
    ("<!DOCTYPE html>", "HTML markup"),
    ("[x](vbscript:msgbox(1))", "a javascript: (or data:) link"),
    ("[x](file:///etc/passwd)", "a file: link"),
])
def test_markup_that_could_run_load_send_or_redirect_is_refused(body, what):
    assert what in [found for _, found, _ in find_body_problems(body)]


@pytest.mark.parametrize("body", [
    "Savings rose by more than 10% (from < £5k to > £9k), see <https://www.gov.uk/> or <officer@example.gov.uk>.",
    "[The report](https://example.org/report.pdf \"title\"), [mail](mailto:a@example.org), [a page](../../themes/procurement/)",
    "[ref][1]\n\n[1]: https://example.org/\n",
    "H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"East Midlands\">EM</abbr>, <br>, <strong>x</strong> <!-- note -->",
    "## Results {#results}\n\nCode: `a < b`, {{ 7 * 7 }} and {% if x == 1 %}",
    "![a chart](chart.png)",
])
def test_plain_markdown_and_harmless_inline_tags_pass(body):
    assert find_body_problems(body) == []


def test_the_editor_is_told_the_file_line_and_what_to_write_instead(repo):
    problems = problems_for(repo, body="## Results\n\nFine.\n\nSee <svg/onload=alert(1)>\n")
    line = VALID_FRONT_MATTER.count("\n") + 8
    assert f"case_studies/joint-software.md:{line}: body: a <svg> element is not allowed in contributed content — " \
           "write it in Markdown instead: case-study bodies are plain Markdown" in problems


@pytest.mark.parametrize("change, expected", [
    (("title: Joint procurement of software", "title: Joint <img src=x onerror=alert(1)> software"),
     "title: HTML is not allowed in a field"),
    (("  section: Item 6", "  section: Item 6\n  url: 'javascript:alert(1)'"),
     "source.url: a javascript: (or data:) link is not allowed"),
    (("  section: Item 6", "  section: Item 6\n  url: www.example.org/report"), "source.url: 'www.example.org/report' is not a web address"),
    (("investment: 50000", "investment: 50000\noutcomes: ['</p><script>alert(1)</script>']"),
     "outcomes[0]: HTML is not allowed in a field"),
])
def test_fields_are_plain_text_and_addresses_are_web_addresses(repo, change, expected):
    problems = problems_for(repo, VALID_FRONT_MATTER.replace(*change))
    assert any(expected in p for p in problems), problems


def test_register_and_dataset_text_is_plain_text_too(repo):
    repo.write("data/themes.yaml", "- id: procurement\n  name: Procurement<script>alert(1)</script>\n  description: x\n"
               "- id: shared-services\n  name: Shared services\n  description: '\"><svg onload=alert(1)>'\n")
    problems = problems_for(repo)
    assert any(p.startswith("data/themes.yaml:2: [0].name: HTML is not allowed") for p in problems), problems
    assert any(p.startswith("data/themes.yaml:6: [1].description: HTML is not allowed") for p in problems), problems


class ElementCollector(HTMLParser):
    """Every start tag and its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


HOSTILE = "Legal & \"trusted\" ' onmouseover='alert(1)' data-x=\" {{ 7 * 7 }} {% raw %} ${alert(1)}"


@pytest.fixture(scope="module")
def contributed_site(tmp_path_factory) -> Path:
    """A small hub whose editors wrote hostile but valid text in every field, and renamed a case study twice."""
    repo = Repo(tmp_path_factory.mktemp("contributed") / "hub").with_site()
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    front = (VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: {quoted}")
             .replace("summary: Councils", f"summary: {quoted[:-1]} Councils").replace("licences.", "licences.'")
             .replace("  section: Item 6", f"  section: {quoted}") + f"outcomes: [{quoted}]\n")
    repo.case_study("hostile-text", front, f"## Results\n\n{HOSTILE}\n")
    repo.case_study("renamed-study", VALID_FRONT_MATTER + "aliases: [first-name, second-name]\n")
    _, problems = check_repository(repo.root, today=TODAY)
    assert problems == []
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_but_valid_text_is_escaped_in_every_built_page(contributed_site):
    injected, shown = [], False
    for page in contributed_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        collector = ElementCollector()
        collector.feed(text)
        injected += [(page.relative_to(contributed_site).as_posix(), tag, key)
                     for tag, attributes in collector.elements for key in attributes
                     if key.startswith("on") or key == "data-x"]
        shown |= "{{ 7 * 7 }} {% raw %}" in text
        assert "49 {% raw" not in text
    assert injected == []
    assert shown


def test_every_redirect_leads_to_a_case_study_on_the_sites_own_host(contributed_site):
    site_url = read_site_url(ROOT)
    rules = [line.split() for line in (contributed_site / "_redirects").read_text(encoding="utf-8").splitlines()]
    assert len(rules) == 2
    slug = r"/case-studies/[a-z0-9]+(?:-[a-z0-9]+)*/"
    for source, target, status in rules:
        assert re.fullmatch(slug, source) and re.fullmatch(slug, target) and status == "301"
        assert (contributed_site / target.strip("/") / "index.html").exists()
    pages = [page for page in contributed_site.rglob("*.html") if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")]
    assert len(pages) == len(rules)
    for page in pages:
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text(encoding="utf-8")).group(1)
        assert re.fullmatch(re.escape(site_url.rstrip("/")) + slug, target), page


# --- Open data that spreadsheets open safely -----------------------------------------------------------

def looks_like_a_number(cell: str) -> bool:
    return re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?", cell) is not None


def test_no_csv_in_the_built_site_has_a_cell_a_spreadsheet_would_run(site):
    exports = sorted(site.rglob("*.csv"))
    assert exports
    offenders = [(path.relative_to(site).as_posix(), cell) for path in exports
                 for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row
                 if cell.startswith(FORMULA_STARTS) and not looks_like_a_number(cell)]
    assert offenders == []


# --- Addresses: slugs stay in their folder, redirects stay on the site --------------------------------

@pytest.mark.parametrize("alias", ["../index", "a/b", "..", ".hidden", "Case-Study", "x y", "%2e%2e", "a" * 81])
def test_aliases_that_could_leave_the_case_study_folder_are_refused(repo, alias):
    problems = problems_for(repo, VALID_FRONT_MATTER + f"aliases: ['{alias}']\n")
    assert any("aliases[0]" in p and "not a valid slug" in p for p in problems), problems


@pytest.mark.parametrize("name", ["escape..", "Bad Name", "dots.in.name", "-leading"])
def test_file_names_that_are_not_slugs_are_refused(repo, name):
    repo.case_study(name)
    _, problems = check_repository(repo.root, today=TODAY)
    assert any("file name" in str(p) and "not a valid slug" in str(p) for p in problems), [str(p) for p in problems]


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


def test_a_field_with_html_is_reported_beside_another_problem_on_the_same_line(repo):
    front_matter = VALID_FRONT_MATTER.replace(
        "investment: 50000", "investment: 50000\noutcomes: ['<img src=x onerror=alert(1)>', '']")
    problems = problems_for(repo, front_matter)
    line = front_matter.splitlines().index("outcomes: ['<img src=x onerror=alert(1)>', '']") + 2
    on_the_line = [p for p in problems if p.startswith(f"case_studies/joint-software.md:{line}: ")]
    assert [p.split(" — ")[0].split(": ", 1)[1] for p in sorted(on_the_line)] == [
        "outcomes[0]: HTML is not allowed in a field", "outcomes[1]: is 0 characters long"], problems
