"""The figure-change report: two small hubs' key figures compared as a reviewer reads them on a pull request."""

from __future__ import annotations

import json

import pytest

from macros.cli.main import main
from macros.cli.figures import compare_figures, compare_league, describe_change, ordinal
from macros.figures.snapshot import compute_snapshot
from macros.figures.hub import build_hub

from tests.conftest import TODAY, VALID_FRONT_MATTER, Repo, with_saving_amount

SRP_DATASET = """\
id: srp-savings
title: SRP savings
partnership: em-iep
period: {{start: "2008", end: "2011"}}
source: {{document: EM IEP Board meeting pack, date: "2011-04-12"}}
columns:
  - {{id: sub_region, label: Sub-region, ref: sub_regions}}
  - {{id: delivered, label: Delivered savings, unit: GBP million}}
rows:
  - {{sub_region: nottinghamshire, delivered: 35.062}}
  - {{sub_region: leicestershire, delivered: {leicestershire}}}
stated_totals: {{delivered: {total}}}
"""


def case_study(authority: str, amount: int) -> str:
    return with_saving_amount(VALID_FRONT_MATTER, amount).replace(
        "authorities: [nottinghamshire-cc, nottingham-city]", f"authorities: [{authority}]")


def small_hub(root, blaby_saving: int, leicestershire: str, total: str, extra: bool = False) -> Repo:
    hub = Repo(root)
    hub.case_study("notts-software", case_study("nottinghamshire-cc", 677000))
    hub.case_study("blaby-software", case_study("blaby", blaby_saving))
    if extra:
        hub.case_study("city-software", case_study("nottingham-city", 20000))
    hub.write("data/datasets/srp-savings.yaml", SRP_DATASET.format(leicestershire=leicestershire, total=total))
    return hub


@pytest.fixture
def two_hubs(tmp_path):
    base = small_hub(tmp_path / "base", 500000, "1.344", "36.406")
    head = small_hub(tmp_path / "head", 900000, "40.000", "75.062", extra=True)
    return base, head


def figures_of(repo: Repo) -> dict:
    return compute_snapshot(build_hub(repo.root, TODAY))


def test_report_names_league_moves_and_totals_that_changed(two_hubs):
    base, head = two_hubs
    report = compare_figures(figures_of(base), figures_of(head))
    assert report.startswith("## Figures this change moves\n")
    assert "- Case studies: 2 → 3 (+1)" in report
    assert "- Savings delivered, cashable, per year: £1.2m → £1.6m (+£420k)" in report
    assert ("- Authorities ranked by savings delivered: Blaby District Council 2nd → 1st; "
            "Nottinghamshire County Council 1st → 2nd; Nottingham City Council new at 3rd") in report
    assert ("- SRP savings — ranked by Delivered savings: Leicester, Leicestershire and Rutland 2nd → 1st; "
            "Nottinghamshire 1st → 2nd") in report
    assert "- SRP savings — total Delivered savings: £36.406m → £75.062m (+£38.656m)" in report
    assert "- Blaby District Council: case studies" not in report  # counts that did not move are left out
    sections = [line for line in report.splitlines() if line.startswith("### ")]
    assert sections[:2] == ["### Headline figures", "### League positions"]


def test_report_says_so_when_nothing_moved(two_hubs):
    base, _ = two_hubs
    figures = figures_of(base)
    assert "No figure changes" in compare_figures(figures, json.loads(json.dumps(figures)))


def test_figures_cover_counts_savings_by_basis_entities_datasets_and_leagues(two_hubs):
    base, _ = two_hubs
    figures = figures_of(base)
    values = {key: figure["value"] for key, figure in figures["figures"].items()}
    assert values["headline/case_studies"] == 2
    assert values["savings/delivered/per-year"] == 1177000 and values["savings/forecast/one-off"] == 0
    assert values["headline/delivered/cashable/per-year"] == 1177000
    assert values["headline/delivered/income/per-year"] == 0 and "headline/delivered" not in values
    assert values["partnership/em-iep/delivered/per-year"] == 1177000
    assert values["theme/procurement/case_studies"] == 2
    assert values["sub_region/leicestershire/delivered/per-year"] == 500000
    assert values["authority/blaby/case_studies"] == 1
    assert values["dataset/srp-savings/delivered"] == 36.406
    league = figures["leagues"]["league/sub_region/delivered"]["entries"]
    assert [(e["id"], e["rank"], e["value"]) for e in league] == [("nottinghamshire", 1, 677000), ("leicestershire", 2, 500000)]
    shared = figures["leagues"]["league/authority/delivered/equal-share"]["entries"]
    assert [(e["id"], e["value"]) for e in shared] == [("nottinghamshire-cc", 677000), ("blaby", 500000)]


@pytest.mark.parametrize("rank, tied, text", [(1, False, "1st"), (2, False, "2nd"), (3, True, "=3rd"), (4, False, "4th"),
                                              (11, False, "11th"), (12, False, "12th"), (13, False, "13th"),
                                              (21, False, "21st"), (102, False, "102nd")])
def test_ranks_read_as_ordinals(rank, tied, text):
    assert ordinal(rank, tied) == text


@pytest.mark.parametrize("old, new, kind, unit, text", [
    (42_000_000, 42_300_000, "money", None, "£42.0m → £42.3m (+£300k)"),
    (42_000_000, 42_010_000, "money", None, "£42,000,000 → £42,010,000 (+£10,000)"),  # too close to show compact
    (0, 677_000, "money", None, "£0 → £677k (+£677k)"),
    (103, 101, "count", None, "103 → 101 (−2)"),
    (42.002, 42.302, "number", "GBP million", "£42.002m → £42.302m (+£0.3m)"),
    (None, 5, "number", "count", "unknown → 5"),
    (1.5, 2.25, "ratio", None, "£1.50 per £1 → £2.25 per £1"),
])
def test_a_change_is_described_with_its_unit_and_difference(old, new, kind, unit, text):
    assert describe_change(old, new, kind, unit) == text


def test_an_entity_leaving_a_league_is_reported():
    base = {"entries": [{"id": "a", "name": "A", "rank": 1, "tied": False, "value": 2},
                        {"id": "b", "name": "B", "rank": 2, "tied": False, "value": 1}]}
    head = {"entries": [{"id": "a", "name": "A", "rank": 1, "tied": False, "value": 2}]}
    assert compare_league(base, head) == ["B left the table (was 2nd)"]


def test_long_league_moves_are_cut_short_with_a_count():
    base = {"label": "L", "entries": [{"id": str(i), "name": f"N{i}", "rank": i, "tied": False, "value": -i}
                                      for i in range(1, 11)]}
    head = {"label": "L", "entries": [{**e, "rank": 11 - e["rank"]} for e in base["entries"]]}
    report = compare_figures({"leagues": {"x": base}}, {"leagues": {"x": head}})
    assert report.count("→") == 6 and "; and 4 more" in report


def test_figures_and_compare_commands_write_json_and_print_markdown(two_hubs, tmp_path, capsys):
    base, head = two_hubs
    assert main(["--root", str(base.root), "figures", "--output", str(tmp_path / "base.json")]) == 0
    assert main(["--root", str(head.root), "figures", "--output", str(tmp_path / "head.json")]) == 0
    assert json.loads((tmp_path / "head.json").read_text())["figures"]["headline/case_studies"]["value"] == 3
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "base.json"), str(tmp_path / "head.json")]) == 0
    assert "Blaby District Council 2nd → 1st" in capsys.readouterr().out


def test_compare_without_base_figures_says_so_instead_of_failing(two_hubs, tmp_path, capsys):
    _, head = two_hubs
    main(["--root", str(head.root), "figures", "--output", str(tmp_path / "head.json")])
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "missing.json"), str(tmp_path / "head.json")]) == 0
    assert "The base branch's figures could not be computed" in capsys.readouterr().out


def test_figures_of_a_hub_with_problems_fail_with_the_problems(repo, capsys):
    repo.case_study("broken", VALID_FRONT_MATTER.replace("type: cashable", "type: cash"))
    assert main(["--root", str(repo.root), "figures"]) == 1
    assert "savings[0].type: 'cash' is not allowed" in capsys.readouterr().err


def test_crediting_a_saving_to_one_of_its_councils_moves_only_that_councils_figures(tmp_path):
    """The figure-change report follows `attribution`: narrowing a saving to the council the source gives it for
    takes it out of the other council's league entry and sub-region's figures."""
    both = VALID_FRONT_MATTER.replace("authorities: [nottinghamshire-cc, nottingham-city]",
                                      "authorities: [nottinghamshire-cc, blaby]")
    base, head = Repo(tmp_path / "base"), Repo(tmp_path / "head")
    base.case_study("joint-software", both)
    head.case_study("joint-software", both.replace('    quote: "saving £677k a year on licences"\n',
                                                   '    quote: "saving £677k a year on licences"\n'
                                                   '    authorities: [blaby]\n'))
    before, after = figures_of(base), figures_of(head)

    def league(figures, key):
        return {entry["id"]: entry["value"] for entry in figures["leagues"][key]["entries"]}

    assert league(before, "league/authority/delivered") == {"blaby": 677000, "nottinghamshire-cc": 677000}
    assert league(after, "league/authority/delivered") == {"blaby": 677000}
    assert league(after, "league/sub_region/delivered/equal-share") == {"leicestershire": 677000}
    assert "sub_region/nottinghamshire/delivered/per-year" in before["figures"]
    assert "sub_region/nottinghamshire/delivered/per-year" not in after["figures"]
    assert after["figures"]["sub_region/nottinghamshire/case_studies"]["value"] == 1  # still names the council
    report = compare_figures(before, after)
    assert "Nottinghamshire County Council left the table" in report
