"""Attribution: savings are credited only to the councils a case study names, and each saving only to those of them
its own `authorities` lists (none for a saving of the area as a whole). Area-wide work is listed on the pages of the
councils and sub-regions of its area as work that covered them, and no page, filter, league or figure counts it as
theirs — in a small hub built into a temporary folder, and on every authority and sub-region page of the real site,
recomputed from the YAML."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros.figures.hub import build_hub
from macros.site.search import read_index

from tests.conftest import ROOT, TODAY, read_page
from tests.index_pages import read_index_data, reached_case_studies
from tests.recompute import compact_equal, read_case_studies_yaml, read_money


SPLIT_ONLY = ("111,111", "£111k", "222,222", "£222k", "3,333,333", "£3.3m")


AREA_WIDE_AMOUNTS = ("987,654", "£988k", "2,345,678", "£2.3m")


def section_links(page: str, heading: str) -> list[str]:
    """Case studies linked in the section under an h2 starting with `heading`."""
    part = page.split(f">{heading}")[1].split("<h2")[0] if f">{heading}" in page else ""
    return re.findall(r'href="(?:\.\./)+case-studies/([a-z0-9-]+)/"', part)


def section_reaches(page: str, heading: str, site: Path) -> list[str]:
    """Case studies a section leads to: those it links, and those of the case-study index it links to filtered
    (a section listing the newest of more than a page shows), as the index's data gives them."""
    part = page.split(f">{heading}")[1].split("<h2")[0] if f">{heading}" in page else ""
    return sorted(reached_case_studies(site, part))


@pytest.mark.parametrize("address, named, covered", [
    ("authorities/nottinghamshire-cc", ["blaby-and-notts", "named-work", "notts-forecast", "split-bids"],
     ["notts-wide", "region-wide"]),
    ("authorities/blaby", ["blaby-alone", "blaby-and-notts", "split-bids"], ["region-wide"]),
    ("sub-regions/nottinghamshire", ["blaby-and-notts", "named-work", "notts-forecast", "split-bids"],
     ["notts-wide", "region-wide"]),
    ("sub-regions/leicestershire", ["blaby-alone", "blaby-and-notts", "split-bids"], ["region-wide"]),
])
def test_a_page_lists_the_work_naming_it_apart_from_area_wide_work_and_credits_only_the_first(attribution_hub, address, named, covered):
    page = read_page(attribution_hub.site, address)
    assert sorted(section_links(page, "Case studies")) == named
    assert sorted(section_links(page, "Work that covered")) == covered
    assert "its savings are not credited to" in page
    assert not [amount for amount in AREA_WIDE_AMOUNTS if amount in page]


def test_no_authority_page_credits_a_saving_from_area_wide_work(attribution_hub):
    page = read_page(attribution_hub.site, "authorities/nottinghamshire-cc")
    summary = LexborHTMLParser(page).css_first("table.hub-table")  # the savings summary
    cells = [td.text(strip=True) for td in summary.css("tbody tr")[1].css("td")]  # the "Per year" row
    assert cells[0].startswith("£1.2m") and "(2 figures)" in cells[0]  # 677,000 + 500,000, both named


def league_rows(page: str, caption: str) -> list[tuple[str, str]]:
    table = next(t for t in LexborHTMLParser(page).css("table.hub-league") if t.css_first("caption").text() == caption)
    return [(tr.css_first("th").text(strip=True), tr.css("td")[1].text(strip=True)) for tr in table.css("tbody tr")]


def test_the_authority_league_counts_only_named_councils_and_says_what_is_left_out(attribution_hub):
    page = read_page(attribution_hub.site, "figures")
    assert league_rows(page, "Authorities ranked by savings delivered") == [
        ("Nottinghamshire County Council", "£1.2m"), ("Blaby District Council", "£900k"),
        ("Nottingham City Council", "£677k")]
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert ("Area-wide work, whose source names no council, and savings the source gives for an area as a whole are "
            "credited to none and are in no row.") in text
    assert ("The rows add up to £2.8m, more than the hub's total of £2.6m delivered (amounts a year) in the 7 case "
            "studies, each counted once: a saving credited to several councils counts in full for each. £988k of that "
            "total is in no row: area-wide work, whose source names no council, and savings the source gives for an "
            "area as a whole.") in text


def test_the_sub_region_league_counts_only_named_councils_with_an_equal_share_beside_it_when_the_order_changes(attribution_hub):
    page = read_page(attribution_hub.site, "figures")
    assert league_rows(page, "Sub-regions ranked by savings delivered") == [
        ("Nottinghamshire", "£1.2m"), ("Leicester, Leicestershire and Rutland", "£900k")]
    # Split equally: Nottinghamshire 677,000 + 250,000; Leicestershire 250,000 + 400,000 — the same order.
    assert "gives the same order, so the equal-share table is not shown" in page
    index = read_page(attribution_hub.site, "authorities")  # the authorities' league page: there the order changes
    # Blaby 250,000 + 400,000 + 111,111 (its own bid); Notts CC 338,500 + 250,000 (halves round to even: £588k); the
    # City 338,500 + 222,222 (its own bid). The region's 3,333,333 is nobody's.
    assert league_rows(index, "Authorities ranked by savings delivered, each saving split equally") == [
        ("Blaby District Council", "£761k"), ("Nottinghamshire County Council", "£588k"),
        ("Nottingham City Council", "£561k")]
    assert "each saving is split equally among the councils it is credited to" in index


def test_filters_and_search_facets_follow_the_same_rule(attribution_hub):
    hub = build_hub(attribution_hub.root, TODAY)
    assert [cs.slug for cs in hub.select(authority="blaby")] == ["blaby-alone", "blaby-and-notts", "split-bids"]
    assert [cs.slug for cs in hub.select(covering_authority="blaby")] == ["region-wide"]
    assert [cs.slug for cs in hub.select(covering_sub_region="nottinghamshire")] == ["notts-wide", "region-wide"]
    assert [cs.slug for cs in hub.select(area="leicestershire")] == ["region-wide", "split-bids"]
    item = next(item for item in read_index_data(attribution_hub.site) if item["slug"] == "region-wide")
    assert "authority" not in item and item["subregion"] == []
    assert item["area"] == ["east-midlands", "leicestershire", "nottinghamshire"]
    entry = next(e for e in read_index(attribution_hub.site) if e["url"] == "/case-studies/region-wide/")
    assert "authority" not in entry["filters"] and "subregion" not in entry["filters"]
    assert set(entry["filters"]["area"]) == {"east-midlands", "leicestershire", "nottinghamshire"}


def test_an_area_wide_case_study_shows_its_area_and_its_savings_with_the_source_words(attribution_hub):
    page = read_page(attribution_hub.site, "case-studies/notts-wide")
    assert re.search(r'<dt>Area</dt>\s*<dd><a href="../../sub-regions/nottinghamshire/">Nottinghamshire</a> — '
                     r"area-wide work; the source names no councils taking part</dd>", page)
    assert "<dt>Authorities</dt>" not in page
    assert ('<td class="hub-num">£2,345,678</td><td class="hub-quote">Printed as “saving £2,345,678 a year on '
            "licences”</td><td>Kind not stated in the source</td>") in page


# --- A saving credited to some of the councils its case study names ---------------------------------------------

def total_row(page: str) -> str:
    """The 'Total over a period' row of a page's savings summary, as text."""
    summary = LexborHTMLParser(page).css_first("table.hub-table")
    return next(tr.text(separator=" ", strip=True) for tr in summary.css("tbody tr")
                if tr.css_first("th").text(strip=True) == "Total over a period")


@pytest.mark.parametrize("address, shown, hidden", [
    ("authorities/blaby", ["£111k (1 figure)"], ["222,222", "£222k", "3,333,333", "£3.3m", "£3.7m"]),
    ("authorities/nottingham-city", ["£222k (1 figure)"], ["111,111", "£111k", "3,333,333", "£3.3m", "£333k"]),
    ("authorities/nottinghamshire-cc", [], SPLIT_ONLY),
    ("sub-regions/nottinghamshire", ["£222k (1 figure)"], ["111,111", "£111k", "3,333,333", "£3.3m"]),
    ("sub-regions/leicestershire", ["£111k (1 figure)"], ["222,222", "£222k", "3,333,333", "£3.3m"]),
])
def test_a_page_counts_only_the_savings_credited_to_its_council(attribution_hub, address, shown, hidden):
    page = read_page(attribution_hub.site, address)
    row = total_row(page)
    assert all(amount in row for amount in shown) and (shown or "—" in row), row
    assert [amount for amount in hidden if amount in page] == []
    item = LexborHTMLParser(page).css_first('li a[href$="split-bids/"]').parent.text()
    whom = {"authorities/blaby": "Blaby District Council", "authorities/nottingham-city": "Nottingham City Council",
            "authorities/nottinghamshire-cc": "Nottinghamshire County Council",
            "sub-regions/nottinghamshire": "councils in Nottinghamshire",
            "sub-regions/leicestershire": "councils in Leicester, Leicestershire and Rutland"}[address]
    assert f"its {'other ' if shown else ''}savings are not credited to {whom}" in item


def test_the_case_study_page_shows_whom_each_saving_is_credited_to(attribution_hub):
    page = read_page(attribution_hub.site, "case-studies/split-bids")
    table = LexborHTMLParser(page).css_first("table.hub-table")
    assert [th.text() for th in table.css("thead th")][5] == "Credited to"
    cells = [tr.css("td")[5] for tr in table.css("tbody tr")]
    assert [cell.text(strip=True) for cell in cells] == [
        "Blaby District Council", "Nottingham City Council", "No council: the source gives it for East Midlands as a whole"]
    assert cells[0].css_first("a").attributes["href"] == "../../authorities/blaby/"
    assert "counted for no council" in page
    assert "Credited to" not in read_page(attribution_hub.site, "case-studies/named-work")  # every saving, every council named


def test_the_savings_filter_under_a_council_looks_only_at_its_credited_savings(attribution_hub):
    index = LexborHTMLParser(read_page(attribution_hub.site, "case-studies"))
    credit = next(item for item in read_index_data(attribution_hub.site) if item["slug"] == "split-bids")["credit"]
    assert {"authority=blaby|yes", "authority=blaby|non-cashable-total", "authority=nottingham-city|cashable-total",
            "subregion=nottinghamshire|cashable-total", "type=district|non-cashable-total",
            "region=east-midlands|yes"} <= set(credit)
    assert not [value for value in credit if value.startswith("authority=nottinghamshire-cc|")]
    form = index.css_first("form[data-hub-filters]")
    assert form.attributes["data-council-facets"].split() == ["authority", "type", "region", "subregion"]
    entry = next(e for e in read_index(attribution_hub.site) if e["url"] == "/case-studies/split-bids/")
    assert set(entry["filters"]["credit"]) == set(credit)


def test_headlines_and_exports_under_a_council_count_only_its_credited_savings(attribution_hub):
    from macros.site.case_study_macros import case_study_list, headline, savings_by_kind

    hub = build_hub(attribution_hub.root, TODAY)
    city = headline(hub, "index.md", "delivered", basis="total", authority="nottingham-city")
    assert "£222k" in city and "in 1 case study" in city and "£3.3m" not in city
    assert 'href="case-studies/?authority=nottingham-city&amp;delivered=cashable-total"' in city
    listed = case_study_list(hub, "index.md", authority="nottingham-city").split("<li>")
    split = next(item for item in listed if "split-bids" in item)
    assert "£222k in totals over a period delivered" in split and "£111k" not in split
    assert "its other savings are not credited to Nottingham City Council" in split
    notts = savings_by_kind(hub, "index.md", authority="nottinghamshire-cc")
    assert "£222k" not in notts and "£111k" not in notts and "£3.3m" not in notts
    with (attribution_hub.site / "exports" / "case-studies.csv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    assert [(row["saving_amount"], row["saving_credited_to"]) for row in rows if row["slug"] == "split-bids"] == [
        ("111111", "blaby"), ("222222", "nottingham-city"), ("3333333", "")]
    assert [row["saving_credited_to"] for row in rows if row["slug"] in ("named-work", "region-wide")] == [
        "nottinghamshire-cc;nottingham-city", ""]


# --- The real site, recomputed from the YAML ---------------------------------------------------------------------

def load_yaml_registers() -> dict:
    return {name: {item["id"]: item for item in yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text())}
            for name in ("authorities", "regions", "sub_regions")}


def covers(area: str | None, authority: dict, registers: dict) -> bool:
    """Written out from CONTENT_MODEL.md, apart from the code: an area covers its sub-region's councils, its region's
    (by the region's name) and, for England, every council."""
    if not area:
        return False
    if area == "england":
        return True
    if area in registers["sub_regions"]:
        return authority.get("sub_region") == area
    return authority["region"] == registers["regions"][area]["name"]


def credited(cs: dict, saving: dict) -> list[str]:
    """Written out from CONTENT_MODEL.md: a saving's own `authorities`, else every council the case study names."""
    return saving["authorities"] if "authorities" in saving else cs.get("authorities") or []


def delivered_by_basis(savings) -> dict[str, float]:
    return {basis: sum(s["amount"] for s in savings if s["status"] == "delivered" and s["basis"] == basis)
            for basis in ("one-off", "per-year", "total")}


def test_every_real_authority_page_lists_the_case_studies_naming_it_and_credits_only_its_own_savings(site):
    registers, studies = load_yaml_registers(), read_case_studies_yaml()
    checked = covered_somewhere = split = 0
    for authority_id, authority in registers["authorities"].items():
        named = sorted(slug for slug, cs in studies.items() if authority_id in (cs.get("authorities") or []))
        covered = sorted(slug for slug, cs in studies.items() if slug not in named
                         and covers(cs.get("area"), authority, registers))
        page = read_page(site, f"authorities/{authority_id}")
        assert section_reaches(page, "Case studies", site) == named, authority_id
        # The index filtered to the council's area also lists any work of that area naming the council.
        assert sorted(set(section_reaches(page, "Work that covered", site)) - set(named)) == covered, authority_id
        own = {slug: [s for s in studies[slug].get("savings") or [] if authority_id in credited(studies[slug], s)]
               for slug in named}
        delivered = delivered_by_basis([s for savings in own.values() for s in savings])
        shown = summary_figures(page)
        assert [basis for basis, value in delivered.items() if not compact_equal(shown.get(basis, 0), value)] == [], \
            (authority_id, shown, delivered)
        for slug in set(named) & set(section_links(page, "Case studies")):  # listed: with its own savings only
            listed = listed_amounts(page, slug)
            expected = {basis: value for basis, value in delivered_by_basis(own[slug]).items() if value}
            assert set(listed) == set(expected) and all(compact_equal(listed[b], expected[b]) for b in expected), \
                (authority_id, slug, listed, expected)
            split += len(own[slug]) < len(studies[slug].get("savings") or [])
        checked += 1
        covered_somewhere += bool(covered)
    assert checked == len(registers["authorities"]) and covered_somewhere
    assert split, "no case study credits a saving to some of its councils only: the rule is not exercised"


def test_every_real_case_study_page_says_whom_each_saving_is_credited_to_where_it_differs(site):
    registers, studies = load_yaml_registers(), read_case_studies_yaml()
    differing = 0
    for slug, cs in studies.items():
        savings = cs.get("savings") or []
        named = cs.get("authorities") or []
        differs = [set(credited(cs, s)) != set(named) for s in savings]
        table = LexborHTMLParser(read_page(site, f"case-studies/{slug}")).css_first("table.hub-table")
        headings = [th.text() for th in table.css("thead th")] if savings else []
        assert ("Credited to" in headings) is any(differs), slug
        if not any(differs):
            continue
        differing += 1
        column = headings.index("Credited to")
        for saving, tr in zip(savings, table.css("tbody tr")):
            cell = tr.css("td")[column].text(strip=True)
            councils = credited(cs, saving)
            if not councils:
                assert cell.startswith("No council: the source gives it for"), (slug, cell)
            elif set(councils) == set(named):
                assert cell == "Every council named", (slug, cell)
            else:
                assert cell == ", ".join(registers["authorities"][a]["name"] for a in named if a in councils), (slug, cell)
    assert differing


LISTED_BASES = {"a year": "per-year", "one-off": "one-off", "in totals over a period": "total"}


def listed_amounts(page: str, slug: str) -> dict[str, float]:
    """The delivered amounts a browse page's listing shows for a case study, by basis."""
    link = LexborHTMLParser(page).css_first(f'ul a[href$="case-studies/{slug}/"]')
    text = link.parent.css_first("small").text()
    return {LISTED_BASES[basis]: read_money(amount) for amount, basis in
            re.findall(r"(£[\d,.]+[mk]?) (a year|one-off|in totals over a period)", text)}


def summary_figures(page: str) -> dict[str, float]:
    """The 'Delivered' column of an authority page's savings summary, by basis, as amounts."""
    table = LexborHTMLParser(page).css_first("table.hub-table")
    if table is None or "Savings credited" not in table.css_first("caption").text():
        return {}
    labels = {"One-off": "one-off", "Per year": "per-year", "Total over a period": "total"}
    found = {}
    for tr in table.css("tbody tr"):
        text = tr.css("td")[0].text(strip=True)
        match = re.match(r"£([\d,.]+)(m|k)?", text)
        if match:
            scale = {"m": 1_000_000, "k": 1_000}.get(match.group(2), 1)
            found[labels[tr.css_first("th").text(strip=True)]] = float(match.group(1).replace(",", "")) * scale
    return found


def test_every_real_sub_region_page_lists_the_work_naming_its_councils_apart_from_area_wide_work(site):
    registers, studies = load_yaml_registers(), read_case_studies_yaml()
    for sub_id, sub in registers["sub_regions"].items():
        members = {a for a, authority in registers["authorities"].items() if authority.get("sub_region") == sub_id}
        named = sorted(slug for slug, cs in studies.items() if members & set(cs.get("authorities") or []))
        as_council = {"region": sub["region"], "sub_region": sub_id}  # what an area must cover to cover the sub-region
        covered = sorted(slug for slug, cs in studies.items() if slug not in named
                         and covers(cs.get("area"), as_council, registers))
        page = read_page(site, f"sub-regions/{sub_id}")
        assert section_reaches(page, "Case studies", site) == named, sub_id
        assert sorted(set(section_reaches(page, "Work that covered", site)) - set(named)) == covered, sub_id
        own = [s for slug in named for s in studies[slug].get("savings") or []
               if members & set(credited(studies[slug], s))]  # each saving once, however many councils it names
        delivered, shown = delivered_by_basis(own), summary_figures(page)
        assert [basis for basis, value in delivered.items() if not compact_equal(shown.get(basis, 0), value)] == [], \
            (sub_id, shown, delivered)
