"""Headline figures: savings delivered kept apart by kind (cashable; non-cashable or kind not stated; cost avoidance;
income) and basis, "a year" only from amounts a year, and each figure linked to the list of case studies it counts
— checked on the real site against sums computed here from the YAML."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

from selectolax.lexbor import LexborHTMLParser

from tests.index_pages import filter_index, read_index_data
from tests.recompute import compact_equal, read_case_studies_yaml, read_money

KINDS = {"cashable": ("cashable",), "non-cashable": ("non-cashable", "unstated"),  # from CONTENT_MODEL.md
         "cost-avoidance": ("cost-avoidance",), "income": ("income",)}
BASES = {"A year": "per-year", "One-off": "one-off", "Total over a period": "total"}


def parse_saving(value: str) -> tuple[str, str, str]:
    """'cashable-per-year' -> (delivered, cashable, per-year); 'forecast-income-total' -> (forecast, income, total)."""
    status = "forecast" if value.startswith("forecast-") else "delivered"
    value = value.removeprefix("forecast-")
    kind = next(k for k in KINDS if value.startswith(k + "-"))
    return status, kind, value[len(kind) + 1:]


def counted(studies: dict, query: dict) -> tuple[set[str], float]:
    """The case studies a figure linked with `query` counts, and the sum of their savings of that kind and basis."""
    status, kind, basis = parse_saving(query.pop("delivered"))
    slugs, total = set(), 0
    for slug, cs in studies.items():
        if "partnership" in query and cs["partnership"] != query["partnership"]:
            continue
        if "theme" in query and query["theme"] not in cs["themes"]:
            continue
        if "programme" in query and cs.get("programme") != query["programme"]:
            continue
        if "authority" in query and query["authority"] not in (cs.get("authorities") or []):
            continue
        # Under a council's name only the savings credited to it count: a saving's own authorities, else all named.
        amounts = [s["amount"] for s in cs.get("savings") or []
                   if s["status"] == status and s["type"] in KINDS[kind] and s["basis"] == basis
                   and ("authority" not in query or query["authority"] in s.get("authorities", cs.get("authorities")))]
        if amounts:
            slugs.add(slug)
            total += sum(amounts)
    assert not set(query) - {"partnership", "theme", "programme", "authority"}, f"filter not recomputed: {query}"
    return slugs, total


def test_the_home_page_savings_are_the_sums_by_kind_and_basis_of_the_case_studies(site):
    studies = read_case_studies_yaml()
    page = (site / "index.html").read_text(encoding="utf-8")
    table = LexborHTMLParser(page).css_first("table.hub-savings-by-kind")
    headings = [th.text(strip=True) for th in table.css("thead th")][1:]
    labels = {"Cashable": "cashable", "Non-cashable or kind not stated": "non-cashable",
              "Cost avoidance": "cost-avoidance", "Income": "income"}
    exported = {row["kind"]: row for row in
                json.loads((site / "exports" / "savings-by-kind-delivered.json").read_text())["rows"]}
    seen = 0
    for tr in table.css("tbody tr"):
        kind = labels[tr.css_first("th").text(strip=True)]
        for heading, td in zip(headings, tr.css("td")):
            basis = BASES[heading]
            entries = [(slug, s["amount"]) for slug, cs in studies.items() for s in cs.get("savings") or []
                       if s["status"] == "delivered" and s["type"] in KINDS[kind] and s["basis"] == basis]
            total, count = sum(a for _, a in entries), len({slug for slug, _ in entries})
            text = td.text(strip=True)
            if not entries:
                assert text == "—" and exported[kind][basis] is None
                continue
            assert compact_equal(read_money(text), total), (kind, basis, text, total)
            assert f"({count} case stud{'y' if count == 1 else 'ies'})" in text
            assert exported[kind][basis] == total  # the download carries the exact sum
            seen += 1
    assert seen >= 4
    assert "savings delivered a year" not in page  # no figure adds kinds or bases into one


def pages_with_savings_figures(site):
    for path in [site / "index.html", *(site / "partnerships").glob("*/index.html"), *(site / "guides").glob("*/index.html")]:
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


def test_every_savings_figure_links_to_the_case_studies_it_counts(site):
    studies, items = read_case_studies_yaml(), read_index_data(site)
    checked = 0
    for name, page in pages_with_savings_figures(site):
        tree = LexborHTMLParser(page)
        for link in tree.css(".hub-savings-by-kind td a, .hub-headline__value a"):
            href = link.attributes["href"]
            if "delivered=" not in href or "delivered=investment" in href or "case-studies/" not in href:
                continue
            query = {k: v[0] for k, v in parse_qs(urlparse(href).query).items()}
            listed = filter_index(items, query)
            slugs, total = counted(studies, dict(query))
            assert listed == slugs, (name, href)
            assert compact_equal(read_money(link.text(strip=True)), total), (name, href, link.text())
            checked += 1
    assert checked >= 10


def test_the_other_headlines_link_to_what_they_count(site):
    page = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    links = {a.parent.parent.css_first(".hub-headline__label").text(): a.attributes["href"]
             for a in page.css(".hub-headline__value a")}
    assert links["case studies"] == "case-studies/"
    assert links["datasets from partnership reports"] == "datasets/"
    invested = next(href for label, href in links.items() if label.startswith("invested in"))
    assert invested == "case-studies/?delivered=investment"
    studies = read_case_studies_yaml()
    assert filter_index(read_index_data(site), {"delivered": "investment"}) == {
        slug for slug, cs in studies.items() if cs.get("investment") is not None}
