"""The page macros over datasets (site/dataset_macros.py), called with the figures hub of tests/hubs.py."""

from __future__ import annotations

import pytest

from macros.figures.hub import build_hub
from macros.site.dataset_macros import MacroError, dataset_figure

from tests.conftest import TODAY


def test_a_dataset_figure_of_a_column_that_does_not_add_is_its_printed_total_or_refused(figures_repo):
    hub = build_hub(figures_repo.root, TODAY)
    assert ">99.9%<" in dataset_figure(hub, "figures.md", "mixed-units", "share")
    assert "total as printed in the source" in dataset_figure(hub, "figures.md", "mixed-units", "share")
    with pytest.raises(MacroError, match="has no total .*different periods"):
        dataset_figure(hub, "figures.md", "mixed-units", "savings")
