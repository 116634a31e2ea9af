"""Case-study pages in the built site: every valid case study published, each page showing its panel, savings, body
and source, template syntax shown as written, drafts published nowhere, old slugs redirected, and bad content
stopping the build — on the real site and on the pages hub of tests/site/conftest.py (nothing loaded from another
host: tests/site/test_privacy.py)."""

from __future__ import annotations

import re

import pytest

from macros.site.search import read_index

from tests.conftest import ROOT, VALID_FRONT_MATTER, read_page
from tests.index_pages import listed_case_studies


def test_every_valid_case_study_in_the_repository_is_in_the_built_site(site, hub):
    slugs = {path.stem for path in (ROOT / "case_studies").glob("*.md")}
    published = set(hub.case_studies)
    assert published == slugs - {cs.slug for cs in hub.drafts}
    for slug, cs in hub.case_studies.items():
        page = read_page(site, f"case-studies/{slug}")
        assert "<h1 id=" in page and cs.title.split()[0] in page
    # The index's pages list every one, newest first, each once.
    assert listed_case_studies(site) == list(hub.case_studies)


def test_case_study_page_shows_panel_savings_body_and_source(pages_hub):
    page = read_page(pages_hub.site, "case-studies/joint-software")
    assert '<a href="../../partnerships/em-iep/">East Midlands Improvement and Efficiency Partnership</a>' in page
    assert '<a href="../../authorities/nottinghamshire-cc/">Nottinghamshire County Council</a>' in page
    assert '<a href="../../themes/procurement/">Procurement</a>' in page
    assert "<dt>Period</dt>\n<dd>2009 to 2011</dd>" in page
    assert "<dt>Investment</dt>\n<dd>£50,000</dd>" in page
    assert re.search(r"<td class=\"hub-num\">£677,000</td><td class=\"hub-quote\">Printed as “saving £677k a year on "
                     r"licences”</td><td>Cashable</td><td>Delivered</td><td>Per year</td>", page)
    assert "Licences renewed on time" in page and "Ann Officer" in page
    assert "<p>Licences cost too much.</p>" in page
    # The document's title already gives the date: it is not repeated.
    assert 'id="source">Source: <cite>EM IEP Board meeting pack, 12 April 2011</cite>, Item 6</p>' in page
    theme = read_page(pages_hub.site, "themes/procurement")
    assert 'href="../../case-studies/joint-software/"' in theme


def test_template_syntax_in_a_case_study_is_shown_as_written(pages_hub):
    page = read_page(pages_hub.site, "case-studies/template-syntax")
    assert "Total: {{ 7 * 7 }} and {% if true %}yes{% endif %}" in page
    assert "Total: 49" not in page


def test_drafts_validate_but_publish_nothing(pages_hub):
    site = pages_hub.site  # draft-one, "Secret draft study", is valid and a draft
    assert not (site / "case-studies" / "draft-one").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Secret draft study" not in everything
    assert not any("draft-one" in page["url"] for page in read_index(site))


def test_old_slug_redirects_to_the_current_page(pages_hub):
    redirect = (pages_hub.site / "case-studies" / "software-together" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=https://hub.example.org/case-studies/joint-software/">' in redirect
    assert '<link rel="canonical" href="https://hub.example.org/case-studies/joint-software/">' in redirect
    # an old address pasted into an email still previews as the case study
    assert '<meta property="og:url" content="https://hub.example.org/case-studies/joint-software/">' in redirect
    assert '<meta property="og:title" content="Joint procurement of software">' in redirect
    assert '<title>Joint procurement of software</title>' in redirect
    assert re.search(r'<meta property="og:description" content="[^"]{20,}">', redirect)
    assert (pages_hub.site / "_redirects").read_text() == \
        "/case-studies/software-together/ /case-studies/joint-software/ 301\n"


def test_bad_content_stops_the_strict_build_with_every_problem(tmp_path, repo, caplog):
    from mkdocs.exceptions import Abort

    repo.with_site().case_study("first", VALID_FRONT_MATTER.replace("type: cashable", "type: cash"))
    repo.case_study("second", VALID_FRONT_MATTER.replace("investment: 50000", "investment: '£1.2m'"))
    # In this process, as `mkdocs build --strict` runs it: stopped at its first event, before writing a page.
    with pytest.raises(Abort):
        repo.build_here(tmp_path / "site", strict=True)
    assert "2 problems in the hub's content" in caplog.text
    assert "case_studies/first.md:13: savings[0].type: 'cash' is not allowed" in caplog.text
    assert ("case_studies/second.md:10: investment: money written as text ('£1.2m') — write the plain number of "
            "pounds: 1200000") in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_case_studies_are_not_listed_in_the_sidebar(site, hub):
    page = read_page(site, "datasets")  # its content links to no case study, so any link would be navigation
    assert 'href="../case-studies/"' in page  # the index is in the navigation
    assert [slug for slug in hub.case_studies if f"case-studies/{slug}/" in page] == []
