"""Where a build's warning sends the editor (site/source_lines.py, site/link_messages.py, site/build_log.py): the
file and line a link is written on, MkDocs' link warnings in the hub's words, and GitHub annotations for them."""

from __future__ import annotations

import io
import logging

import pytest

from macros.content.problems import Problem
from macros.site.build_log import Annotations, install_annotations
from macros.site.link_messages import LinkMessages
from macros.site.source_lines import PageSources, SourceLine

from tests.conftest import VALID_FRONT_MATTER, case_study_text

BODY = """\
## The challenge

Licences cost too much: see [the report](https://example.org/report.pdf).

## What was done

They bought together, as [the guide](../guides/procurement.md#buying) says, and [the theme][t] shows.
The word procurement, and a [heading](#the-challenge).

[t]: ../themes/procurment.md
"""


@pytest.fixture
def sources(tmp_path) -> PageSources:
    front = VALID_FRONT_MATTER + "  url: https://example.org/report.pdf\n"  # the same address in the front matter
    (tmp_path / "case_studies").mkdir()
    (tmp_path / "case_studies" / "joint-software.md").write_text(case_study_text(front, BODY), encoding="utf-8")
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    (tmp_path / "docs" / "guides" / "procurement.md").write_text(
        "# Procurement\n\nIntro.\n\n<a href=\"../../themes/procurment/\">the theme</a>\n", encoding="utf-8")
    return PageSources(tmp_path, sources={"case-studies/joint-software.md": "case_studies/joint-software.md",
                                          "guides/procurement.md": "docs/guides/procurement.md"},
                       src_of_dest={"case-studies/joint-software/index.html": "case-studies/joint-software.md"})


def line_in(sources: PageSources, source: str, text: str) -> int:
    lines = (sources.root / source).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line and not line.startswith("  url:"))


def test_a_link_is_found_on_the_line_it_is_written_on_in_the_body_not_the_front_matter(sources):
    study = "case-studies/joint-software.md"
    at = sources.locate_link(study, "https://example.org/report.pdf")
    assert at == SourceLine("case_studies/joint-software.md", line_in(sources, at.path, "[the report]"))
    assert str(sources.locate_link(study, "../themes/procurment.md")) == \
        f"case_studies/joint-software.md:{line_in(sources, at.path, '[t]: ')}"  # a reference's definition
    assert sources.locate_link(study, "#the-challenge").line == line_in(sources, at.path, "[heading]")


def test_a_link_as_the_built_page_has_it_is_found_by_its_anchor_or_its_last_name(sources):
    study = "case-studies/joint-software.md"
    # MkDocs wrote '../guides/procurement.md#buying' as '../../guides/procurement/#buying' in the page.
    assert sources.locate_link(study, "../../guides/procurement/#buying", written=False).line == \
        line_in(sources, "case_studies/joint-software.md", "[the guide]")
    assert sources.locate_link("guides/procurement.md", "../../themes/procurment/", written=False) == \
        SourceLine("docs/guides/procurement.md", 5)


def test_a_link_not_in_the_source_is_placed_at_the_start_of_the_body_and_a_page_no_editor_writes_nowhere(sources):
    body_line = VALID_FRONT_MATTER.count("\n") + 4  # '---', the fields, the url, '---': the line after it
    assert sources.locate_link("case-studies/joint-software.md", "../../nowhere/") == \
        SourceLine("case_studies/joint-software.md", body_line)
    assert sources.locate_link("themes/procurement.md", "../nowhere/") is None
    assert sources.locate("themes/procurement.md", ["x"]) is None


def test_finding_a_link_stays_linear_in_a_body_full_of_openings(tmp_path):
    """200 kB of '](' and the address: each place is looked at a bounded number of times (no timing: a runaway
    search would take minutes, and pytest's summary would show it)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_text("](x" * 70_000, encoding="utf-8")
    sources = PageSources(tmp_path, sources={"x.md": "docs/x.md"})
    assert sources.locate_link("x.md", "x").line == 1


def mkdocs_warning(text: str) -> str:
    return f"Doc file 'case-studies/joint-software.md' contains {text}"


@pytest.mark.parametrize("warning, expected", [
    (mkdocs_warning("a link '../themes/procurment.md', but the target 'themes/procurment.md' is not found among "
                    "documentation files."),
     "the link '../themes/procurment.md' leads nowhere: there is no page or file themes/procurment.md in the site — "
     "link a page of the hub by its Markdown file"),
    (mkdocs_warning("a link 'other-work.md', but the target 'case-studies/other-work.md' is not found among "
                    "documentation files."),
     "the link 'other-work.md' leads nowhere: there is no case study case_studies/other-work.md — check the slug "
     "against the files in case_studies/"),
    (mkdocs_warning("an unrecognized relative link '../../guides/procurement/#buying', it was left as is. Did you "
                    "mean '../guides/procurement.md#buying'?"),
     "the link '../../guides/procurement/#buying' names no Markdown file of the hub — did you mean "
     "'../guides/procurement.md#buying'?"),
    (mkdocs_warning("a link '#the-chalenge', but there is no such anchor on this page."),
     "the link '#the-chalenge' leads to no heading: this page has no heading or anchor '#the-chalenge' — link to "
     "one of its headings"),
    (mkdocs_warning("a link '../guides/procurement.md#buying', but the doc 'guides/procurement.md' does not contain "
                    "an anchor '#buying'."),
     "the link '../guides/procurement.md#buying' leads to no heading: docs/guides/procurement.md has no heading or "
     "anchor '#buying' — link to one of its headings"),
])
def test_mkdocs_link_warnings_name_the_line_and_say_what_to_do(sources, warning, expected):
    problem = LinkMessages()
    problem.start(sources, None)
    found = problem.describe(warning)
    assert found.path == "case_studies/joint-software.md" and found.field == "body"
    assert str(found).startswith(f"case_studies/joint-software.md:{found.line}: body: {expected}")
    assert found.line > VALID_FRONT_MATTER.count("\n") + 2  # in the body


def test_other_warnings_and_pages_no_editor_writes_keep_mkdocs_words(sources):
    messages = LinkMessages()
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, "%s", ("x",), None)
    assert messages.filter(record) and record.getMessage() == "x"  # before a build starts: untouched
    messages.start(sources, None)
    for text in ("Doc file 'themes/procurement.md' contains a link 'x.md', but the target 'themes/x.md' is not found "
                 "among documentation files.", "Excluding 'README.md' from the site"):
        record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, __file__, 1, text, (), None)
        assert messages.filter(record) and record.getMessage() == text and not hasattr(record, "hub_problem")


def test_a_problem_at_a_line_is_printed_as_an_escaped_github_annotation_only_when_asked_for():
    out = io.StringIO()
    handler = Annotations(out)
    problem = Problem("case_studies/a,b.md", 12, "body", "the link 'x' leads nowhere\n::stop-commands::x", "fix it")
    handler.handle(logging.makeLogRecord({"levelno": logging.WARNING, "msg": str(problem), "hub_problem": problem}))
    handler.handle(logging.makeLogRecord({"levelno": logging.WARNING, "msg": "a warning at no line"}))
    assert out.getvalue() == ("::error file=case_studies/a%2Cb.md,line=12,title=Hub build::body: the link 'x' leads "
                              "nowhere%0A::stop-commands::x — fix it\n")
    logger = logging.getLogger("mkdocs")
    before = list(logger.handlers)
    install_annotations({})
    assert logger.handlers == before
    try:
        install_annotations({"HUB_MESSAGES": "github"})
        install_annotations({"HUB_MESSAGES": "github"})
        assert len([h for h in logger.handlers if isinstance(h, Annotations)]) == 1
    finally:
        for added in set(logger.handlers) - set(before):
            logger.removeHandler(added)
