"""Links in the built site: headings keep stable anchors, the real site has no broken link, and a broken internal
link or anchor fails the build naming the file and line it is written on (the check itself, and how a line is found:
tests/unit/site/test_linkcheck.py, tests/unit/site/test_source_lines.py)."""

from __future__ import annotations

import re

from macros.site.config import HubConfig
from macros.site.linkcheck import check_links

from tests.conftest import ROOT, SITE_URL


def line_of(path, text: str) -> int:
    """The line of `path` holding `text` (once), counted from 1."""
    [line] = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return line


def test_a_broken_link_or_anchor_names_the_file_and_line_the_editor_wrote_it_on(stopped_build):
    repo, _, result = stopped_build  # the pages hub with BROKEN_PAGE as docs/guide.md, BROKEN_BODY in a case study
    study, guide = repo.root / "case_studies" / "joint-software.md", repo.root / "docs" / "guide.md"
    assert result.returncode != 0 and "Traceback" not in result.stderr
    warnings = [line.removeprefix("WARNING -  ") for line in result.stderr.splitlines() if line.startswith("WARNING")]
    at = f"case_studies/joint-software.md:{line_of(study, '#nothing')}: body: "
    assert f"{at}the link '../guide.md#nothing' leads to no heading: docs/guide.md has no heading or anchor " \
           "'#nothing' — link to one of its headings" in result.stderr
    at = f"case_studies/joint-software.md:{line_of(study, 'procurment.md')}: body: "
    assert f"{at}the link '../themes/procurment.md' leads nowhere: there is no page or file themes/procurment.md " \
           "in the site — did you mean '../themes/procurement.md'?" in warnings
    at = f"case_studies/joint-software.md:{line_of(study, '#the-chalenge')}: body: "
    assert f"{at}the link '#the-chalenge' leads to no heading: this page has no heading or anchor '#the-chalenge' " \
           "— did you mean '#the-challenge'?" in warnings
    assert f"{at}the link '../../themes/procurment/' names no Markdown file of the hub — did you mean " \
           "'../themes/procurement.md'?" in warnings  # an address as the built site has it: written as a file
    # ...and in a hand-written page, in raw HTML (found by the hub's link check) and in Markdown (by MkDocs'):
    at = f"docs/guide.md:{line_of(guide, 'misspelt theme')}: body: "
    assert f"{at}broken link '../themes/procurment/': there is no page or file themes/procurment/index.html in the " \
           "site — did you mean '../themes/procurement/'?" in warnings
    at = f"docs/guide.md:{line_of(guide, 'no-such-heading')}: body: "
    assert f"{at}broken link '../case-studies/joint-software/#no-such-heading': case-studies/joint-software/" \
           "index.html has no element with id 'no-such-heading' — link to one of its headings" in result.stderr
    at = f"docs/guide.md:{line_of(guide, '#sorce')}: body: "
    assert f"{at}the link 'case-studies/joint-software.md#sorce' leads to no heading: " \
           "case_studies/joint-software.md has no heading or anchor '#sorce' — did you mean '#source'?" in warnings
    assert f"{at}the link 'case-studies/joint-sofware.md' leads nowhere: there is no case study " \
           "case_studies/joint-sofware.md — did you mean 'case-studies/joint-software.md'?" in warnings
    # Each broken link once (MkDocs' link validation and the hub's link check do not both report it), none named
    # by the generated page or the built file; the one other warning is the synonym no page uses.
    links = [line for line in warnings if "link" in line]
    assert len(links) == 8 and len(warnings) == 9, warnings
    assert not [line for line in warnings if "index.html (" in line or "generated page" in line or "Doc file" in line]
    assert re.search(r"Aborted with 9 warnings in strict mode!", result.stdout + result.stderr)


def test_a_pull_request_build_shows_each_broken_link_on_its_line(stopped_build):
    """Built with HUB_MESSAGES=github, as the pull-request workflow builds: each problem is a GitHub annotation too."""
    repo, _, result = stopped_build
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    line = line_of(repo.root / "case_studies" / "joint-software.md", "#the-chalenge")
    assert (f"::error file=case_studies/joint-software.md,line={line},title=Hub build::body: the link "
            "'#the-chalenge' leads to no heading: this page has no heading or anchor '#the-chalenge' — did you mean "
            "'#the-challenge'?") in annotations
    assert len(annotations) == 8
    assert all(a.startswith(("::error file=case_studies/joint-software.md,line=", "::error file=docs/guide.md,line="))
               for a in annotations)


def test_headings_have_stable_anchors_that_links_can_use(newsletter_hub):
    page = (newsletter_hub.site / "case-studies" / "old-procurement" / "index.html").read_text(encoding="utf-8")
    # VALID_BODY's headings: the id is the heading text, lower-cased and hyphenated, with a permalink beside it.
    assert '<h2 id="the-challenge">The challenge<a class="headerlink" href="#the-challenge"' in page
    assert '<h2 id="what-was-done">What was done<a class="headerlink" href="#what-was-done"' in page
    assert 'id="source"' in page


def test_the_real_site_has_no_broken_links_and_lists_its_external_links(site):
    report = check_links(site, SITE_URL)
    assert [str(b) for b in report.broken] == []
    assert report.internal > 1000
    lines = (site / HubConfig.external_links_report.default).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# External links in the built site, not fetched.")
    for line in lines[1:]:
        url, count, pages = line.split("\t")
        assert url.startswith(("http://", "https://", "mailto:")) and int(count) == len(pages.split(" "))
        assert all((site / page).is_file() for page in pages.split(" "))


def test_real_case_study_headings_keep_their_anchors(site):
    page = (site / "case-studies" / "glossop-one-stop-shop" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="what-was-done">What was done<a class="headerlink" href="#what-was-done"' in page
    assert 'toc' in (ROOT / "mkdocs.yml").read_text() and "permalink: true" in (ROOT / "mkdocs.yml").read_text()
