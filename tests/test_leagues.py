"""League tables: ranks and ties, evidence rules, credit only to the councils a case study names (full or equal
share), and what the rows add up to beside the total."""

from __future__ import annotations

import datetime as dt

import pytest

from macros import compute, leagues, models

from .conftest import REGISTERS

MODELS = {"authorities": models.Authority, "regions": models.Region, "sub_regions": models.SubRegion,
          "partnerships": models.Partnership, "themes": models.Theme, "programmes": models.Programme}
REGISTER_MODELS = {name: {item["id"]: MODELS[name].model_validate(item) for item in items}
                   for name, items in REGISTERS.items()}


def case_study(slug, partnership, themes, authorities=(), area=None, investment=None, savings=()):
    return models.CaseStudy.model_validate({
        "slug": f"study-{slug}", "title": f"Case study {slug}", "summary": "A summary long enough to be valid here.",
        "partnership": partnership, "authorities": list(authorities), "area": area, "themes": themes,
        "investment": investment, "published": "2026-01-01", "source": {"document": "Board pack", "date": "2011"},
        "savings": [{"amount": amount, "type": kind, "status": status, "basis": basis, "quote": f"saved {amount:,}"}
                    for amount, kind, status, basis in savings],
    }, context={"today": dt.date(2026, 11, 22)})


def frames(case_studies):
    """The case-study and savings frames of `(slug, partnership, themes, investment, savings)` tuples, or of case
    studies, built as the Hub builds them (so the one attribution rule applies)."""
    studies = [cs if isinstance(cs, models.CaseStudy) else
               case_study(cs[0], cs[1], cs[2], ["blaby"], investment=cs[3], savings=cs[4]) for cs in case_studies]
    return compute.case_study_frame(studies, REGISTER_MODELS), compute.savings_frame(studies)


CASES = [
    ("a", "p1", ["procurement"], 100_000, [(500_000, "cashable", "delivered", "per-year")]),
    ("b", "p2", ["procurement", "shared-services"], None, [(500_000, "cashable", "delivered", "per-year"),
                                                           (900_000, "cashable", "forecast", "per-year")]),
    ("c", "p3", ["shared-services"], 50_000, [(100_000, "non-cashable", "delivered", "one-off")]),
    ("d", "p4", ["housing"], 10_000, []),
]


def values(league) -> dict:
    return dict(zip(league.table["id"], league.table["value"].round(6)))


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    frame, savings = frames(CASES)
    league = leagues.compute_league_table(frame, savings, "partnership", "delivered")
    assert list(zip(league.table["id"], league.table["rank"], league.table["tied"])) == [
        ("p1", 1, True), ("p2", 1, True), ("p3", 3, False)]


def test_return_on_investment_needs_a_stated_investment():
    frame, savings = frames(CASES)
    league = leagues.compute_league_table(frame, savings, "partnership", "roi")
    assert values(league) == {"p1": 5.0, "p3": 2.0}
    assert league.excluded == 2  # p2 states no investment; p4 delivered nothing
    assert "left out, never shown as 0" in league.rule


def test_forecasts_are_never_counted_as_delivered():
    frame, savings = frames(CASES)
    delivered = leagues.compute_league_table(frame, savings, "theme", "delivered")
    forecast = leagues.compute_league_table(frame, savings, "theme", "forecast")
    assert values(delivered) == {"procurement": 1_000_000, "shared-services": 600_000}
    assert values(forecast) == {"procurement": 900_000, "shared-services": 900_000}


def test_one_basis_can_be_ranked_alone():
    frame, savings = frames(CASES)
    league = leagues.compute_league_table(frame, savings, "theme", "delivered", basis="one-off")
    assert values(league) == {"shared-services": 100_000}
    assert "one-off amounts only" in league.rule


def test_cashable_share_and_counts():
    frame, savings = frames(CASES)
    share = leagues.compute_league_table(frame, savings, "theme", "cashable_share")
    assert {k: round(v, 3) for k, v in values(share).items()} == {"procurement": 1.0, "shared-services": 0.833}
    counts = leagues.compute_league_table(frame, savings, "theme", "case_studies")
    assert values(counts) == {"procurement": 2, "shared-services": 2, "housing": 1}


def test_minimum_evidence_rule_leaves_out_thin_entries():
    frame, savings = frames(CASES)
    league = leagues.compute_league_table(frame, savings, "theme", "delivered", min_case_studies=2)
    assert list(league.table["id"]) == ["procurement", "shared-services"]


def test_overlapping_rows_are_told_apart_from_the_total_each_counted_once():
    frame, savings = frames(CASES)
    themes = leagues.compute_league_table(frame, savings, "theme", "delivered")
    assert themes.rows_total == 1_600_000 and themes.scope_total == 1_100_000 and themes.overlaps
    partnerships = leagues.compute_league_table(frame, savings, "partnership", "delivered")
    assert partnerships.rows_total == partnerships.scope_total == 1_100_000 and not partnerships.overlaps
    counts = leagues.compute_league_table(frame, savings, "theme", "case_studies")
    assert counts.rows_total == 5 and counts.scope_total == 4 and counts.overlaps


# Two councils in Nottinghamshire, one in Leicestershire; area-wide work names none.
NAMED = [
    case_study("two-sub-regions", "em-iep", ["procurement"], ["nottinghamshire-cc", "blaby"],
               savings=[(600_000, "cashable", "delivered", "per-year")]),
    case_study("one-sub-region", "em-iep", ["procurement"], ["nottinghamshire-cc", "nottingham-city"],
               savings=[(400_000, "cashable", "delivered", "per-year")]),
    case_study("blaby-alone", "em-iep", ["procurement"], ["blaby"],
               savings=[(350_000, "cashable", "delivered", "per-year")]),
    case_study("region-wide", "em-iep", ["procurement"], area="east-midlands",
               savings=[(5_000_000, "cashable", "delivered", "per-year")]),
    case_study("notts-wide", "em-iep", ["procurement"], area="nottinghamshire",
               savings=[(2_000_000, "cashable", "delivered", "per-year")]),
]


@pytest.mark.parametrize("entity, credit, expected", [
    ("authority", "full", {"nottinghamshire-cc": 1_000_000, "blaby": 950_000, "nottingham-city": 400_000}),
    ("authority", "equal-share", {"nottinghamshire-cc": 500_000, "blaby": 650_000, "nottingham-city": 200_000}),
    ("sub_region", "full", {"nottinghamshire": 1_000_000, "leicestershire": 950_000}),
    ("sub_region", "equal-share", {"nottinghamshire": 700_000, "leicestershire": 650_000}),
])
def test_savings_are_credited_only_to_the_councils_named_in_full_or_in_equal_shares(entity, credit, expected):
    frame, savings = frames(NAMED)
    league = leagues.compute_league_table(frame, savings, entity, "delivered", credit=credit)
    assert values(league) == expected  # the £7m of area-wide work is in no row
    assert league.scope_total == 8_350_000 and league.uncounted == 7_000_000
    assert "Area-wide work, whose source names no council, is credited to none" in league.rule


def test_an_equal_share_can_change_the_order_and_adds_up_to_what_is_credited():
    frame, savings = frames(NAMED)
    full = leagues.compute_league_table(frame, savings, "authority", "delivered")
    shared = leagues.compute_league_table(frame, savings, "authority", "delivered", credit="equal-share")
    assert full.order()[0][0] == "nottinghamshire-cc" and shared.order()[0][0] == "blaby"
    assert full.overlaps and not shared.overlaps
    assert shared.rows_total == pytest.approx(1_350_000)  # every named council's share, each saving once
    assert "split equally among the councils its case study names" in shared.rule


def test_an_equal_share_applies_only_to_savings_by_council_or_sub_region():
    frame, savings = frames(NAMED)
    with pytest.raises(ValueError):
        leagues.compute_league_table(frame, savings, "theme", "delivered", credit="equal-share")
    with pytest.raises(ValueError):
        leagues.compute_league_table(frame, savings, "authority", "roi", credit="equal-share")
