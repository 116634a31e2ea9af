"""Dataset totals: computed from the rows only where a column adds (money on one basis and period, counts), checked
against the total the source prints within its rounding; a printed total is kept as printed under any column."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content import models
from ..content.problems import Problem
from ..content.settings import DATASETS

NOT_ADDED = {  # why a column of this unit never gets a computed total
    "percent": "percentages are not added", "score": "scores are not added", "rank": "ranks are not added",
    "rate": "rates are not added", "ratio": "ratios are not added",
}


@dataclass(frozen=True)
class TotalCheck:
    """A column's total: computed from the rows (additive columns only) beside the total its source printed."""

    column: str
    computed: float | None      # sum of the known values (None when every value is unknown, or the column does not add)
    unknown: int                # how many rows are unknown
    stated: float | None
    tolerance: float
    explanation: str = ""       # the dataset's recorded discrepancy, if any
    additive: bool = True       # whether a computed total means something (models.Column.additive)
    reason: str = ""            # for a column that does not add: why, shown in place of a total

    @property
    def agrees(self) -> bool:
        if self.stated is None or not self.additive:  # a printed total of a column that does not add is shown, not checked
            return True
        computed = self.computed or 0.0
        if self.unknown:  # unknown rows can only add to the total
            return computed <= self.stated + self.tolerance
        return abs(computed - self.stated) <= self.tolerance

    @property
    def status(self) -> str:
        if not self.additive:
            return "printed" if self.stated is not None else "not added"
        if self.agrees:
            return "agrees"
        return "discrepancy" if self.explanation else "mismatch"


def decimals(value: float) -> int:
    """Decimal places printed for a number as the source wrote it (52.0 has one; YAML keeps that as a float)."""
    text = repr(float(value))
    if "e" in text:
        return 0
    return len(text.split(".")[1]) if isinstance(value, float) else 0


def reconcile_dataset(dataset: models.Dataset) -> list[TotalCheck]:
    """Every numeric column's total: computed and checked against the stated one (within printed rounding) only
    where the column adds (money on one basis and period, counts); otherwise the printed total alone, as printed."""
    explanations = {d.column: d.explanation for d in dataset.discrepancies}
    checks = []
    for column in dataset.numeric_columns:
        values = [row.get(column.id) for row in dataset.rows]
        known = [float(v) for v in values if v is not None]
        stated = dataset.stated_totals.get(column.id)
        unknown = len(values) - len(known)
        if not column.additive:
            reason = column.no_total or NOT_ADDED.get(column.unit, "not added")
            checks.append(TotalCheck(column.id, None, unknown, stated, 0.0, explanations.get(column.id, ""),
                                     additive=False, reason=reason))
            continue
        row_places = max((decimals(v) for v in known), default=0)
        # Each printed row is off by at most half its last digit, and so is the printed total.
        tolerance = len(known) * 0.5 * 10 ** -row_places
        if stated is not None:
            tolerance += 0.5 * 10 ** -decimals(stated)
        tolerance += 1e-9
        whole = all(isinstance(v, int) for v in values if v is not None)
        computed = (int(sum(known)) if whole else math.fsum(known)) if known else None
        checks.append(TotalCheck(column.id, computed, unknown, stated, tolerance, explanations.get(column.id, "")))
    return checks


def reconcile_datasets(datasets) -> dict[str, list[TotalCheck]]:
    """Every dataset's totals, by dataset id."""
    return {dataset.id: reconcile_dataset(dataset) for dataset in sorted(datasets, key=lambda d: d.id)}


def check_totals(totals: dict[str, list[TotalCheck]], total_lines: dict[str, dict[str, int]]) -> list[Problem]:
    """Each stated total the rows do not add up to, unexplained: a row or the total was copied wrongly. Reported at
    the stated total's line (`total_lines`: dataset id -> column -> line)."""
    problems = []
    for dataset_id, checks in totals.items():
        path = f"{DATASETS}/{dataset_id}.yaml"
        lines = total_lines.get(dataset_id, {})
        for check in checks:
            if check.status == "mismatch":
                computed = format_total(check.computed) if check.computed is not None else "nothing"
                at_least = " (at least; some values are unknown)" if check.unknown else ""
                problems.append(Problem(
                    path, lines.get(check.column, 1), f"stated_totals.{check.column}",
                    f"dataset {dataset_id!r}, column {check.column!r}: stated total {format_total(check.stated)} "
                    f"but the rows add up to {computed}{at_least}",
                    "correct the row or total that was copied wrongly; if the source itself disagrees, "
                    f"record it under discrepancies: with column: {check.column} and an explanation",
                ))
    return problems


def format_total(value) -> str:
    """A total as the source prints it, every digit shown: 19,643,604, or 52.5 (never 1.96436e+07)."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")  # a sum of rows like 52.49999999 reads as printed
