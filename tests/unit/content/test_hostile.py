"""Hostile pull requests (issue 16): every input of tests/hostile.py is refused with its file, line and a clear
message, by `hub check` and by the build, with no traceback; what is hostile but valid is built harmless."""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from macros.cli.check import run_check
from macros.figures.reconciliation import check_totals, reconcile_datasets
from macros.content.validation import check_repository

from tests.conftest import TODAY, VALID_FRONT_MATTER, Repo
from tests.hostile import ALONE, DATASETS, REFUSED, Refused


def write_files(repo: Repo, case: Refused) -> None:
    for relative, content in case.files.items():
        path = repo.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()  # a register the hub already holds, replaced
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


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


# --- Hostile but valid: built, then opened in a real browser ------------------------------------------------------

from tests.conftest import serve_folder  # noqa: E402
from tests.hostile import (FORMULA_CELLS, HARMLESS_BODY, HARMLESS_FRONT, HARMLESS_THEMES, HARMLESS_TITLE,  # noqa: E402
                      UNCHECKED_BODIES, UNCHECKED_TITLE, harmless_dataset)

WATCH = """
window.__pwned = undefined;
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def open_watched(browser, base_url: str, addresses: list[str], ready=None) -> dict:
    """Open each address with nothing allowed off the loopback server; whatever ran, asked or was blocked."""
    context = browser.new_context()
    offsite, dialogs, errors = [], [], []
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"),
                  lambda route: (offsite.append(route.request.url), route.abort()))
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    seen = {}
    for address in addresses:
        tab.goto(base_url + address)
        if ready:
            ready(tab, address)
        tab.wait_for_load_state("networkidle")
        seen[address] = {"pwned": tab.evaluate("window.__pwned"), "violations": tab.evaluate("window.__violations"),
                         "title": tab.title()}
    context.close()
    return {"pages": seen, "offsite": offsite, "dialogs": dialogs, "errors": errors}


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory) -> Path:
    """A hub whose editors wrote hostile but valid text everywhere: it must build, strictly, and do no harm."""
    repo = Repo(tmp_path_factory.mktemp("harmless") / "hub").with_site()
    repo.case_study("hostile-text", HARMLESS_FRONT, HARMLESS_BODY)
    repo.write("data/themes.yaml", HARMLESS_THEMES)
    repo.write("data/datasets/hostile-formulas.yaml", harmless_dataset())
    content, problems = check_repository(repo.root, today=TODAY)
    assert problems == [], describe(problems)
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_but_valid_text_runs_nothing_loads_nothing_elsewhere_and_trips_no_policy(browser, harmless_site):
    url, server = serve_folder(harmless_site)
    try:
        def search(tab, address):
            if address.startswith("search/"):
                tab.locator("#hub-results li").first.wait_for()
        found = open_watched(browser, url, ["case-studies/hostile-text/", "themes/procurement/", "case-studies/",
                                            "datasets/hostile-formulas/", "authorities/nottinghamshire-cc/",
                                            "search/?q=hostilezebra", "digest/"], search)
    finally:
        server.shutdown()
    assert found["offsite"] == [] and found["dialogs"] == [] and found["errors"] == []
    for address, page in found["pages"].items():
        assert page["pwned"] is None and page["violations"] == [], (address, page)
    # The title is shown as the text the editor wrote, in the tab and on the page.
    assert found["pages"]["case-studies/hostile-text/"]["title"].startswith(HARMLESS_TITLE.split(" \"")[0])


def test_no_export_of_a_hostile_hub_has_a_formula_cell_and_text_is_quoted(harmless_site):
    from macros.site.exports import is_formula

    exports = sorted(harmless_site.rglob("*.csv"))
    assert exports
    for path in exports:
        raw = path.read_bytes().decode("utf-8")
        assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "").replace('"\r=', ""), path
        for row in csv.reader(io.StringIO(raw, newline="")):
            for cell in row:
                assert not is_formula(cell) or looks_like_a_number(cell), (path.name, cell)
    written = (harmless_site / "datasets" / "hostile-formulas.csv").read_bytes().decode("utf-8")
    for cell in FORMULA_CELLS:
        quoted = cell.replace('"', '""')
        if cell.startswith(("％", "Neighbourhood")):
            assert f'"{quoted}",' in written  # no formula: left as written, quoted (the line break stays inside)
        else:
            assert f'"\'{quoted}",' in written  # quoted, with the apostrophe in front
    assert '\r\n"\'-1+2",3\r\n' in written and ',-3\r\n' in written  # numbers stay numbers, unquoted


def looks_like_a_number(cell: str) -> bool:
    return re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?", cell) is not None


# --- With the source checks switched off: each later layer on its own -----------------------------------------

@pytest.fixture(scope="module")
def unchecked_build(tmp_path_factory):
    """The payloads the source checks catch, built as if the checks had missed every one (non-strict, in this
    process, with the markup checks of `content/markup.py` switched off): what the sanitiser, the escaping and the
    policy do alone."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    repo = Repo(tmp_path_factory.mktemp("unchecked") / "hub").with_site()
    for name, text in UNCHECKED_BODIES.items():
        repo.case_study(name, body="## Payload\n\n" + text)
    repo.case_study("title-breakout", VALID_FRONT_MATTER.replace(
        "title: Joint procurement of software", "title: '" + UNCHECKED_TITLE + "'"))
    site = repo.root.parent / "site"
    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("macros.content.markup.find_body_problems", lambda body: [])
        patch.setattr("macros.content.markup.describe_field_markup", lambda text: None)
        config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
            logging.getLogger("mkdocs").removeHandler(handler)
    return site, handler.messages


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_the_sanitiser_removes_each_payload_and_names_the_file_and_line(unchecked_build):
    site, warnings = unchecked_build
    removed = [message for message in warnings if "removed from the page" in message]
    body_line = VALID_FRONT_MATTER.count("\n") + 6  # '## Payload', a blank line, then the payload
    for name, text in UNCHECKED_BODIES.items():
        if name == "reference-in-quote":
            continue  # a link whose address is refused keeps its element: nothing to report, nothing to follow
        assert any(f"case_studies/{name}.md:" in message for message in removed), (name, removed)
    assert any(f"case_studies/img-onerror.md:{body_line}: " in message and "<img> onerror=" in message
               for message in removed), removed
    for page in site.glob("case-studies/*/index.html"):
        text = page.read_text(encoding="utf-8")
        assert "__pwned" not in text.replace("window.__pwned=9", "") or "title-breakout" in str(page), page
        assert "javascript:" not in text.lower() and "tracker.example" not in text and "evil.example" not in text


def test_no_payload_runs_when_the_source_checks_miss_it(browser, unchecked_build):
    site, _ = unchecked_build
    url, server = serve_folder(site)
    try:
        found = open_watched(browser, url, [f"case-studies/{name}/" for name in [*UNCHECKED_BODIES, "title-breakout"]])
    finally:
        server.shutdown()
    assert found["offsite"] == [] and found["dialogs"] == []
    for address, page in found["pages"].items():
        assert page["pwned"] is None, (address, page)
    assert found["pages"]["case-studies/title-breakout/"]["title"].startswith("</title><script>")


def test_the_policy_blocks_a_script_that_reached_a_page_anyway(browser, site):
    """The last layer alone: a built page with a script and a handler written straight into it."""
    page = site / "case-studies" / "glossop-one-stop-shop" / "index.html"
    folder = site.parent / "csp-only"
    folder.mkdir(exist_ok=True)
    injected = page.read_text(encoding="utf-8").replace(
        '<article class="md-content__inner md-typeset"', '<article class="md-content__inner md-typeset"', 1).replace(
        "</h1>", '</h1><script>window.__pwned=1</script><img src="x.png" onerror="window.__pwned=2">'
                 '<a id="go" href="javascript:window.__pwned=3">go</a>', 1)
    (folder / "index.html").write_text(injected, encoding="utf-8")
    url, server = serve_folder(folder)
    try:
        def click(tab, address):
            tab.locator("#go").click()
        found = open_watched(browser, url, [""], click)
    finally:
        server.shutdown()
    page_seen = found["pages"][""]
    assert page_seen["pwned"] is None
    assert any(violation.startswith("script-src") for violation in page_seen["violations"]), page_seen


# --- Builds that fail or are stopped leave nothing half done ------------------------------------------------------

def test_a_failed_strict_build_leaves_the_previous_site_as_it_was(tmp_path):
    repo = Repo(tmp_path / "hub").with_site()
    repo.case_study("joint-software")
    site = tmp_path / "site"
    assert repo.build(site).returncode == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert "pagefind/pagefind.js" in before and "feed.xml" in before and "_headers" in before
    # A broken link is found by the link check, the build's very last step: the search index, feeds, redirects
    # and exports are all written by then, into the staging folder.
    repo.case_study("joint-software", body="## Results\n\nSee [the guide](../../no-such-page/).\n")
    result = repo.build(site)
    assert result.returncode != 0 and "broken link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("site.")] == []


def test_make_serve_stopped_with_ctrl_c_removes_its_temporary_folders(tmp_path):
    repo = Repo(tmp_path / "hub").with_site()
    repo.case_study("joint-software")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--no-livereload",
                               "-a", "127.0.0.1:0"], cwd=repo.root, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TMPDIR": str(scratch)})
    try:
        for line in server.stderr:  # MkDocs says where it serves once the first build is done
            if "Serving on" in line:
                break
        assert server.poll() is None
        assert [p.name for p in scratch.iterdir() if p.name.startswith("hub-preview-")]  # there while it serves
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert list(scratch.iterdir()) == []
