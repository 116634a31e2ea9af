"""League tables: ranks and ties, evidence rules, credit only to the councils a case study names (full or equal
share), and what the rows add up to beside the total."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.figures.frames import case_study_frame, savings_frame

from macros.figures import leagues

from macros.content import models

from tests.conftest import REGISTERS

MODELS = {"authorities": models.Authority, "regions": models.Region, "sub_regions": models.SubRegion,
          "partnerships": models.Partnership, "themes": models.Theme, "programmes": models.Programme}
REGISTER_MODELS = {name: {item["id"]: MODELS[name].model_validate(item) for item in items}
                   for name, items in REGISTERS.items()}


def case_study(slug, partnership, themes, authorities=(), area=None, investment=None, savings=()):
    """A case study; each saving is (amount, type, status, basis) or that and the councils it is credited to."""
    return models.CaseStudy.model_validate({
        "slug": f"study-{slug}", "title": f"Case study {slug}", "summary": "A summary long enough to be valid here.",
        "partnership": partnership, "authorities": list(authorities), "area": area, "themes": themes,
        "investment": investment, "published": "2026-01-01", "source": {"document": "Board pack", "date": "2011"},
        "savings": [{"amount": amount, "type": kind, "status": status, "basis": basis, "quote": f"saved {amount:,}",
                     **({"authorities": list(credited[0])} if credited else {})}
                    for amount, kind, status, basis, *credited in savings],
    }, context={"today": dt.date(2026, 11, 22)})


def frames(case_studies):
    """The case-study and savings frames of `(slug, partnership, themes, investment, savings)` tuples, or of case
    studies, built as the Hub builds them (so the one attribution rule applies)."""
    studies = [cs if isinstance(cs, models.CaseStudy) else
               case_study(cs[0], cs[1], cs[2], ["blaby"], investment=cs[3], savings=cs[4]) for cs in case_studies]
    return (case_study_frame(studies, REGISTER_MODELS),
            savings_frame(studies, REGISTER_MODELS["authorities"]))


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
    assert league.left_out == ("p2", "p4")  # p2 states no investment; p4 delivered nothing
    assert "left out, never shown as 0" in league.rule
    assert league.left_out_reason() == ("none of their case studies states both an investment and a delivered "
                                        "saving, so no return on investment can be worked out for them")


@pytest.mark.parametrize("entity, metric, basis, minimum, reason", [
    ("partnership", "delivered", "total", 1, "none of its case studies reports a delivered total over a period"),
    ("theme", "forecast", "per-year", 2, "fewer than 2 of its case studies report a forecast saving a year"),
    ("authority", "delivered", "all", 1, "no delivered saving is credited to it"),
    ("sub_region", "cashable_share", "one-off", 1,
     "no delivered one-off saving is credited to it, so there is no cashable share to work out"),
    ("authority", "roi", "all", 1, "none of its case studies states both an investment and a delivered saving "
                                   "credited wholly to it, so no return on investment can be worked out for it"),
    ("theme", "case_studies", "all", 3, "it has fewer than 3 case studies"),
])
def test_a_league_says_in_plain_words_why_an_entity_has_no_row(entity, metric, basis, minimum, reason):
    assert leagues.describe_missing_evidence(entity, metric, basis, minimum, one=True) == reason


def test_the_entities_left_out_are_those_in_scope_without_the_evidence():
    frame, savings = frames(CASES)
    league = leagues.compute_league_table(frame, savings, "theme", "delivered", basis="one-off")
    assert values(league) == {"shared-services": 100_000}
    assert league.left_out == ("housing", "procurement")


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
    assert "Area-wide work, whose source names no council, and savings the source gives for an area as a whole are " \
        "credited to none" in league.rule


def test_an_equal_share_can_change_the_order_and_adds_up_to_what_is_credited():
    frame, savings = frames(NAMED)
    full = leagues.compute_league_table(frame, savings, "authority", "delivered")
    shared = leagues.compute_league_table(frame, savings, "authority", "delivered", credit="equal-share")
    assert full.order()[0][0] == "nottinghamshire-cc" and shared.order()[0][0] == "blaby"
    assert full.overlaps and not shared.overlaps
    assert shared.rows_total == pytest.approx(1_350_000)  # every named council's share, each saving once
    assert "split equally among the councils it is credited to" in shared.rule


def test_an_equal_share_applies_only_to_savings_by_council_or_sub_region():
    frame, savings = frames(NAMED)
    with pytest.raises(ValueError):
        leagues.compute_league_table(frame, savings, "theme", "delivered", credit="equal-share")
    with pytest.raises(ValueError):
        leagues.compute_league_table(frame, savings, "authority", "roi", credit="equal-share")


# One case study naming three councils in two sub-regions, each saving the source's for some of them only.
PER_SAVING = [
    case_study("bids", "em-iep", ["procurement"], ["nottinghamshire-cc", "nottingham-city", "blaby"],
               area="east-midlands", investment=100_000, savings=[
                   (600_000, "cashable", "delivered", "per-year", ["blaby"]),
                   (300_000, "unstated", "delivered", "per-year", ["nottinghamshire-cc", "nottingham-city"]),
                   (4_000_000, "unstated", "delivered", "per-year", []),   # the area's as a whole
                   (90_000, "cashable", "delivered", "per-year")]),        # every council named
    case_study("notts-alone", "em-iep", ["procurement"], ["nottinghamshire-cc"], investment=50_000,
               savings=[(200_000, "cashable", "delivered", "per-year")]),
]


@pytest.mark.parametrize("entity, credit, expected", [
    ("authority", "full", {"blaby": 690_000, "nottinghamshire-cc": 590_000, "nottingham-city": 390_000}),
    ("authority", "equal-share", {"blaby": 630_000, "nottinghamshire-cc": 380_000, "nottingham-city": 180_000}),
    ("sub_region", "full", {"nottinghamshire": 590_000, "leicestershire": 690_000}),
    ("sub_region", "equal-share", {"nottinghamshire": 560_000, "leicestershire": 630_000}),
])
def test_a_saving_counts_only_for_the_councils_it_is_credited_to(entity, credit, expected):
    frame, savings = frames(PER_SAVING)
    league = leagues.compute_league_table(frame, savings, entity, "delivered", credit=credit)
    assert values(league) == expected
    assert league.scope_total == 5_190_000 and league.uncounted == 4_000_000  # the area's saving is in no row
    assert "credited to each council" in league.rule or "credited to the councils of each sub-region" in league.rule


def test_a_council_named_but_credited_no_saving_still_counts_the_case_study_it_is_named_in():
    frame, savings = frames(PER_SAVING[:1] + [case_study(
        "city-named", "em-iep", ["procurement"], ["nottingham-city", "blaby"],
        savings=[(70_000, "cashable", "delivered", "one-off", ["blaby"])])])
    counts = leagues.compute_league_table(frame, savings, "authority", "case_studies")
    assert values(counts) == {"blaby": 2, "nottingham-city": 2, "nottinghamshire-cc": 1}
    one_off = leagues.compute_league_table(frame, savings, "authority", "delivered", basis="one-off")
    assert values(one_off) == {"blaby": 70_000}


def test_return_on_investment_by_council_counts_only_case_studies_whose_savings_are_all_its_own():
    frame, savings = frames(PER_SAVING)
    league = leagues.compute_league_table(frame, savings, "authority", "roi")
    assert values(league) == {"nottinghamshire-cc": 4.0}  # notts-alone: 200,000 / 50,000; bids is split
    assert "whose delivered savings are all credited to it" in league.rule
    share = leagues.compute_league_table(frame, savings, "authority", "cashable_share")
    assert {k: round(v, 4) for k, v in values(share).items()} == {
        "blaby": 1.0, "nottinghamshire-cc": round(290_000 / 590_000, 4), "nottingham-city": round(90_000 / 390_000, 4)}
