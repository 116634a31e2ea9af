"""The open data as a Frictionless Data Package: every published CSV described, typed, sourced, and valid."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, validate

from macros.site.datapackage import write_datapackage
from macros.site.exports import write_exports
from macros.figures.hub import build_hub

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER, Repo, with_saving_amount
from .test_macros import DATASET


@pytest.fixture(scope="session")
def hub():
    return build_hub(ROOT)


def package_of(site: Path) -> dict:
    return json.loads((site / "exports" / "datapackage.json").read_text(encoding="utf-8"))


def problems_in(report) -> list[str]:
    return [f"{task.name}: {error.type}: {error.note}" for task in report.tasks for error in task.errors][:20] + [
        f"{error.type}: {error.note}" for error in report.errors][:20]


def test_the_real_package_validates_with_frictionless_data_and_all(site):
    report = validate(site / "exports" / "datapackage.json")
    assert report.valid, problems_in(report)
    assert len(report.tasks) == len(package_of(site)["resources"]) and all(task.stats["rows"] for task in report.tasks)


def test_every_csv_the_site_publishes_is_described_with_the_same_bytes(site):
    folder = site / "exports"
    described = {(folder / item["path"]).read_bytes() for item in package_of(site)["resources"]}
    published = [path for path in site.rglob("*.csv") if not path.is_relative_to(folder / "datasets")]
    assert len(published) > 20
    assert [path.relative_to(site).as_posix() for path in published if path.read_bytes() not in described] == []


def test_every_resource_has_a_schema_with_unknowns_and_a_source(site, hub):
    for item in package_of(site)["resources"]:
        assert item["schema"]["missingValues"] == [""], item["name"]
        assert item["sources"] and all(source["title"] for source in item["sources"]), item["name"]
        assert not item["path"].startswith(("/", "..")), item["name"]
    resources = {item["name"]: item for item in package_of(site)["resources"]}
    for dataset in hub.datasets.values():
        fields = {field["name"]: field for field in resources[dataset.id]["schema"]["fields"]}
        assert [field for field in fields] == [column.id for column in dataset.columns]
        for column in dataset.columns:
            assert fields[column.id].get("unit") == column.unit
            assert fields[column.id]["type"] == ("number" if column.unit else "string")
        assert resources[dataset.id]["sources"][0]["title"].startswith(dataset.source.document)


def read_case_studies(site: Path) -> list[dict]:
    package = Package(site / "exports" / "datapackage.json")
    return package.get_resource("case-studies").read_rows()


def test_the_case_study_table_gives_every_published_case_study_and_every_saving(site, hub):
    rows = read_case_studies(site)
    expected = sum(max(1, len(cs.savings)) for cs in hub.case_studies.values())
    assert len(rows) == expected
    assert {row["slug"] for row in rows} == set(hub.case_studies)
    assert not {cs.slug for cs in hub.drafts} & {row["slug"] for row in rows}
    by_kind = {}
    for row in rows:
        if row["saving_amount"] is not None:
            key = (row["saving_type"], row["saving_status"], row["saving_basis"])
            by_kind[key] = by_kind.get(key, 0) + row["saving_amount"]
    independent = {}
    for cs in hub.case_studies.values():
        for saving in cs.savings:
            key = (saving.type, saving.status, saving.basis)
            independent[key] = independent.get(key, 0) + saving.amount
    assert by_kind == independent
    for row in rows:
        cs = hub.case_studies[row["slug"]]
        assert row["area"] == cs.area and (row["authorities"] or "").split(";") == (cs.authorities or [""])
        assert row["themes"].split(";") == cs.themes and row["published"] == cs.published
        assert row["investment"] == cs.investment  # None where the source states none: unknown, not 0
        assert row["source_document"] == cs.source.document
        if row["saving_number"]:
            assert row["saving_quote"] == cs.savings[row["saving_number"] - 1].quote


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
    repo.write("data/datasets/test-grants.yaml", DATASET)
    hub = build_hub(repo.root, TODAY)
    site = tmp_path / "site"
    write_exports(hub, site)
    write_datapackage(hub, site, "Test hub", "https://hub.example.org/")
    return hub, site


def test_a_small_hub_package_keeps_unknowns_unknown_and_types_every_column(tmp_path):
    hub, site = small_hub(tmp_path)
    report = validate(site / "exports" / "datapackage.json")
    assert report.valid, problems_in(report)
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


def test_the_datasets_page_links_the_package_and_explains_it(site):
    html = (site / "datasets" / "index.html").read_text(encoding="utf-8")
    assert 'href="../exports/datapackage.json">Frictionless Data Package</a>' in html
    assert 'href="../exports/case-studies.csv"' in html
    note = html[html.index('<p class="hub-datapackage">'):]
    assert note[:note.index("</p>")].count(". ") + 1 == 2  # two sentences
