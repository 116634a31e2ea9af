"""Macros on built pages: figures recomputed independently from the YAML and compared with the HTML and exports, on
the real site and on the figures hub of tests/hubs.py (a bad argument stopping the build: tests/unit/site/test_macros.py)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import REGISTERS, ROOT


def numbers(text: str) -> list[str]:
    return re.findall(r"[0-9][0-9,]*\.?[0-9]*", text)


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("dataset_id", [
    "em-iep-srp-savings-2008-11", "emce-work-programme-2005-08", "ie-finance-2009-10", "em-iep-project-bids-2011-13",
])
def test_dataset_totals_on_the_page_and_in_exports_match_an_independent_sum(site, dataset_id):
    raw = yaml.safe_load((ROOT / "data" / "datasets" / f"{dataset_id}.yaml").read_text())
    page = (site / "datasets" / dataset_id / "index.html").read_text()
    computed_row = strip_tags(page[page.find("Total (computed from the rows)"):].split("</tr>")[0])
    exported = list(csv.DictReader(io.StringIO((site / "datasets" / f"{dataset_id}.csv").read_text())))
    document = json.loads((site / "datasets" / f"{dataset_id}.json").read_text())
    assert len(exported) == len(raw["rows"]) == len(document["rows"])
    additive = {c["id"] for c in raw["columns"]
                if c.get("unit") in ("GBP", "GBP thousand", "GBP million", "count") and not c.get("no_total")}
    for column, stated in raw.get("stated_totals", {}).items():
        if column not in additive:
            continue  # a total the source prints under a column that does not add is shown, never computed
        values = [row[column] for row in raw["rows"]]
        total = math.fsum(v for v in values if v is not None)
        places = max(len(repr(float(v)).split(".")[1]) if isinstance(v, float) else 0 for v in values + [stated])
        assert f"{total:,.{places}f}" in computed_row, (column, computed_row)
        assert math.isclose(sum(float(r[column]) for r in exported if r[column] != ""), total)
        (json_total,) = [t for t in document["totals"] if t["column"] == column]
        assert math.isclose(json_total["computed"], total) and json_total["stated"] == stated


def test_printed_discrepancy_is_shown_on_the_dataset_page(site):
    page = (site / "datasets" / "emce-work-programme-2005-08" / "index.html").read_text()
    assert "Discrepancy in the source" in page and "(differs: see note)" in page
    assert "at least 446.0" in page  # one workstream's cashable saving is unknown ("-" in the source)


def test_league_table_html_and_exports_match_an_independent_ranking(figures_hub):
    site = figures_hub.site
    html = (site / "leagues" / "index.html").read_text()  # FIGURES_PAGES["leagues"]
    # notts-software delivers 677,000 a year (Nottinghamshire); blaby-bins 677,000 one-off (Leicestershire); notts-legal is a forecast.
    delivered = html[: html.find("ranked by savings delivered per")]
    assert re.search(r"=1</td><th scope=\"row\"><a [^>]*>Leicester, Leicestershire and Rutland</a></th><td class=\"hub-num\">£677k", delivered)
    assert re.search(r"=1</td><th scope=\"row\"><a [^>]*>Nottinghamshire</a></th><td class=\"hub-num\">£677k", delivered)
    roi = html[html.find("ranked by savings delivered per"):]
    # Only notts-software states both investment (50,000) and delivered savings: 677,000 / 50,000 = 13.54.
    assert ">£13.54</td>" in roi and "Leicester, Leicestershire" not in roi.split("</table>")[0]
    # Which sub-region has no row, and why, in plain words, linked to its page.
    assert re.search(r'1 sub-region is left out, as none of its case studies states both an investment and a '
                     r'delivered saving credited wholly to it, so no return on investment can be worked out for it: '
                     r'<a href="[^"]*sub-regions/leicestershire/">Leicester, Leicestershire and Rutland</a>\.', roi)
    # "=" is explained under the table whose ranks are shared, and only there.
    assert "= marks a shared rank." in delivered.split("</table>")[1] and "= marks a shared rank." not in roi
    rows = list(csv.DictReader(io.StringIO((site / "exports" / "league-sub-region-roi-all.csv").read_text())))
    assert [(r["id"], float(r["value"])) for r in rows] == [("nottinghamshire", 13.54)]
    data = json.loads((site / "exports" / "league-sub-region-delivered-all.json").read_text())
    assert sorted((r["id"], r["value"], r["rank"]) for r in data["rows"]) == [
        ("leicestershire", 677000.0, 1), ("nottinghamshire", 677000.0, 1)]
    assert 'href="../exports/league-sub-region-roi-all.csv"' in html


def test_savings_table_keeps_bases_and_statuses_in_separate_columns(figures_hub):
    data = json.loads((figures_hub.site / "exports" / "savings-by-theme.json").read_text())  # FIGURES_PAGES["savings"]
    by_id = {r["id"]: r for r in data["rows"]}
    assert by_id["procurement"]["delivered_per-year"] == 677000 and by_id["procurement"]["delivered_one-off"] == 677000
    assert by_id["shared-services"]["forecast_per-year"] == 400000 and by_id["shared-services"]["delivered_per-year"] is None


def test_dataset_table_shows_unknowns_and_neutralises_csv_formulas(figures_hub):
    html = (figures_hub.site / "dataset" / "index.html").read_text()  # FIGURES_PAGES["dataset"]
    assert '<span class="hub-unknown">unknown</span>' in html
    assert "at least 35.062" in html and "7.968" in html
    assert '<svg class="hub-chart" role="img"' in html and "<desc" in html and "Data for the chart" in html
    exported = (figures_hub.site / "datasets" / "test-grants.csv").read_text().splitlines()
    assert exported[0] == '"sub_region","note","grant","delivered"'  # text quoted, numbers not
    assert exported[1] == '"nottinghamshire","\'=HYPERLINK(1)",3.731,35.062'
    assert exported[2] == '"leicestershire","plain",4.237,""'


def test_macro_reference_page_documents_every_macro_with_an_example(site):
    from macros.site.macros import MACROS

    page = (site / "reference" / "macros" / "index.html").read_text()
    for function in MACROS:
        assert f'<h2 id="{function.__name__}"><code>{function.__name__}</code>' in page
        assert "{{ " + function.__name__ + "(" in function.__doc__, f"{function.__name__} needs an example"
        assert "{{ " + function.__name__ + "(" in page  # shown as written, not run


def test_the_home_page_counts_the_partnerships_its_text_names_from_the_hub(tmp_path, repo):
    """The real home page in a hub of two partnerships: no count on it is typed by hand."""
    repo.with_site().case_study("joint-software")
    partnerships = [*REGISTERS["partnerships"], {"id": "second-partnership", "name": "Second Partnership",
                                                  "short_name": "SP", "region": "East Midlands",
                                                  "period": {"start": "2008", "end": "2011"}}]
    repo.write("data/partnerships.yaml", yaml.safe_dump(partnerships, sort_keys=False))
    shutil.copy(ROOT / "docs" / "index.md", repo.root / "docs" / "index.md")
    result = repo.build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    text = LexborHTMLParser((tmp_path / "site" / "index.html").read_text(encoding="utf-8")).body.text()
    assert "public documents of 2 partnerships" in " ".join(text.split())
