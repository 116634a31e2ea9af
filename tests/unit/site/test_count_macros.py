"""count_of (site/count_macros.py), called with the real Hub: each register counted, anything else refused naming the
closest."""

from __future__ import annotations

import pytest

from macros.site.count_macros import count_of
from macros.site.macro_arguments import MacroError


@pytest.mark.parametrize("what, registered", [("themes", "themes"), ("authorities", "authorities"),
                                               ("sub_regions", "sub_regions"), ("partnerships", "partnerships")])
def test_count_of_counts_each_register(hub, what, registered):
    assert count_of(hub, "index.md", what) == len(hub.registers[registered])


def test_count_of_refuses_what_it_cannot_count_naming_the_closest(hub):
    with pytest.raises(MacroError, match=r"count_of: what='theme' is not known — did you mean 'themes'"):
        count_of(hub, "index.md", "theme")
