"""The one money-formatting rule and other fragments."""

from __future__ import annotations

import pytest

from macros.site.exports import neutralise_cell
from macros.site.format import format_money, format_value
from macros.site.urls import link


@pytest.mark.parametrize("amount, exact, expected", [
    (42_002_000, False, "£42.0m"),
    (677_000, False, "£677k"),
    (2_103_290, True, "£2,103,290"),
    (2_103_290, False, "£2.1m"),
    (9_500, False, "£9,500"),
    (None, False, "unknown"),
    (float("nan"), False, "unknown"),
    (0, False, "£0"),
])
def test_money_is_formatted_by_one_rule(amount, exact, expected):
    assert format_money(amount, exact=exact) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (52.0, "GBP million", "52.0"), (3479, "GBP thousand", "3,479"), (None, "count", "unknown"), ("Procurement", None, "Procurement"),
])
def test_dataset_values_keep_their_printed_precision(value, unit, expected):
    assert format_value(value, unit) == expected


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 115", "'+44 115"), ("-cmd", "'-cmd"), ("@import", "'@import"),
    ("Procurement", "Procurement"), (-5, -5), (3.2, 3.2),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected


def test_links_between_generated_pages_are_relative():
    assert link("case-studies/a.md", "themes/b.md") == "../themes/b.md"
    assert link("case-studies/index.md", "case-studies/a.md") == "a.md"
