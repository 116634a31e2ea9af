"""Savings by basis, status and kind (figures/savings.py)."""

from __future__ import annotations

from macros.figures.savings import summarise_savings

from .test_leagues import CASES, frames


def test_savings_summary_keeps_bases_apart():
    frame, savings = frames(CASES)
    table, _ = summarise_savings(savings)
    assert table.at["per-year", "delivered"] == 1_000_000
    assert table.at["one-off", "delivered"] == 100_000
    assert table.at["per-year", "forecast"] == 900_000
