"""Runs the content models over every source file and reports every problem at once, each with its file, line and
field: pydantic's errors turned into editors' messages, and the few rules that span files (ids unique in a register,
an alias naming one case study)."""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import models
from .fields import describe_kind, show_value
from .load import SourceFile, Sources, load_sources
from .markup import check_body
from .parse import line_of
from .problems import Problem, closest, did_you_mean
from .settings import RESERVED_NAMES
from .slugs import check_aliases


@dataclass
class Content:
    """Validated content: registers by id, case studies and datasets."""

    registers: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    case_studies: list[models.CaseStudy] = field(default_factory=list)
    datasets: list[models.Dataset] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)  # case-study slug -> file path
    total_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # dataset id -> column -> stated total's line


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


def validate_registers(sources: Sources, context: dict) -> tuple[dict, list[Problem]]:
    registers, problems = {}, []
    for name, model in models.REGISTER_MODELS.items():
        source = sources.registers[name]
        registers[name] = {}
        if source.data is None:
            continue
        if not isinstance(source.data, list):
            problems.append(Problem(source.path, 1, "(file)", "expected a list of entries",
                                    "start each entry with '- id: …'"))
            continue
        seen = set()
        for index, item in enumerate(source.data):
            entry, found = validate_item(model, item, source, context, (index,))
            problems += found
            item_id = item.get("id") if isinstance(item, dict) else None

            if item_id in seen:
                problems.append(Problem(source.path, line_of(item, ("id",)), f"[{index}].id",
                                        f"duplicate id {item_id!r}", "each id must be unique; rename one"))
            seen.add(item_id)
            if entry is not None:
                registers[name][entry.id] = entry
    return registers, problems


def check_area_ids(sources: Sources, registers: dict) -> list[Problem]:
    """An `area:` id names one area only: a region and a sub-region never share an id."""
    source = sources.registers["sub_regions"]
    shared = set(registers["regions"]) & set(registers["sub_regions"])
    return [Problem(source.path, line_of(source.data, (index, "id")), f"[{index}].id",
                    f"id {item['id']!r} is also the id of a region in data/regions.yaml",
                    "give the sub-region an id of its own: an area: must name one place")
            for index, item in enumerate(source.data or []) if isinstance(item, dict) and item.get("id") in shared]


def validate_case_studies(sources: Sources, context: dict) -> tuple[list, list[Problem]]:
    case_studies, problems = [], []
    for source in sources.case_studies:
        if source.data is None:
            continue
        slug = Path(source.path).stem
        if isinstance(source.data, dict) and "slug" in source.data:
            problems.append(Problem(source.path, source.data.key_lines["slug"], "slug",
                                    "the slug is the file name, not a field", "remove 'slug:' and rename the file"))
            continue
        case_study, found = validate_item(models.CaseStudy, source.data, source, context,
                                          extra={"slug": slug, "body": source.body})
        for problem in found:
            if problem.field == "slug":
                fix = problem.fix.replace("use", "rename the file to") + ".md" if slug not in RESERVED_NAMES \
                    else "rename the file"
                problem = Problem(source.path, 1, "file name", problem.message, fix)
            problems.append(problem)
        problems += check_body(source)
        if case_study is not None:
            case_studies.append(case_study)
    problems += check_aliases(case_studies, sources)
    return case_studies, problems


def validate_datasets(sources: Sources, context: dict) -> tuple[list, dict, list[Problem]]:
    """The valid datasets, the line of each stated total (for reconciliation's messages), and every problem."""
    datasets, total_lines, problems = [], {}, []
    for source in sources.datasets:
        if source.data is None:
            continue
        file_context = {**context, models.FILE_NAME: Path(source.path).stem}
        dataset, found = validate_item(models.Dataset, source.data, source, file_context)
        problems += found
        if dataset is not None:
            datasets.append(dataset)
            total_lines[dataset.id] = {key: line_of(source.data, ("stated_totals", key)) for key in dataset.stated_totals}
    return datasets, total_lines, problems


def validate_sources(sources: Sources, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Validate everything; return the valid content and every problem found."""
    context = {"today": today or dt.date.today(), "ids": {}}
    # Registers refer to each other (authorities -> sub-regions, programmes -> partnerships): collect ids first.
    # A register that could not be read contributes none, so references to it go unchecked rather than each
    # being reported as unknown: its own problem is the one message.
    for name, source in sources.registers.items():
        if sources.unreadable(name):
            continue
        items = source.data if isinstance(source.data, list) else []
        context["ids"][name] = [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]
    problems = list(sources.problems)
    registers, found = validate_registers(sources, context)
    problems += found
    problems += check_area_ids(sources, registers)
    case_studies, found = validate_case_studies(sources, context)
    problems += found
    datasets, total_lines, found = validate_datasets(sources, context)
    problems += found
    paths = {Path(s.path).stem: s.path for s in sources.case_studies}
    return Content(registers, case_studies, datasets, paths, total_lines), problems


def check_repository(root: Path, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate a hub repository without building anything."""
    return validate_sources(load_sources(root), today)
