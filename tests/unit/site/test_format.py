"""Money, numbers and dates in words (site/format.py): the one money rule, dataset values as printed, and the
age of a case study's figures beside its days on the hub."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from macros.content import models
from macros.site.format import describe_dates, describe_period, format_money, format_partial_date, format_value
from macros.site.html.text import render_source_line


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


@pytest.mark.parametrize("date, expected", [("2011-04-12", "12 April 2011"), ("2011-04", "April 2011"),
                                            ("2011", "2011"), ("2009-01-05", "5 January 2009")])
def test_a_source_date_is_written_in_words_as_precisely_as_it_is_given(date, expected):
    assert format_partial_date(date) == expected


@pytest.mark.parametrize("document, date, section, expected", [
    ("Board pack, 12 April 2011", "2011-04-12", "Item 6", "<cite>Board pack, 12 April 2011</cite>, Item 6"),
    ("Board pack", "2011-04-12", "Item 6", "<cite>Board pack</cite>, 12 April 2011, Item 6"),
    ("Annual report, year 2 (2009/10)", "2010", None, "<cite>Annual report, year 2 (2009/10)</cite>, 2010"),
    ("Annual report 2010", "2010", None, "<cite>Annual report 2010</cite>"),
    ("Revenues & benefits update", "2013-03", None, "<cite>Revenues &amp; benefits update</cite>, March 2013"),
])
def test_a_source_line_gives_its_date_once_and_in_words(document, date, section, expected):
    source = models.SourceRef.model_validate({"document": document, "date": date, "section": section})
    assert render_source_line(source) == expected


@pytest.mark.parametrize("date, updated, expected", [
    ("2011-04-12", None, ["figures reported 12 April 2011", "added to the hub 22 November 2026"]),
    ("2011-04", "2026-12-01", ["figures reported April 2011", "updated on the hub 1 December 2026"]),
    ("2010", None, ["figures reported 2010", "added to the hub 22 November 2026"]),
])
def test_a_listing_gives_the_age_of_the_figures_beside_the_day_the_hub_added_or_updated_them(date, updated, expected):
    cs = SimpleNamespace(source=SimpleNamespace(date=date), published=dt.date(2026, 11, 22),
                         updated=dt.date.fromisoformat(updated) if updated else None)
    assert describe_dates(cs) == expected


@pytest.mark.parametrize(("start", "end", "words"), [
    ("2009", "2011", "2009 to 2011"),
    ("2010-04", None, "from April 2010"),
    ("2010-04", "2011-03", "April 2010 to March 2011"),
])
def test_a_period_reads_in_words_as_precisely_as_its_source(start, end, words):
    assert describe_period(models.Period(start=start, end=end)) == words
