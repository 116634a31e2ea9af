"""Hostile pull requests (issue 16) in the built site: what is hostile but valid is built harmless, each payload the
source checks would miss is removed by the sanitiser naming its file and line, and a build that fails or is stopped
leaves nothing half done (refused at the source: tests/unit/content/test_hostile.py; in chromium:
tests/browser/test_hostile.py)."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys

import pytest

from tests.conftest import VALID_FRONT_MATTER, Repo, read_page
from tests.hostile import DATASETS, FORMULA_CELLS, REFUSED, UNCHECKED_BODIES, write_files


def test_no_export_of_a_hostile_hub_has_a_formula_cell_and_text_is_quoted(hostile_hub):
    from macros.site.exports import is_formula

    exports = sorted(hostile_hub.site.rglob("*.csv"))
    assert exports
    for path in exports:
        raw = path.read_bytes().decode("utf-8")
        assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "").replace('"\r=', ""), path
        for row in csv.reader(io.StringIO(raw, newline="")):
            for cell in row:
                assert not is_formula(cell) or looks_like_a_number(cell), (path.name, cell)
    written = (hostile_hub.site / "datasets" / "hostile-formulas.csv").read_bytes().decode("utf-8")
    for cell in FORMULA_CELLS:
        quoted = cell.replace('"', '""')
        if cell.startswith(("％", "Neighbourhood")):
            assert f'"{quoted}",' in written  # no formula: left as written, quoted (the line break stays inside)
        else:
            assert f'"\'{quoted}",' in written  # quoted, with the apostrophe in front
    assert '\r\n"\'-1+2",3\r\n' in written and ',-3\r\n' in written  # numbers stay numbers, unquoted


def looks_like_a_number(cell: str) -> bool:
    return re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?", cell) is not None


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


def test_a_case_study_and_a_dataset_at_every_limit_build_with_their_figures_in_full(hostile_hub):
    from macros.content.settings import DATASET_VALUE_CEILING, MONEY_CEILING

    page = read_page(hostile_hub.site, "case-studies/at-the-limits")
    assert f"£{MONEY_CEILING - 1:,}" in page and "x" * 5000 in page
    assert f"{DATASET_VALUE_CEILING - 1:,}" in read_page(hostile_hub.site, "datasets/at-the-limits")


def test_the_build_refuses_every_hostile_file_as_the_check_does_in_one_message(tmp_path, caplog):
    """Each malformed input of tests/hostile.py, all in one hub: the strict build stops at its first event with one
    error listing each at its line, as `pkhub check` does (tests/unit/content/test_hostile.py), and no traceback."""
    from mkdocs.exceptions import Abort

    repo = Repo(tmp_path / "hub").with_site()
    for case in REFUSED + DATASETS:
        write_files(repo, case)
    with pytest.raises(Abort):
        repo.build_here(tmp_path / "site", strict=True)
    errors = [record for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1 and "Traceback" not in caplog.text and errors[0].exc_info is None
    for case in REFUSED + DATASETS:
        assert f"{case.path}:{case.line}: " in errors[0].getMessage() and case.message in errors[0].getMessage(), \
            case.name
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_failed_strict_build_leaves_the_previous_site_as_it_was(stopped_build):
    repo, before, result = stopped_build
    assert "pagefind/pagefind.js" in before and "feed.xml" in before and "_headers" in before
    # Broken links are found by the link check, the build's very last step: the search index, feeds, redirects and
    # exports are all written by then, into the staging folder.
    assert result.returncode != 0 and "broken link" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(repo.site).as_posix() for p in repo.site.rglob("*")) == before
    assert [p.name for p in repo.site.parent.iterdir() if p.name.startswith("site.")] == []


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
