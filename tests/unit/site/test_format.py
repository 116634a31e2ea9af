"""Money, numbers and dates in words (site/format.py): the one money rule, and dataset values as printed."""

from __future__ import annotations

import pytest

from macros.site.format import format_money, format_value


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
