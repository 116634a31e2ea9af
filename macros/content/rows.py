"""A dataset's rows: the model of one row, built from the dataset's columns, so every cell is checked where pydantic
reports it (`rows[3].amount`): numbers in numeric columns, known ids in ref columns, plain text in the others, every
column present and no other."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from .fields import Ref, describe_kind, fail, printable_number, refuse_markup
from .problems import did_you_mean


MISSING = object()  # a row's column left out (null is a value: unknown)


def _present(column_id: str):
    def check(value):
        if value is MISSING:
            fail("value is missing", f"add {column_id}: (null if the source leaves it blank, '?' or '-')")
        return value
    return BeforeValidator(check)


def _text_cell(value):
    return value if value is None or isinstance(value, str) else str(value)


def _number_cell(unit: str):
    def check(value):
        if value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = "write the number as printed, in " + unit
            if isinstance(value, str) and value.strip() in ("?", "-", ""):
                hint = "write null: an unknown value stays unknown, never 0"
            fail(f"expected a number, got {describe_kind(value)}", hint)
        return printable_number(value)
    return BeforeValidator(check)


@functools.lru_cache(maxsize=256)
def row_model(columns: tuple[tuple[str, str | None, str | None], ...]) -> type[BaseModel]:
    """The model of one dataset's rows, from its (id, unit, ref) columns: each column a field, a key that is no
    column refused by name."""
    ids = [column_id for column_id, _, _ in columns]

    def known_column(key: str) -> str:
        fail(f"unknown column {key!r}", did_you_mean(key, ids, "column ids"))

    def cell(column_id, unit, ref):
        if unit:
            kind = Annotated[Any, _number_cell(unit)]
        elif ref:
            kind = Optional[Ref(ref)]
        else:
            kind = Annotated[Optional[str], BeforeValidator(_text_cell), AfterValidator(refuse_markup)]
        return Annotated[kind, _present(column_id)], Field(MISSING, validate_default=True)

    # Keys that are no column are validated as extras, by a key check that always refuses them, naming them.
    extras = dict[Annotated[str, AfterValidator(known_column)], Any]
    base = type("Row", (BaseModel,), {"__annotations__": {"__pydantic_extra__": extras},
                                      "model_config": ConfigDict(extra="allow")})
    fields = {column_id: cell(column_id, unit, ref) for column_id, unit, ref in columns}
    return create_model("Row", __base__=base, **fields)
