"""Browse paths in the built site: every case study reached two ways, dataset rows on the pages of what they name,
and each case study's related case studies linked outside the search index."""

from __future__ import annotations

import html
import json
import re

from macros.figures.mentions import index_mentions

from tests.conftest import read_page

BROWSE = ("themes", "authorities", "sub-regions", "partnerships", "years")


# A browse page's key in the index's addresses, by its folder.
FILTER_KEYS = {"themes": "theme", "authorities": "authority", "sub-regions": "subregion", "partnerships": "partnership",
               "years": "year"}


def listed_in_index_data(data: dict, key: str, value: str) -> set[str]:
    """The case studies the index's data gives under a filter, as its script reads them (a sub-region through the
    councils a case study names)."""
    def has(item):
        if key == "subregion":
            return any(data["councils"][a]["subregion"] == value for a in item["filters"].get("authority", []))
        return value in item["filters"].get(key, [])
    return {item["href"].strip("/") for item in data["items"] if has(item)}


def test_every_case_study_is_reached_by_at_least_two_browse_paths(site, hub):
    """Each browse page links its case studies, or some of them and the case-study index filtered to the rest."""
    data = json.loads((site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    reached: dict[str, set[str]] = {slug: set() for slug in hub.case_studies}
    link = re.compile(r'href="(?:\.\./)+case-studies/([a-z0-9-]+)/"')
    for kind in BROWSE:
        for page in (site / kind).glob("*/index.html"):
            text = page.read_text(encoding="utf-8")
            linked = set(link.findall(text))
            key, value = FILTER_KEYS[kind], page.parent.name
            if f'href="../../case-studies/?{key}={value}"' in text:
                linked |= listed_in_index_data(data, key, value)
            for slug in linked & set(reached):
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
                page = read_page(site, f"{column.ref.replace('_', '-')}/{row[column.id]}")
                # As the sanitiser writes text: <, > and & escaped, quotes as they are
                assert f"{html.escape(dataset.title, quote=False)}: rows naming {html.escape(name, quote=False)}" in page
                checked += 1
    assert checked > 10


def test_a_dataset_row_on_an_authority_page_shows_its_values_and_links_its_dataset(site, hub):
    rows = index_mentions(list(hub.datasets.values()))
    (register, authority), entries = next((key, value) for key, value in sorted(rows.items()) if key[0] == "authorities")
    dataset, named = entries[0]
    page = read_page(site, f"authorities/{authority}")
    assert '<h2 id="in-the-datasets">In the datasets' in page
    assert f'href="../../datasets/{dataset.id}/"' in page
    table = page.split(f"rows naming {hub.authorities[authority].name}")[1].split("</table>")[0]
    assert table.count("<tr>") == len(named) + 1  # the heading row and one per row naming the authority


def test_a_case_study_page_links_its_related_case_studies_outside_the_search_index(site, hub):
    slug, related = next((s, r) for s, r in sorted(hub.related.items()) if r)
    page = read_page(site, f"case-studies/{slug}")
    section = page.split('<section class="hub-related" data-pagefind-ignore="all">')[1].split("</section>")[0]
    assert 'id="related-case-studies"' in section
    assert [m for m in re.findall(r'href="\.\./([a-z0-9-]+)/"', section)] == [r.slug for r in related]
    assert "In common:" in section
