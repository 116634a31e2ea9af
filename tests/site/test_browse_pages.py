"""Browse paths in the built site: every case study reached two ways, dataset rows on the pages of what they name,
and related case studies computed once, scored and tie-broken the same way every build."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from macros.content import models
from macros.figures.hub import build_hub
from macros.figures.mentions import index_mentions
from macros.figures.related import WEIGHTS, compute_related

from tests.conftest import ROOT

BROWSE = ("themes", "authorities", "sub-regions", "partnerships", "years")


@pytest.fixture(scope="session")
def hub():
    return build_hub(ROOT)


def read(site: Path, address: str) -> str:
    return (site / address.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_case_study_is_reached_by_at_least_two_browse_paths(site, hub):
    reached: dict[str, set[str]] = {slug: set() for slug in hub.case_studies}
    link = re.compile(r'href="(?:\.\./)+case-studies/([a-z0-9-]+)/"')
    for kind in BROWSE:
        for page in (site / kind).glob("*/index.html"):
            for slug in set(link.findall(page.read_text(encoding="utf-8"))):
                if slug in reached:
                    reached[slug].add(kind)
    assert {slug: kinds for slug, kinds in reached.items() if len(kinds) < 2} == {}
    assert all({"themes", "authorities"} <= kinds for slug, kinds in reached.items() if hub.case_studies[slug].authorities)
    assert all("themes" in kinds for kinds in reached.values())


def test_every_dataset_row_naming_an_authority_or_sub_region_is_on_its_page(site, hub):
    checked = 0
    for dataset in hub.datasets.values():
        for column in dataset.columns:
            if column.ref not in ("authorities", "sub_regions"):
                continue
            for row in dataset.rows:
                if not row.get(column.id):
                    continue
                name = hub.registers[column.ref][row[column.id]].name
                page = read(site, f"{column.ref.replace('_', '-')}/{row[column.id]}")
                # As the sanitiser writes text: <, > and & escaped, quotes as they are
                assert f"{html.escape(dataset.title, quote=False)}: rows naming {html.escape(name, quote=False)}" in page
                checked += 1
    assert checked > 10


def test_a_dataset_row_on_an_authority_page_shows_its_values_and_links_its_dataset(site, hub):
    rows = index_mentions(list(hub.datasets.values()))
    (register, authority), entries = next((key, value) for key, value in sorted(rows.items()) if key[0] == "authorities")
    dataset, named = entries[0]
    page = read(site, f"authorities/{authority}")
    assert '<h2 id="in-the-datasets">In the datasets' in page
    assert f'href="../../datasets/{dataset.id}/"' in page
    table = page.split(f"rows naming {hub.authorities[authority].name}")[1].split("</table>")[0]
    assert table.count("<tr>") == len(named) + 1  # the heading row and one per row naming the authority


def make_case_study(slug: str, authorities, themes, programme=None, published="2026-01-01") -> models.CaseStudy:
    return models.CaseStudy.model_validate({
        "slug": slug, "title": f"Case study {slug}", "summary": "A summary long enough to be valid here.",
        "partnership": "em-iep", "authorities": authorities, "themes": themes, "programme": programme,
        "published": published, "source": {"document": "Board pack", "date": "2011"},
    }, context={"today": dt.date(2026, 11, 22)})


STUDIES = [
    make_case_study("anchor", ["notts", "derby"], ["procurement", "ict"], "srp"),
    make_case_study("same-authority", ["notts"], ["waste"]),                         # 3
    make_case_study("two-themes", ["leics"], ["procurement", "ict"]),                 # 2 + 2
    make_case_study("programme-only", ["leics"], ["waste"], "srp"),                   # 2
    make_case_study("theme-older", ["lincs"], ["ict"], published="2025-01-01"),      # 2, older
    make_case_study("theme-newer", ["lincs"], ["ict"], published="2026-06-01"),      # 2, newer
    make_case_study("lincs-waste", ["lincs"], ["waste"]),
]


@pytest.mark.parametrize("slug, expected", [
    ("anchor", ["two-themes", "same-authority", "theme-newer", "programme-only", "theme-older"]),
    ("lincs-waste", ["theme-newer", "theme-older", "programme-only", "same-authority"]),  # ties: newer, then slug
    ("theme-older", ["theme-newer", "lincs-waste", "anchor", "two-themes"]),
])
def test_related_case_studies_are_scored_and_tie_broken_deterministically(slug, expected):
    related = compute_related(STUDIES)
    assert [r.slug for r in related[slug]] == expected
    assert compute_related(list(reversed(STUDIES))) == related  # input order never matters


def test_related_scores_add_up_what_two_case_studies_share():
    related = {r.slug: r for r in compute_related(STUDIES)["anchor"]}
    assert related["two-themes"].score == 2 * WEIGHTS["theme"]
    assert related["same-authority"].score == WEIGHTS["authority"]
    assert related["two-themes"].shared == (("theme", "procurement"), ("theme", "ict"))
    assert "lincs-waste" not in related


def test_a_case_study_page_links_its_related_case_studies_outside_the_search_index(site, hub):
    slug, related = next((s, r) for s, r in sorted(hub.related.items()) if r)
    page = read(site, f"case-studies/{slug}")
    section = page.split('<section class="hub-related" data-pagefind-ignore="all">')[1].split("</section>")[0]
    assert 'id="related-case-studies"' in section
    assert [m for m in re.findall(r'href="\.\./([a-z0-9-]+)/"', section)] == [r.slug for r in related]
    assert "In common:" in section
