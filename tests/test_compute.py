"""Figures: reconciliation within printed rounding, unknowns, savings bases, league tables."""

from __future__ import annotations

import pandas as pd
import pytest

from macros import compute, models


def dataset(rows, stated=None, discrepancies=()):
    return models.Dataset.model_validate({
        "id": "test-data", "title": "Test dataset", "partnership": "em-iep", "period": {"start": "2008"},
        "source": {"document": "A report", "date": "2010"},
        "columns": [{"id": "name", "label": "Name"}, {"id": "amount", "label": "Amount", "unit": "GBP million"}],
        "rows": [{"name": f"row {i}", "amount": v} for i, v in enumerate(rows)],
        "stated_totals": {"amount": stated} if stated is not None else {},
        "discrepancies": list(discrepancies),
    })


@pytest.mark.parametrize("rows, stated, status", [
    ([3.890, 4.237, 3.982, 3.545, 3.731], 19.385, "agrees"),
    ([1.1, 2.2, 3.3], 6.6, "agrees"),
    ([1.14, 2.24, 3.34], 6.7, "agrees"),          # rows rounded to 0.01, total to 0.1: within printed rounding
    ([1.1, 2.2, 3.3], 6.8, "agrees"),           # 1.15 + 2.25 + 3.35 = 6.75 prints as 6.8
    ([1.1, 2.2, 3.3], 6.9, "mismatch"),
    ([52.0, 16.0, 8.6, 350.0, 0.3, 16.1, 3.0, None], 96.0, "mismatch"),
    ([1.0, None, 2.0], 5.0, "agrees"),             # unknowns may make up the rest: at least 3.0
    ([4.0, None, 2.0], 5.0, "mismatch"),           # known values already exceed the total
])
def test_stated_totals_are_reconciled_within_printed_precision(rows, stated, status):
    (check,) = compute.reconcile_dataset(dataset(rows, stated))
    assert check.status == status


def test_a_recorded_discrepancy_is_shown_not_failed():
    explained = dataset([52.0, 350.0], 52.0, [{"column": "amount", "explanation": "Total leaves out the national project."}])
    (check,) = compute.reconcile_dataset(explained)
    assert check.status == "discrepancy" and check.explanation.startswith("Total leaves out")


def test_unknown_values_are_counted_not_zeroed():
    (check,) = compute.reconcile_dataset(dataset([1.5, None, None]))
    assert check.computed == 1.5 and check.unknown == 2 and check.stated is None


@pytest.mark.parametrize("value, places", [(3.89, 2), (52.0, 1), (19.385, 3), (3479, 0), (0.3, 1)])
def test_decimals_are_read_as_printed(value, places):
    assert compute.decimals(value) == places


def frames(case_studies):
    """A case-study frame and a savings frame from compact tuples."""
    rows, savings = [], []
    for slug, partnership, themes, investment, entries in case_studies:
        rows.append({"slug": slug, "title": slug, "partnership": partnership, "programme": None, "year": 2011,
                     "themes": frozenset(themes), "authorities": frozenset(), "sub_regions": frozenset(),
                     "authority_types": frozenset(), "regions": frozenset(), "investment": investment,
                     "has_delivered": True, "largest_saving": 0})
        for amount, kind, status, basis in entries:
            savings.append({"slug": slug, "amount": amount, "type": kind, "status": status, "basis": basis,
                            "years": None, "note": None})
    frame = pd.DataFrame(rows).set_index("slug", drop=False)
    return frame, pd.DataFrame(savings, columns=["slug", "amount", "type", "status", "basis", "years", "note"])


CASES = [
    ("a", "p1", ["procurement"], 100_000, [(500_000, "cashable", "delivered", "per-year")]),
    ("b", "p2", ["procurement", "shared-services"], None, [(500_000, "cashable", "delivered", "per-year"),
                                                           (900_000, "cashable", "forecast", "per-year")]),
    ("c", "p3", ["shared-services"], 50_000, [(100_000, "non-cashable", "delivered", "one-off")]),
    ("d", "p4", ["housing"], 10_000, []),
]


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    frame, savings = frames(CASES)
    league = compute.compute_league_table(frame, savings, "partnership", "delivered")
    assert list(zip(league.table["id"], league.table["rank"], league.table["tied"])) == [
        ("p1", 1, True), ("p2", 1, True), ("p3", 3, False)]


def test_return_on_investment_needs_a_stated_investment():
    frame, savings = frames(CASES)
    league = compute.compute_league_table(frame, savings, "partnership", "roi")
    assert dict(zip(league.table["id"], league.table["value"])) == {"p1": 5.0, "p3": 2.0}
    assert league.excluded == 2  # p2 states no investment; p4 delivered nothing
    assert "left out, never shown as 0" in league.rule


def test_forecasts_are_never_counted_as_delivered():
    frame, savings = frames(CASES)
    delivered = compute.compute_league_table(frame, savings, "theme", "delivered")
    forecast = compute.compute_league_table(frame, savings, "theme", "forecast")
    assert dict(zip(delivered.table["id"], delivered.table["value"])) == {"procurement": 1_000_000, "shared-services": 600_000}
    assert dict(zip(forecast.table["id"], forecast.table["value"])) == {"procurement": 900_000, "shared-services": 900_000}


def test_one_basis_can_be_ranked_alone():
    frame, savings = frames(CASES)
    league = compute.compute_league_table(frame, savings, "theme", "delivered", basis="one-off")
    assert dict(zip(league.table["id"], league.table["value"])) == {"shared-services": 100_000}
    assert "one-off amounts only" in league.rule


def test_cashable_share_and_counts():
    frame, savings = frames(CASES)
    share = compute.compute_league_table(frame, savings, "theme", "cashable_share")
    assert dict(zip(share.table["id"], share.table["value"].round(3))) == {"procurement": 1.0, "shared-services": 0.833}
    counts = compute.compute_league_table(frame, savings, "theme", "case_studies")
    assert dict(zip(counts.table["id"], counts.table["value"])) == {"procurement": 2, "shared-services": 2, "housing": 1}


def test_minimum_evidence_rule_leaves_out_thin_entries():
    frame, savings = frames(CASES)
    league = compute.compute_league_table(frame, savings, "theme", "delivered", min_case_studies=2)
    assert list(league.table["id"]) == ["procurement", "shared-services"]


def test_savings_summary_keeps_bases_apart():
    frame, savings = frames(CASES)
    table = compute.summarise_savings(savings)
    assert table.at["per-year", "delivered"] == 1_000_000
    assert table.at["one-off", "delivered"] == 100_000
    assert table.at["per-year", "forecast"] == 900_000
