"""Pydantic's errors in editors' words: one item of a file validated by its model, each error turned into a problem
at its own line (`path:line: field: message — fix`), with the closest valid value where there is one."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel, ValidationError

from .fields import describe_kind, show_value
from .load import SourceFile
from .parse import line_of
from .problems import Problem, closest, did_you_mean


def format_loc(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def describe_error(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """An editor's message and fix for one pydantic error."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    loc = tuple(part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-"))
    name = loc[-1] if loc else ""
    if kind == "hub":
        return error["msg"], ctx.get("fix", "")
    if kind == "missing":
        return "required field is missing", f"add '{name}:' (see the field reference in CONTRIBUTING.md)"
    if kind == "extra_forbidden":
        known = model_fields_at(model, loc[:-1])
        return f"unknown field '{name}'", did_you_mean(name, known, "fields: " + ", ".join(known))
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        fix = "use one of: " + ", ".join(choices)
        near = closest(value, choices)
        return f"{show_value(value)} is not allowed", (f"did you mean '{near[0]}'? " if near else "") + fix
    if kind in ("string_too_short", "string_too_long"):
        length = len(value) if isinstance(value, str) else 0
        low = model.model_fields.get(name).metadata if name in model.model_fields else None
        bounds = _length_bounds(low) or (f"at most {ctx['max_length']}" if "max_length" in ctx
                                         else f"at least {ctx.get('min_length')}")
        return f"is {length} characters long", f"write {bounds} characters"
    if kind == "too_short":
        return "the list is empty", f"give at least {ctx.get('min_length', 1)} entry"
    if kind in ("string_type",):
        return f"expected text, got {describe_kind(value)}", "write it as text (quote it if it looks like a number or date)"
    if kind in ("list_type",):
        return f"expected a list, got {describe_kind(value)}", "write a list: one '- item' per line, or [a, b]"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a group of fields, got {describe_kind(value)}", "indent its fields under it, e.g. 'source:' then '  document: …'"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {show_value(value)}", "write true or false"
    if kind.startswith("int_") or kind.startswith("float_"):
        return f"expected a number, got {show_value(value)}", "write a plain number"
    if kind == "greater_than_equal" or kind == "less_than_equal":
        return f"{show_value(value)} is out of range", error["msg"].lower()
    if kind == "string_pattern_mismatch":
        return f"{show_value(value)} is not valid", "use lower_snake_case: lower-case letters, digits and underscores"
    return error["msg"], ""


def _length_bounds(metadata) -> str:
    low = high = None
    for item in metadata or []:
        low = getattr(item, "min_length", low)
        high = getattr(item, "max_length", high)
    return f"{low}–{high}" if low is not None and high is not None else ""


def model_fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (sub)model reached by following `loc` from `model`."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return [name for name in model.model_fields if name != "body"]


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def validate_item(model: type[BaseModel], data, source: SourceFile, context: dict, prefix: tuple = (),
                  extra: dict | None = None):
    """Validate one mapping; return the model (or None) and the problems, located in the file."""
    if not isinstance(data, dict):
        where = format_loc(prefix) if prefix else "(file)"
        return None, [Problem(source.path, getattr(data, "line", 1), where,
                              f"expected a group of fields, got {describe_kind(data)}",
                              "see the examples in CONTRIBUTING.md for the layout")]
    try:
        return model.model_validate({**data, **(extra or {})}, context=context), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(part for part in item["loc"]
                        if not (isinstance(part, str) and (part.startswith("function-") or "[" in part)))
            message, fix = describe_error({**item, "loc": loc}, model)
            problems.append(Problem(source.path, line_of(data, loc), format_loc(prefix + loc), message, fix))
        return None, problems
