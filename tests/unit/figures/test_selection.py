"""The one vocabulary of filters and sorts (figures/selection.py): every sort an old address names maps to one offered
now; "newest" means the newest figures (the day their source reported them), and the newest on the hub is a sort of
its own."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from macros.figures.selection import LEGACY_SORTS, SORTS, newest_first, sort_case_studies


def test_every_old_sort_value_maps_to_a_sort_offered_now():
    offered = list(SORTS)
    assert LEGACY_SORTS and all(new in offered and old not in offered for old, new in LEGACY_SORTS.items())


def study(title: str, reported: str, published: str = "2026-11-22", updated: str | None = None):
    """What a sort reads of a case study: its title, its source's date and its days on the hub."""
    return SimpleNamespace(title=title, source=SimpleNamespace(date=reported), savings=[],
                           published=dt.date.fromisoformat(published),
                           updated=dt.date.fromisoformat(updated) if updated else None)


def titles(case_studies) -> list[str]:
    return [cs.title for cs in case_studies]


def test_the_newest_figures_come_first_by_the_day_their_source_reported_them():
    case_studies = [study("Oldest", "2006"), study("April", "2011-04"), study("Twelfth of April", "2011-04-12"),
                    study("Newest", "2013-03-01", published="2020-01-01"), study("End of 2010", "2010-12-31",
                                                                                  published="2026-12-01")]
    assert titles(newest_first(case_studies)) == ["Newest", "Twelfth of April", "April", "End of 2010", "Oldest"]
    assert titles(sort_case_studies(case_studies, "newest")) == titles(newest_first(case_studies))


@pytest.mark.parametrize("first, second", [("A", "B"), ("B", "A")])
def test_a_source_dated_by_its_year_alone_sorts_as_the_first_day_of_that_year(first, second):
    """'2011' ties with 1 January 2011 (the title decides), comes after 2 January 2011 and before 31 December 2010."""
    case_studies = [study(first, "2011"), study(second, "2011-01-01"), study("Second of January", "2011-01-02"),
                    study("New Year's Eve", "2010-12-31")]
    assert titles(newest_first(case_studies)) == ["Second of January", "A", "B", "New Year's Eve"]


def test_a_source_dated_by_its_month_alone_sorts_as_the_first_day_of_that_month():
    case_studies = [study("March", "2013-03"), study("Second of March", "2013-03-02"), study("February", "2013-02-28")]
    assert titles(newest_first(case_studies)) == ["Second of March", "March", "February"]


def test_the_newest_on_the_hub_come_first_by_the_day_added_or_last_updated_whatever_the_age_of_the_figures():
    case_studies = [study("Old figures, updated", "2006", published="2026-01-15", updated="2026-11-10"),
                    study("New figures, added long ago", "2013", published="2025-05-01"),
                    study("Added lately", "2010", published="2026-11-21")]
    assert titles(sort_case_studies(case_studies, "added")) == [
        "Added lately", "Old figures, updated", "New figures, added long ago"]
    assert titles(newest_first(case_studies)) == ["New figures, added long ago", "Added lately", "Old figures, updated"]


@pytest.mark.parametrize("key", ["newest", "added"])
def test_a_date_sort_key_as_the_browser_and_search_index_compare_it_gives_the_same_order(key):
    """The script and Pagefind sort the key strings descending; ties keep the hub's order (by title)."""
    dates = [("2011", "2026-11-22", None), ("2011-01-01", "2026-11-22", "2026-12-01"), ("2010-12-31", "2026-01-01", None),
             ("2011-04", "2025-02-03", "2026-11-30"), ("2013", "2026-11-21", None), ("2011-04-12", "2026-11-22", None)]
    case_studies = [study(f"Study {n}", *days) for n, days in enumerate(dates)]
    ordered = sort_case_studies(case_studies, key)
    by_value = sorted(ordered, key=lambda cs: SORTS[key].value(cs), reverse=True)
    assert [SORTS[key].value(cs) for cs in by_value] == [SORTS[key].value(cs) for cs in ordered]
    assert all(len(SORTS[key].value(cs)) == 10 for cs in case_studies)  # whole days: '2011' is '2011-01-01'


def test_the_sort_menu_says_which_date_each_newest_sort_goes_by():
    assert "date reported" in SORTS["newest"].label and "figures" in SORTS["newest"].label.lower()
    assert "date added or updated" in SORTS["added"].label and "on the hub" in SORTS["added"].label
