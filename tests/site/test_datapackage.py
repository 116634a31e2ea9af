"""The open data as a Frictionless Data Package: every published CSV described, typed, sourced, and valid."""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import Package, validate


def package_of(site: Path) -> dict:
    return json.loads((site / "exports" / "datapackage.json").read_text(encoding="utf-8"))


def test_the_real_package_validates_with_frictionless_data_and_all(site):
    report = validate(site / "exports" / "datapackage.json")
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])[:20]
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


def test_the_datasets_page_links_the_package_and_explains_it(site):
    html = (site / "datasets" / "index.html").read_text(encoding="utf-8")
    assert 'href="../exports/datapackage.json">Frictionless Data Package</a>' in html
    assert 'href="../exports/case-studies.csv"' in html
    note = html[html.index('<p class="hub-datapackage">'):]
    assert note[:note.index("</p>")].count(". ") + 1 == 2  # two sentences
