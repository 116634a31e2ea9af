"""The page macros over case studies (site/case_study_macros.py), called with the real Hub."""

from __future__ import annotations

import re

import pytest

from macros.site.case_study_macros import MacroError, headline


def test_a_savings_headline_is_on_one_basis_and_split_by_kind(hub):
    with pytest.raises(MacroError, match="needs basis="):
        headline(hub, "index.md", "delivered")
    split = headline(hub, "index.md", "delivered", basis="total")
    kinds = re.findall(r'delivered=([a-z-]+)-total"', split)
    assert kinds and len(kinds) == len(set(kinds)) and set(kinds) <= {"cashable", "non-cashable", "cost-avoidance", "income"}
    one = headline(hub, "index.md", "delivered", basis="total", kind="cashable")
    assert one.count('class="hub-headline"') == 1 and "cashable savings delivered in totals over a period" in one
