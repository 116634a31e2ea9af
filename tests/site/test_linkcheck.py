"""Links in the built site: headings keep stable anchors, the real site has no broken link, and a broken internal
link or anchor fails the build naming the page and the link (the check itself: tests/unit/site/test_linkcheck.py)."""

from __future__ import annotations

import re

from macros.site.config import HubConfig
from macros.site.linkcheck import check_links

from tests.conftest import ROOT, SITE_URL


def test_a_broken_internal_link_or_anchor_fails_the_build_naming_page_and_link(stopped_build):
    _, _, result = stopped_build  # the pages hub with BROKEN_PAGE as docs/guide.md and a broken link in a case study
    assert result.returncode != 0
    assert "guide/index.html (from docs/guide.md): broken link '../themes/procurment/': there is no page or file " \
           "themes/procurment/index.html in the site" in result.stderr
    assert "guide/index.html (from docs/guide.md): broken link '../case-studies/joint-software/#no-such-heading': " \
           "case-studies/joint-software/index.html has no element with id 'no-such-heading'" in result.stderr
    # ...and in a generated page, from a case study's own text:
    assert "case-studies/joint-software/index.html (from generated page case-studies/joint-software.md): " \
           "broken link '../guide/#nothing'" in result.stderr
    assert re.search(r"Aborted with \d+ warnings in strict mode!", result.stdout + result.stderr)


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
