"""Runs the content models over every source file and reports every problem at once, each with its file, line and
field (pydantic's errors in editors' words: `errors.py`), and checks the few rules that span entries or files (ids
unique in a register, an alias naming one case study)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import models
from .errors import validate_item
from .load import Sources, load_sources
from .memo import Memo, Same, reuse
from .markup import check_body
from .parse import line_of
from .problems import Problem
from .settings import RESERVED_NAMES
from .slugs import check_aliases
from .synonyms import read_synonyms


@dataclass
class Content:
    """Validated content: registers by id, case studies and datasets."""

    registers: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    case_studies: list[models.CaseStudy] = field(default_factory=list)
    datasets: list[models.Dataset] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)  # case-study slug -> file path
    total_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # dataset id -> column -> stated total's line
    synonyms: list = field(default_factory=list)  # (models.Synonym, its line) from data/synonyms.yaml, for search


def validate_registers(sources: Sources, context: dict) -> tuple[dict, list[Problem]]:
    registers, problems = {}, []
    for name, model in models.REGISTER_MODELS.items():
        source = sources.registers[name]
        registers[name] = {}
        if not isinstance(source.data, list):  # not read as a list of entries: its one problem is in source.problems
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


def validate_case_study(source, context: dict) -> tuple[models.CaseStudy | None, list[Problem]]:
    """One case study's model (or None) and its own problems: its fields, then its body."""
    slug = Path(source.path).stem
    if isinstance(source.data, dict) and "slug" in source.data:
        return None, [Problem(source.path, source.data.key_lines["slug"], "slug",
                              "the slug is the file name, not a field", "remove 'slug:' and rename the file")]
    case_study, found = validate_item(models.CaseStudy, source.data, source, context,
                                      extra={"slug": slug, "body": source.body})
    problems = []
    for problem in found:
        if problem.field == "slug":
            fix = re.sub(r"e\.g\. '([^']*)'", r"e.g. '\1.md'", problem.fix.replace("use ", "rename the file to ", 1)) \
                if slug not in RESERVED_NAMES else "rename the file"
            problem = Problem(source.path, 1, "file name", problem.message, fix)
        problems.append(problem)
    return case_study, problems + check_body(source)


def context_key(context: dict) -> tuple:
    """Everything in the validation context a case study's result depends on: the day and the registers' ids."""
    return context["today"], tuple((name, tuple(ids)) for name, ids in sorted(context["ids"].items()))


def validate_case_studies(sources: Sources, context: dict, memo: Memo | None = None) -> tuple[list, list[Problem]]:
    case_studies, problems = [], []
    key = context_key(context)
    for source in sources.case_studies:
        if source.data is None:
            continue
        case_study, found = reuse(memo, "validate", source.path, (Same(source), key),
                                  lambda: validate_case_study(source, context))
        problems += found
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


def validate_sources(sources: Sources, today: dt.date | None = None,
                     memo: Memo | None = None) -> tuple[Content, list[Problem]]:
    """Validate everything; return the valid content and every problem found. With a memo, what was validated from
    the same parsed files in the same context before is not validated again, and is the same objects."""
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
    key = context_key(context)
    registers, found = reuse(memo, "validate", "registers", (tuple(map(Same, sources.registers.values())), key),
                             lambda: validate_registers(sources, context))
    problems += found
    problems += check_area_ids(sources, registers)
    case_studies, found = validate_case_studies(sources, context, memo)
    problems += found
    datasets, total_lines, found = reuse(memo, "validate", "datasets", (tuple(map(Same, sources.datasets)), key),
                                         lambda: validate_datasets(sources, context))
    problems += found
    synonyms, found = read_synonyms(sources.root)
    problems += found
    paths = {Path(s.path).stem: s.path for s in sources.case_studies}
    return Content(registers, case_studies, datasets, paths, total_lines, synonyms), problems


def check_repository(root: Path, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate a hub repository without building anything."""
    return validate_sources(load_sources(root), today)
