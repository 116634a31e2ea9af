"""The open-data exports (site/exports.py): a cell a spreadsheet would run is neutralised."""

from __future__ import annotations

import pytest

from macros.site.exports import neutralise_cell


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 115", "'+44 115"), ("-cmd", "'-cmd"), ("@import", "'@import"),
    ("Procurement", "Procurement"), (-5, -5), (3.2, 3.2),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value, expected):
    assert neutralise_cell(value) == expected
