"""The Data Package (site/datapackage.py) of a small hub, written as the build writes it: unknowns kept unknown, every
column typed, and checked by Frictionless Data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from frictionless import Package, validate

from macros.figures.hub import build_hub
from macros.site.datapackage import write_datapackage
from macros.site.exports import write_exports

from tests.conftest import TODAY, VALID_FRONT_MATTER, Repo, with_saving_amount
from tests.hubs import TEST_GRANTS


def small_hub(tmp_path: Path) -> tuple:
    """A small hub with a dataset holding an unknown value and case studies with two, one and no savings, its exports
    and package written as the build writes them."""
    repo = Repo(tmp_path / "hub")
    repo.case_study("notts-software")
    repo.case_study("area-wide", VALID_FRONT_MATTER.replace(
        "authorities: [nottinghamshire-cc, nottingham-city]", "area: east-midlands")
        .split("investment:")[0] + "source:\n  document: EM IEP annual report\n  date: \"2011\"\n")
    repo.case_study("two-savings", with_saving_amount(VALID_FRONT_MATTER, 120000).replace(
        "    quote: \"saving £120,000 a year on licences\"\n",
        "    quote: \"saving £120,000 a year on licences\"\n  - amount: 50000\n    type: unstated\n"
        "    status: forecast\n    basis: total\n    years: 3\n    quote: \"a further £50,000 over three years\"\n"))
    repo.write("data/datasets/test-grants.yaml", TEST_GRANTS)
    hub = build_hub(repo.root, TODAY)
    site = tmp_path / "site"
    write_exports(hub, site)
    write_datapackage(hub, site, "Test hub", "https://hub.example.org/")
    return hub, site


def test_a_small_hub_package_keeps_unknowns_unknown_and_types_every_column(tmp_path):
    hub, site = small_hub(tmp_path)
    report = validate(site / "exports" / "datapackage.json")
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:20]
    package = Package(site / "exports" / "datapackage.json")
    grants = package.get_resource("test-grants").read_rows()
    delivered = [row["delivered"] for row in grants]
    assert float(delivered[0]) == 35.062 and delivered[1] is None  # null in the YAML: unknown, not 0
    assert package.get_resource("test-grants").schema.get_field("grant").to_dict()["unit"] == "GBP million"
    rows = {(row["slug"], row["saving_number"]): row for row in package.get_resource("case-studies").read_rows()}
    assert set(rows) == {("notts-software", 1), ("area-wide", None), ("two-savings", 1), ("two-savings", 2)}
    area_wide = rows[("area-wide", None)]  # states no saving and no investment: one row, those cells empty
    assert area_wide["authorities"] is None and area_wide["area"] == "east-midlands" and area_wide["investment"] is None
    assert [area_wide[f"saving_{name}"] for name in ("amount", "type", "status", "basis", "quote")] == [None] * 5
    second = rows[("two-savings", 2)]
    assert (second["saving_amount"], second["saving_type"], second["saving_status"], second["saving_basis"],
            second["saving_years"], second["saving_quote"]) == (50000, "unstated", "forecast", "total", 3,
                                                                "a further £50,000 over three years")
    assert rows[("two-savings", 1)]["saving_amount"] == 120000


def test_frictionless_refuses_a_table_that_no_longer_matches_its_schema(tmp_path):
    hub, site = small_hub(tmp_path)
    table = site / "exports" / "case-studies.csv"
    frame = pd.read_csv(table, dtype=str, keep_default_na=False)
    frame.loc[0, "saving_amount"] = "£677k"
    frame.loc[1, "saving_status"] = "promised"
    frame.to_csv(table, index=False)
    report = validate(site / "exports" / "datapackage.json")
    assert not report.valid
    errors = {(error.type, error.field_name) for task in report.tasks for error in task.errors}
    assert {("type-error", "saving_amount"), ("constraint-error", "saving_status")} <= errors
