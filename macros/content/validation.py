"""Checking loaded sources against the content model, reporting every problem with file and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import models
from .load import Mapping, Sequence, SourceFile, Sources, line_of, load_sources
from .markup import check_contributed
from .problems import Problem, closest, did_you_mean
from .search_terms import check_synonyms

@dataclass
class Content:
    """Validated content: registers by id, case studies and datasets."""

    registers: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    case_studies: list[models.CaseStudy] = field(default_factory=list)
    datasets: list[models.Dataset] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)  # case-study slug or dataset id -> file path
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
        known = models.model_fields_at(model, loc[:-1])
        return f"unknown field '{name}'", did_you_mean(name, known, "fields: " + ", ".join(known))
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        fix = "use one of: " + ", ".join(choices)
        near = closest(value, choices)
        return f"{models.show_value(value)} is not allowed", (f"did you mean '{near[0]}'? " if near else "") + fix
    if kind in ("string_too_short", "string_too_long"):
        length = len(value) if isinstance(value, str) else 0
        low = model.model_fields.get(name).metadata if name in model.model_fields else None
        bounds = _length_bounds(low) or (f"at most {ctx['max_length']}" if "max_length" in ctx
                                         else f"at least {ctx.get('min_length')}")
        return f"is {length} characters long", f"write {bounds} characters"
    if kind == "too_short":
        return "the list is empty", f"give at least {ctx.get('min_length', 1)} entry"
    if kind in ("string_type",):
        return f"expected text, got {_kind(value)}", "write it as text (quote it if it looks like a number or date)"
    if kind in ("list_type",):
        return f"expected a list, got {_kind(value)}", "write a list: one '- item' per line, or [a, b]"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a group of fields, got {_kind(value)}", "indent its fields under it, e.g. 'source:' then '  document: …'"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {models.show_value(value)}", "write true or false"
    if kind.startswith("int_") or kind.startswith("float_"):
        return f"expected a number, got {models.show_value(value)}", "write a plain number"
    if kind == "greater_than_equal" or kind == "less_than_equal":
        return f"{models.show_value(value)} is out of range", error["msg"].lower()
    if kind == "string_pattern_mismatch":
        return f"{models.show_value(value)} is not valid", "use lower_snake_case: lower-case letters, digits and underscores"
    return error["msg"], ""


def _length_bounds(metadata) -> str:
    low = high = None
    for item in metadata or []:
        low = getattr(item, "min_length", low)
        high = getattr(item, "max_length", high)
    return f"{low}–{high}" if low is not None and high is not None else ""


def _kind(value) -> str:
    if isinstance(value, (Mapping, dict)):
        return "a group of fields"
    if isinstance(value, (Sequence, list)):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    return models.show_value(value)


def validate_item(model: type[BaseModel], data, source: SourceFile, context: dict, prefix: tuple = (),
                  extra: dict | None = None):
    """Validate one mapping; return the model (or None) and the problems, located in the file."""
    if not isinstance(data, dict):
        where = format_loc(prefix) if prefix else "(file)"
        return None, [Problem(source.path, getattr(data, "line", 1), where,
                              f"expected a group of fields, got {_kind(data)}",
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


def check_body(source: SourceFile) -> list[Problem]:
    """Refuse the template's placeholders in contributed Markdown, each at its own line (markup: macros/markup.py)."""
    problems = []
    for offset, text in enumerate(source.body.splitlines()):
        if models.PLACEHOLDER.search(text):
            problems.append(Problem(source.path, source.body_line + offset, "body", models.describe_placeholder(text),
                                    models.PLACEHOLDER_FIX))
    return problems


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
                fix = problem.fix.replace("use", "rename the file to") + ".md" if slug not in models.RESERVED_NAMES \
                    else "rename the file"
                problem = Problem(source.path, 1, "file name", problem.message, fix)
            problems.append(problem)
        problems += check_body(source)
        if case_study is not None:
            case_studies.append(case_study)
    problems += check_addresses(case_studies, sources)
    return case_studies, problems


def check_addresses(case_studies: list[models.CaseStudy], sources: Sources) -> list[Problem]:
    """Every slug and alias names one case study only."""
    paths = {Path(source.path).stem: source for source in sources.case_studies}
    owner = {case_study.slug: case_study.slug for case_study in case_studies}
    problems = []
    for case_study in case_studies:
        source = paths[case_study.slug]
        for index, alias in enumerate(case_study.aliases):
            line = line_of(source.data, ("aliases", index))
            if alias in paths:
                problems.append(Problem(source.path, line, f"aliases[{index}]",
                                        f"alias {alias!r} is the slug of another case study (case_studies/{alias}.md)",
                                        "remove the alias, or rename that file"))
            elif alias in owner and owner[alias] != case_study.slug:
                problems.append(Problem(source.path, line, f"aliases[{index}]",
                                        f"alias {alias!r} is already an alias of case_studies/{owner[alias]}.md",
                                        "an old address can redirect to one page only; remove one of them"))
            else:
                owner[alias] = case_study.slug
    return problems


def validate_datasets(sources: Sources, context: dict, total_lines: dict | None = None) -> tuple[list, list[Problem]]:
    datasets, problems = [], []
    total_lines = {} if total_lines is None else total_lines
    for source in sources.datasets:
        if source.data is None:
            continue
        dataset, found = validate_item(models.Dataset, source.data, source, context)
        problems += found
        if dataset is None:
            continue
        expected_id = Path(source.path).stem
        if dataset.id != expected_id:
            problems.append(Problem(source.path, line_of(source.data, ("id",)), "id",
                                    f"id {dataset.id!r} does not match the file name",
                                    f"write id: {expected_id}, or rename the file to {dataset.id}.yaml"))
        found = check_dataset_values(dataset, source, context)
        problems += found
        if not found:
            datasets.append(dataset)
            total_lines[dataset.id] = {key: line_of(source.data, ("stated_totals", key)) for key in dataset.stated_totals}
    return datasets, problems


def check_dataset_values(dataset: models.Dataset, source: SourceFile, context: dict) -> list[Problem]:
    """Rows hold exactly the declared columns, with numbers in numeric columns and known ids in ref columns."""
    problems = []
    data = source.data
    columns = {column.id: column for column in dataset.columns}
    if len(columns) != len(dataset.columns):
        problems.append(Problem(source.path, line_of(data, ("columns",)), "columns", "two columns share an id",
                                "give each column its own id"))
    for index, row in enumerate(dataset.rows):
        for key in row:
            if key not in columns:
                problems.append(Problem(source.path, line_of(data, ("rows", index)), f"rows[{index}].{key}",
                                        f"unknown column {key!r}", did_you_mean(key, columns, "column ids")))
        for column in dataset.columns:
            where = f"rows[{index}].{column.id}"
            line = line_of(data, ("rows", index, column.id))
            if column.id not in row:
                problems.append(Problem(source.path, line, where, "value is missing",
                                        f"add {column.id}: (null if the source leaves it blank, '?' or '-')"))
                continue
            value = row[column.id]
            if value is None:
                continue
            if column.numeric:
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    hint = "write the number as printed, in " + column.unit
                    if isinstance(value, str) and value.strip() in ("?", "-", ""):
                        hint = "write null: an unknown value stays unknown, never 0"
                    problems.append(Problem(source.path, line, where, f"expected a number, got {_kind(value)}", hint))
                elif found := models.describe_bad_number(value, models.DATASET_VALUE_CEILING):
                    problems.append(Problem(source.path, line, where, *found))
            elif column.ref:
                known = context["ids"].get(column.ref)
                if known is None:
                    continue  # the register could not be read: reported once, with the register
                if value not in known:
                    item = models.REGISTER_ITEM[column.ref]
                    problems.append(Problem(source.path, line, where, f"unknown {item} {models.show_value(value)}",
                                            did_you_mean(value, known, f"ids in data/{column.ref}.yaml")))
            elif not isinstance(value, str):
                row[column.id] = str(value)
    numeric = {column.id for column in dataset.numeric_columns}
    for key, value in dataset.stated_totals.items():
        if value is not None and (found := models.describe_bad_number(value, models.DATASET_VALUE_CEILING)):
            problems.append(Problem(source.path, line_of(data, ("stated_totals", key)), f"stated_totals.{key}", *found))
        if key not in numeric:
            problems.append(Problem(source.path, line_of(data, ("stated_totals", key)), f"stated_totals.{key}",
                                    f"{key!r} is not a numeric column", did_you_mean(key, numeric, "numeric columns")))
    for index, discrepancy in enumerate(dataset.discrepancies):
        if discrepancy.column not in dataset.stated_totals:
            problems.append(Problem(source.path, line_of(data, ("discrepancies", index, "column")),
                                    f"discrepancies[{index}].column",
                                    f"{discrepancy.column!r} has no stated total",
                                    did_you_mean(discrepancy.column, list(dataset.stated_totals), "stated totals")))
    return problems


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
    total_lines: dict[str, dict[str, int]] = {}
    datasets, found = validate_datasets(sources, context, total_lines)
    problems += found
    problems += check_contributed(sources, problems)  # markup allowlist: macros/markup.py
    problems += check_synonyms(sources.root)  # data/synonyms.yaml: macros/search_terms.py
    paths = {Path(s.path).stem: s.path for s in sources.case_studies}
    content = Content(registers, case_studies, datasets, paths, total_lines)
    return content, problems


def check_repository(root: Path, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate a hub repository without building anything."""
    return validate_sources(load_sources(root), today)
