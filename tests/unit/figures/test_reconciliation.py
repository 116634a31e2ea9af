"""Dataset totals (figures/reconciliation.py): reconciled within printed rounding, unknowns counted not zeroed, a
printed total checked only under a column that adds, and a failed reconciliation stopping the build."""

from __future__ import annotations

import pytest

from macros.content import models
from macros.content.problems import ContentError
from macros.figures.hub import build_hub
from macros.figures.reconciliation import decimals, reconcile_dataset

from tests.conftest import TODAY
from tests.hubs import TEST_GRANTS


def dataset(rows, stated=None, discrepancies=()):
    return models.Dataset.model_validate({
        "id": "test-data", "title": "Test dataset", "partnership": "em-iep", "period": {"start": "2008"},
        "source": {"document": "A report", "date": "2010"},
        "columns": [{"id": "name", "label": "Name"}, {"id": "amount", "label": "Amount", "unit": "GBP million"}],
        "rows": [{"name": f"row {i}", "amount": v} for i, v in enumerate(rows)],
        "stated_totals": {"amount": stated} if stated is not None else {},
        "discrepancies": list(discrepancies),
    })


@pytest.mark.parametrize("rows, stated, status", [
    ([3.890, 4.237, 3.982, 3.545, 3.731], 19.385, "agrees"),
    ([1.1, 2.2, 3.3], 6.6, "agrees"),
    ([1.14, 2.24, 3.34], 6.7, "agrees"),          # rows rounded to 0.01, total to 0.1: within printed rounding
    ([1.1, 2.2, 3.3], 6.8, "agrees"),           # 1.15 + 2.25 + 3.35 = 6.75 prints as 6.8
    ([1.1, 2.2, 3.3], 6.9, "mismatch"),
    ([52.0, 16.0, 8.6, 350.0, 0.3, 16.1, 3.0, None], 96.0, "mismatch"),
    ([1.0, None, 2.0], 5.0, "agrees"),             # unknowns may make up the rest: at least 3.0
    ([4.0, None, 2.0], 5.0, "mismatch"),           # known values already exceed the total
])
def test_stated_totals_are_reconciled_within_printed_precision(rows, stated, status):
    (check,) = reconcile_dataset(dataset(rows, stated))
    assert check.status == status


def test_a_recorded_discrepancy_is_shown_not_failed():
    explained = dataset([52.0, 350.0], 52.0, [{"column": "amount", "explanation": "Total leaves out the national project."}])
    (check,) = reconcile_dataset(explained)
    assert check.status == "discrepancy" and check.explanation.startswith("Total leaves out")


def test_unknown_values_are_counted_not_zeroed():
    (check,) = reconcile_dataset(dataset([1.5, None, None]))
    assert check.computed == 1.5 and check.unknown == 2 and check.stated is None


@pytest.mark.parametrize("value, places", [(3.89, 2), (52.0, 1), (19.385, 3), (3479, 0), (0.3, 1)])
def test_decimals_are_read_as_printed(value, places):
    assert decimals(value) == places


@pytest.mark.parametrize("column, stated, status", [
    ({"unit": "GBP"}, 51000, "mismatch"),                    # an additive column is reconciled
    ({"unit": "percent"}, 51000, "printed"),                 # any other is shown as printed, never checked
    ({"unit": "GBP", "no_total": "Mixed periods."}, 51000, "printed"),
    ({"unit": "rank"}, None, "not added"),
])
def test_a_printed_total_is_reconciled_only_under_a_column_that_adds(column, stated, status):
    dataset = models.Dataset.model_validate({
        "id": "one-column", "title": "One column", "partnership": "em-iep", "period": {"start": "2008"},
        "source": {"document": "A report", "date": "2010"},
        "columns": [{"id": "name", "label": "Name"}, {"id": "value", "label": "Value", **column}],
        "rows": [{"name": "a", "value": 30000}, {"name": "b", "value": 20000}],
        "stated_totals": {"value": stated} if stated is not None else {},
    })
    (check,) = reconcile_dataset(dataset)
    assert check.status == status
    assert (check.computed is None) is (status != "mismatch")


def test_reconciliation_failure_stops_the_build_naming_dataset_column_and_values(repo):
    repo.write("data/datasets/test-grants.yaml", TEST_GRANTS.replace("grant: 7.968", "grant: 8.968"))
    with pytest.raises(ContentError) as refused:  # the build loads its Hub with build_hub (site/plugin.py)
        build_hub(repo.root, TODAY)
    assert ("data/datasets/test-grants.yaml:14: stated_totals.grant: dataset 'test-grants', column 'grant': "
            "stated total 8.968 but the rows add up to 7.968") in str(refused.value)
