"""Dataset totals: computed only under columns that add, the reason in place of a total under a column that does
not, a printed total shown as printed for any column and reconciled only where the column adds — on the page, in
the exports and in the figure snapshots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros.figures.snapshot import compute_snapshot
from macros.figures.hub import build_hub

from tests.conftest import ROOT, TODAY

ADDS = ("GBP", "GBP thousand", "GBP million", "count")  # written out here, not read from the code under test
REASONS = {"percent": "percentages are not added", "score": "scores are not added", "rank": "ranks are not added",
           "rate": "rates are not added", "ratio": "ratios are not added"}


def foot_cells(page: str, table_id: str) -> dict[str, dict[str, tuple[str, str]]]:
    """The foot rows of a dataset table: row heading -> column heading -> (cell class, cell text)."""
    table = LexborHTMLParser(page).css_first(f"table#table-{table_id}")
    headings = [th.text(strip=True) for th in table.css("thead th")]
    rows = {}
    for tr in table.css("tfoot tr"):
        cells = tr.css("th, td")
        rows[cells[0].text(strip=True)] = {heading: (cell.attributes.get("class") or "", cell.text(strip=True))
                                           for heading, cell in zip(headings[1:], cells[1:])}
    return rows


def heading(column: dict) -> str:
    labels = {"GBP": "£", "GBP thousand": "£000", "GBP million": "£m", "percent": "%", "score": "score",
              "ratio": "ratio", "rank": "rank", "rate": "rate"}
    unit = labels.get(column.get("unit") or "")
    return f"{column['label']} ({unit})" if unit else column["label"]


def test_only_columns_that_add_get_a_computed_total_and_the_others_say_why(figures_hub):
    site = figures_hub.site
    page = (site / "datasets" / "mixed-units" / "index.html").read_text(encoding="utf-8")
    foot = foot_cells(page, "mixed-units")
    computed, printed = foot["Total (computed from the rows)"], foot["Total (as printed in the source)"]
    assert computed["Grant (£)"] == ("hub-num hub-total", "50,000")
    assert computed["Share of budget (%)"] == ("hub-no-total", "percentages are not added")
    assert computed["Score (score)"] == ("hub-no-total", "scores are not added")
    assert computed["Savings claimed (£)"] == (
        "hub-no-total", "The bidders give savings over different periods, so they cannot be added.")
    assert "590,000" not in page and "52.5" not in page  # the sums that mean nothing are never shown
    # Printed totals are shown as printed, whatever the column; 99.9 is not 52.5, and nothing stops the build.
    assert [printed[h][1] for h in ("Grant (£)", "Share of budget (%)", "Score (score)", "Savings claimed (£)")] == [
        "50,000", "99.9", "16", "not printed"]


def test_exports_and_figures_carry_a_computed_total_only_for_columns_that_add(figures_hub):
    repo, site = figures_hub, figures_hub.site
    document = json.loads((site / "datasets" / "mixed-units.json").read_text(encoding="utf-8"))
    totals = {t["column"]: t for t in document["totals"]}
    assert totals["grant"]["computed"] == 50000 and totals["grant"]["status"] == "agrees"
    assert totals["share"]["computed"] is None and totals["share"]["stated"] == 99.9
    assert totals["share"]["status"] == "printed" and totals["share"]["not_added"] == "percentages are not added"
    assert totals["savings"]["computed"] is None and totals["savings"]["status"] == "not added"
    figures = compute_snapshot(build_hub(repo.root, TODAY))["figures"]
    assert figures["dataset/mixed-units/grant"]["value"] == 50000
    assert figures["dataset/mixed-units/share"]["value"] == 99.9 and "as printed" in figures["dataset/mixed-units/share"]["label"]
    assert "dataset/mixed-units/savings" not in figures


def real_datasets() -> list[Path]:
    return sorted((ROOT / "data" / "datasets").glob("*.yaml"))


@pytest.mark.parametrize("path", real_datasets(), ids=lambda p: p.stem)
def test_no_dataset_page_shows_a_computed_total_under_a_column_that_does_not_add(site, path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = (site / "datasets" / raw["id"] / "index.html").read_text(encoding="utf-8")
    foot = foot_cells(page, raw["id"])
    computed = foot.get("Total (computed from the rows)", {})
    printed = foot.get("Total (as printed in the source)", {})
    for column in raw["columns"][1:]:
        unit = column.get("unit")
        if unit is None:
            assert computed.get(heading(column), ("", ""))[1] == ""  # text columns: nothing
            continue
        adds = unit in ADDS and not column.get("no_total")
        cls, text = computed.get(heading(column), ("", ""))
        if adds:
            assert "hub-no-total" not in cls
            continue
        assert "hub-total" not in cls.split() and not re.fullmatch(r"(at least )?[\d,.]+", text), (column["id"], text)
        if computed:
            expected = " ".join(column["no_total"].split()) if column.get("no_total") else REASONS[unit]
            assert (cls, text) == ("hub-no-total", expected)
        stated = (raw.get("stated_totals") or {}).get(column["id"])
        if stated is not None:  # shown as printed
            assert float(printed[heading(column)][1].replace(",", "")) == float(stated)
