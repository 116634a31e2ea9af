"""Figures, amounts and dates in words, as every page, feed and export shows them: plain text, escaped by whoever
puts it in HTML or Markdown.

Money follows one rule everywhere (see `format_money`):
- an amount a source states is shown in full: `£2,103,290`;
- a computed total or league figure is shown compact: `£42.0m` from a million up (one decimal),
  `£677k` from ten thousand up (whole thousands), otherwise in full;
- an unknown amount is shown as "unknown", never as £0.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..content import models
from ..figures.reconciliation import decimals
from ..figures.savings import BASIS_LABELS, delivered_by_basis

UNKNOWN = "unknown"
UNIT_LABELS = {"GBP": "£", "GBP thousand": "£000", "GBP million": "£m", "count": "number",
               "percent": "%", "score": "score", "ratio": "ratio", "rank": "rank", "rate": "rate"}
# A basis in words, after an amount ("£677k a year"), and as a kind of amount ("amounts a year").
BASIS_AFTER_AMOUNT = {"per-year": "a year", "one-off": "one-off", "total": "in totals over a period"}
BASIS_AMOUNTS = {"per-year": "amounts a year", "one-off": "one-off amounts", "total": "totals over a period"}


def format_money(amount, exact: bool = False) -> str:
    """`£2,103,290` (exact) or `£42.0m` / `£677k` (compact); None is 'unknown'."""
    if amount is None or (isinstance(amount, float) and pd.isna(amount)):
        return UNKNOWN
    amount = float(amount)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if not exact and amount >= 1_000_000:
        return f"{sign}£{amount / 1_000_000:,.1f}m"
    if not exact and amount >= 10_000:
        return f"{sign}£{amount / 1_000:,.0f}k"
    return f"{sign}£{amount:,.0f}"


def format_number(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def format_value(value, unit: str | None) -> str:
    """A dataset cell as the source printed it, in its column's unit (given in the heading)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return UNKNOWN
    if unit is None:
        return str(value)
    if isinstance(value, float):
        return format_number(value, decimals(value))
    return f"{value:,}"


def format_in_unit(value, unit: str | None) -> str:
    """A dataset figure with its unit, money through the one money rule: '£1.2m', '52.5%', '1,204'."""
    if value is None:
        return UNKNOWN
    if unit in models.UNIT_SCALE:
        return format_money(value * models.UNIT_SCALE[unit])
    if unit == "percent":
        return f"{value:g}%"
    return format_number(value, decimals(value))


def format_return(value: float) -> str:
    """Pounds for each pound put in: '£2.40 per £1'."""
    return f"£{value:,.2f} per £1"


def format_metric(value: float, metric: str) -> str:
    """A league's figure: money compact, a return as pounds per pound, a share as a percentage, a count whole."""
    if metric in ("delivered", "forecast") or metric.startswith("GBP"):
        return format_money(value)
    if metric == "roi":
        return f"£{value:,.2f}"
    if metric in ("cashable_share", "share"):
        return f"{value:.0%}"
    if metric == "case_studies":
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def format_date(day: dt.date) -> str:
    """'1 December 2026': the day without a leading zero, on every platform (strftime's %-d is glibc's only)."""
    return f"{day.day} {day:%B %Y}"


def format_partial_date(text: str) -> str:
    """A date as precise as its source gives it: '2011-04-12' is '12 April 2011', '2011-04' 'April 2011', '2011'
    '2011'."""
    parts = [int(part) for part in str(text).split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts))
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B} {parts[0]}"
    return str(parts[0])


def describe_period(period: models.Period) -> str:
    """A period in words, as precise as its source: '2009 to 2011', 'from April 2010', 'April 2010 to March 2011'."""
    start = format_partial_date(period.start)
    return f"{start} to {format_partial_date(period.end)}" if period.end else f"from {start}"


def describe_reported(cs: models.CaseStudy) -> str:
    """When its figures were reported, as precisely as its source is dated: 'figures reported April 2011'."""
    return f"figures reported {format_partial_date(cs.source.date)}"


def describe_on_hub(cs: models.CaseStudy) -> str:
    """When the hub added it, or last updated it: 'added to the hub 22 November 2026'."""
    if cs.updated:
        return f"updated on the hub {format_date(cs.updated)}"
    return f"added to the hub {format_date(cs.published)}"


def describe_dates(cs: models.CaseStudy) -> list[str]:
    """A listed case study's two dates, the age of its figures first: readers judge a figure by when it was
    reported, not by when the hub added it."""
    return [describe_reported(cs), describe_on_hub(cs)]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def years_words(years: int) -> str:
    return f"{years} year{'' if years == 1 else 's'}"


def describe_saving(saving: models.Saving) -> str:
    """A saving as stated: '£677,000 a year', '£1,200,000 in total over 3 years'."""
    basis = {"one-off": "one-off", "per-year": "a year",
             "total": f"in total over {years_words(saving.years)}" if saving.years else "in total"}[saving.basis]
    return f"{format_money(saving.amount, exact=True)} {basis}"


def describe_basis(saving: models.Saving) -> str:
    """A saving's basis as a savings table heads it: 'Per year', 'Total over a period (3 years)'."""
    return BASIS_LABELS[saving.basis] + (f" ({years_words(saving.years)})" if saving.years else "")


def describe_delivered(savings: list[models.Saving]) -> str:
    """Delivered savings in a listing, each basis apart: '£677k a year, £50,000 one-off delivered'."""
    parts = [f"{format_money(amount)} {BASIS_AFTER_AMOUNT[basis]}" for basis, amount in delivered_by_basis(savings).items()]
    return ", ".join(parts) + " delivered" if parts else ""


def describe_column(column: models.Column) -> str:
    """A dataset column's heading, with its unit: 'Savings delivered (£000)'."""
    unit = UNIT_LABELS.get(column.unit or "", "")
    return f"{column.label} ({unit})" if unit and unit not in ("number",) else column.label
