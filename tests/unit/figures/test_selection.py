"""The one vocabulary of filters and sorts (figures/selection.py): every sort an old address names maps to one offered
now."""

from __future__ import annotations


def test_every_old_sort_value_maps_to_a_sort_offered_now():
    from macros.figures.selection import LEGACY_SORTS, SORTS

    offered = list(SORTS)
    assert LEGACY_SORTS and all(new in offered and old not in offered for old, new in LEGACY_SORTS.items())
