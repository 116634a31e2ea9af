"""The digest and the built site: every link of the digest leads to a page of the site, and /digest/ is the digest of
the latest month, with its three forms to download."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from macros.figures.changes import latest_month, select_digest

from tests.unit.cli.test_digest import RANGES, linked_slugs, run_digest


@pytest.mark.parametrize("form", ["html", "text", "markdown"])
def test_every_link_of_the_digest_leads_to_a_page_of_the_built_site(newsletter_hub, form):
    since, until, everything = RANGES[-1]  # the widest range: every published case study
    slugs = linked_slugs(run_digest(newsletter_hub.root, "--since", since, "--until", until, "--format", form))
    assert sorted(slugs) == sorted(everything)
    for slug in slugs:
        assert (newsletter_hub.site / "case-studies" / slug / "index.html").is_file()


def test_the_site_has_the_digest_of_the_latest_month_as_a_page_and_downloads(newsletter_hub):
    site = newsletter_hub.site
    page = (site / "digest" / "index.html").read_text(encoding="utf-8")
    assert "What's new: November 2026" in page
    november = {"late-november", "updated-in-november", "november-sharing", "first-of-november"}
    linked = set(re.findall(r'href="\.\./case-studies/([a-z0-9-]+)/"', page))
    assert linked == november
    for name in ("newsletter.html", "newsletter.txt", "newsletter.md"):
        assert f'href="{name}"' in page
        assert set(linked_slugs((site / "digest" / name).read_text(encoding="utf-8"))) == november
    assert 'href="../feed.xml"' in page and 'href="../themes/procurement/atom.xml"' in page


def test_the_real_site_digest_page_lists_every_case_study_of_its_month(site, hub):
    since, until = latest_month(hub, dt.date.today())
    expected = {entry.case_study.slug for entry in select_digest(hub, since, until).entries}
    page = (site / "digest" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="\.\./case-studies/([a-z0-9-]+)/"', page)) == expected
