"""The newsletter digest: exactly the case studies published or updated in a range, in three forms, absolute links."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.figures.changes import select_digest
from macros.figures.hub import build_hub

from tests.conftest import ROOT, SITE_URL

CASE_STUDY_LINK = re.compile(r"https://hub\.example\.org/case-studies/([a-z0-9-]+)/(\?[^\s\"<>)]*)?")

# since, until -> the case studies published or updated in the range (drafts never)
RANGES = [
    ("2026-11-01", "2026-11-20", {"first-of-november", "november-sharing", "updated-in-november"}),
    ("2026-11-02", "2026-11-09", {"november-sharing"}),
    ("2026-10-01", "2026-10-31", {"october-sharing"}),
    ("2026-11-10", "2026-11-10", {"updated-in-november"}),
    ("2026-03-01", "2026-03-01", {"updated-in-november"}),   # published that day, updated later
    ("2026-11-22", "2026-11-30", set()),
    ("2025-01-01", "2026-11-30", {"old-procurement", "october-sharing", "updated-in-november", "november-sharing",
                                  "first-of-november", "late-november"}),
]


def run_digest(root: Path, *args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--root", str(root), "digest", *args]) == 0
    return out.getvalue()


def linked_slugs(text: str) -> list[str]:
    return [match.group(1) for match in CASE_STUDY_LINK.finditer(text)]


@pytest.mark.parametrize("since, until, expected", RANGES)
@pytest.mark.parametrize("form", ["html", "text", "markdown"])
def test_the_digest_for_a_range_contains_exactly_the_case_studies_published_or_updated_in_it(
        newsletter_repo, since, until, expected, form):
    text = run_digest(newsletter_repo.root, "--since", since, "--until", until, "--format", form)
    slugs = linked_slugs(text)
    assert sorted(slugs) == sorted(expected)  # each once (and each link works: tests/site/test_digest.py)
    if not expected:
        assert "No case studies were published or updated" in text


@pytest.mark.parametrize("form", ["html", "text", "markdown"])
def test_a_campaign_tag_is_appended_to_every_link(newsletter_repo, form):
    text = run_digest(newsletter_repo.root, "--since", "2026-11-01", "--until", "2026-11-20", "--format", form,
                      "--campaign", "winter-2026")
    queries = [match.group(2) for match in CASE_STUDY_LINK.finditer(text)]
    assert len(queries) == 3
    assert set(queries) == {"?utm_source=newsletter&utm_medium=email&utm_campaign=winter-2026"} or \
        set(queries) == {"?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=winter-2026"}  # HTML-escaped


def test_without_a_campaign_links_carry_no_tracking(newsletter_repo):
    text = run_digest(newsletter_repo.root, "--since", "2026-11-01", "--format", "text")
    assert "utm_" not in text and "?" not in "".join(m.group(0) for m in CASE_STUDY_LINK.finditer(text))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_html_digest_is_email_safe(newsletter_repo):
    text = run_digest(newsletter_repo.root, "--since", "2025-01-01", "--until", "2026-11-30", "--format", "html")
    parser = _Tags()
    parser.feed(text)
    assert {tag for tag, _ in parser.tags} <= {"div", "h2", "h3", "p", "a", "br", "span"}
    for tag, attributes in parser.tags:
        assert "class" not in attributes and not any(name.startswith("on") for name in attributes)
        if tag != "br":
            assert attributes.get("style"), f"<{tag}> has no inline style"
        if tag == "a":
            assert attributes["href"].startswith(SITE_URL)
    assert "<script" not in text.lower() and "<style" not in text.lower()
    assert "Legal &amp; &quot;trusted&quot; services" in text


def test_the_digest_groups_by_first_theme_with_the_newest_change_first(newsletter_repo):
    hub = build_hub(newsletter_repo.root)
    digest = select_digest(hub, dt.date(2026, 10, 1), dt.date(2026, 11, 30))
    sections = {theme.id: [(e.case_study.slug, e.change, e.date.isoformat()) for e in entries]
                for theme, entries in digest.sections}
    assert sections == {
        "procurement": [("late-november", "new", "2026-11-21"), ("updated-in-november", "updated", "2026-11-10"),
                        ("first-of-november", "new", "2026-11-01")],
        "shared-services": [("november-sharing", "new", "2026-11-02"), ("october-sharing", "new", "2026-10-05")],
    }


@pytest.mark.parametrize("form, shape", [
    ("text", "Procurement\n-----------\n\nLate November study\n"
             "New, 21 November 2026 · figures reported 1 February 2008\n"),
    ("markdown", "### Procurement\n\n- [**Late November study**](https://hub.example.org/case-studies/late-november/)"
                 " — new, 21 November 2026 · figures reported 1 February 2008  \n"),
    ("html", '<h3 style="'),
])
def test_each_form_shows_theme_headings_what_changed_when_and_the_age_of_the_figures(newsletter_repo, form, shape):
    text = run_digest(newsletter_repo.root, "--since", "2026-11-01", "--until", "2026-11-30", "--format", form)
    assert "New and updated case studies, 1 November 2026 to 30 November 2026" in text
    assert shape in text
    assert "pdated, 10 November 2026 · figures reported March 2013" in text
    assert "ew, 1 November 2026 · figures reported 2010" in text


def test_all_three_forms_can_be_written_to_a_folder(newsletter_repo, tmp_path):
    run_digest(newsletter_repo.root, "--since", "2026-11-01", "--until", "2026-11-20", "--output", str(tmp_path))
    for name in ("digest.html", "digest.txt", "digest.md"):
        assert sorted(linked_slugs((tmp_path / name).read_text())) == sorted(RANGES[0][2])


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-11-05", "--until", "2026-11-01"], "--since 2026-11-05 is after --until 2026-11-01"),
    (["--since", "1 November"], "'1 November' is not a date: write YYYY-MM-DD"),
])
def test_a_bad_range_is_refused_with_a_reason(newsletter_repo, capsys, args, message):
    try:
        status = main(["--root", str(newsletter_repo.root), "digest", *args])
    except SystemExit as exit:
        status = exit.code
    assert status == 2
    assert message in capsys.readouterr().err


def test_make_digest_passes_its_options_to_hub_digest():
    result = subprocess.run(["make", "-n", "digest", "SINCE=2026-11-01", "UNTIL=2026-11-30", "CAMPAIGN=winter",
                             "FORMAT=text"], cwd=ROOT, capture_output=True, text=True)
    assert "pkhub digest --since 2026-11-01 --until 2026-11-30 --campaign winter" in result.stdout
    assert "--format text" in result.stdout


def test_without_since_the_digest_covers_the_last_30_days_and_says_so_on_stderr(newsletter_repo, capsys):
    assert main(["--root", str(newsletter_repo.root), "digest", "--until", "2026-11-22", "--format", "text"]) == 0
    out, err = capsys.readouterr()
    # 24 October to 22 November 2026: not October's study (5 October), every change in November.
    assert sorted(linked_slugs(out)) == sorted(RANGES[0][2] | {"late-november"})
    assert "New and updated case studies, 24 October 2026 to 22 November 2026" in out
    assert "the last 30 days, 24 October 2026 to 22 November 2026" in err and "SINCE=" in err
    assert "pkhub" not in out


def test_a_digest_at_the_placeholder_address_says_where_to_set_the_real_one_and_one_at_the_real_address_does_not(
        newsletter_repo, capsys, monkeypatch):
    args = ["--root", str(newsletter_repo.root), "digest", "--since", "2026-11-01", "--until", "2026-11-22"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert f"links start with the placeholder address {SITE_URL}" in err and "HUB_SITE_URL" in err
    assert linked_slugs(out)  # the digest is still written, to be read before it is sent
    monkeypatch.setenv("HUB_SITE_URL", "https://improvement.example.gov.uk/hub/")  # read by mkdocs.yml's !ENV
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "placeholder" not in err and 'href="https://improvement.example.gov.uk/hub/case-studies/' in out


def test_make_digest_writes_the_digest_alone_to_its_output():
    # As an editor runs it at a shell, not from inside another make (which would announce its directory).
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}
    result = subprocess.run(["make", "digest", "UNTIL=2026-11-30", "FORMAT=html"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<div style=") and result.stdout.rstrip().endswith("</div>")
    assert "pkhub" not in result.stdout and ".venv" not in result.stdout and "make[" not in result.stdout
    assert "the last 30 days" in result.stderr


def test_the_digest_output_folder_is_not_committed():
    result = subprocess.run(["git", "check-ignore", "--no-index", "digests/digest.html"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, "digests/ (make digest OUTPUT=digests) is not ignored by git"
