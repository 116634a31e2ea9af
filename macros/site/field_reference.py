"""The editors' field reference, generated from the content models, kept current in CONTRIBUTING.md and on the site."""

from __future__ import annotations

import datetime as dt
import inspect
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ..content import models
from .html.tables import front_matter

GUIDE = "CONTRIBUTING.md"
START = "<!-- field-reference:start — generated from macros/models.py by `pkhub reference --write`; do not edit by hand -->"
END = "<!-- field-reference:end -->"
NOT_FRONT_MATTER = {"slug", "body"}  # the file name and the Markdown below the front matter

# What each of the models' checking functions means to an editor: (type, rule); None leaves the other's word.
CHECKS = {
    models._money: ("money", "whole pounds as a plain number: `677000`, not `£677k`"),
    models._non_negative: (None, "0 or more"),
    models._positive: (None, "more than 0"),
    models._full_date: ("date", "`YYYY-MM-DD`"),
    models._not_future: (None, "not in the future"),
    models._slug: ("slug", "3–80 lower-case letters, digits and single hyphens"),
    models._id: ("id", "lower-case letters, digits and single hyphens"),
    models._plain_text: (None, "plain text: no HTML or Markdown links"),
    models._email: ("email address", "a valid address, e.g. `name@example.gov.uk`"),
    models._filled_in: (None, None),
    models._named_by_case_study: (None, "one of the case study's `authorities`"),
}


@dataclass
class Description:
    """How one annotated type reads to an editor."""

    kind: str
    rules: list[str] = field(default_factory=list)
    model: type[BaseModel] | None = None
    is_list: bool = False


def _flatten(metadata) -> list:
    flat = []
    for item in metadata:
        flat += _flatten(item.metadata) if isinstance(item, FieldInfo) else [item]
    return flat


def describe_check(function) -> tuple[str | None, str | None]:
    """The (type, rule) a validator function stands for; closures made by the models say so through their variables."""
    if function in CHECKS:
        return CHECKS[function]
    names = inspect.getclosurevars(function).nonlocals
    if "registers" in names:
        return "id", "an `id` in " + " or ".join(f"`data/{register}.yaml`" for register in names["registers"])
    if "form" in names:
        forms = [f"`{form}`" for form in names["form"].replace(" or ", ", ").split(", ")]
        return "date", ", ".join(forms[:-1]) + " or " + forms[-1] if len(forms) > 1 else forms[0]
    return None, None


def describe_annotation(annotation, metadata=()) -> Description:
    """Type words and rules for an annotation, with its constraints (lengths, ranges, closed lists, validators)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extra = typing.get_args(annotation)
        return describe_annotation(base, [*extra, *metadata])
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return describe_annotation(options[0], metadata)
        return Description(" or ".join(describe_annotation(option).kind for option in options))
    if origin is Literal:
        description = Description("one of " + ", ".join(f"`{value}`" for value in typing.get_args(annotation)))
    elif origin is list:
        inner = describe_annotation(typing.get_args(annotation)[0])
        plural = inner.kind if inner.kind in ("text", "money") else f"{inner.kind}s"
        description = Description(f"list of {plural}", [f"each {rule}" for rule in inner.rules], inner.model, True)
    elif origin is dict:
        description = Description("mapping")
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        description = Description("mapping", model=annotation)
    else:
        kinds = {bool: "true or false", int: "whole number", float: "number", str: "text", dt.date: "date", Any: "any value"}
        description = Description(kinds.get(annotation, getattr(annotation, "__name__", str(annotation))))
    _apply_constraints(description, _flatten(metadata))
    return description


def _apply_constraints(description: Description, metadata: list) -> None:
    lengths = {type(item): item for item in metadata if isinstance(item, (annotated_types.MinLen, annotated_types.MaxLen))}
    low = lengths.get(annotated_types.MinLen)
    high = lengths.get(annotated_types.MaxLen)
    if description.is_list and low is not None:
        description.rules.insert(0, "at least one" if low.min_length == 1 else f"at least {low.min_length}")
    elif low is not None and high is not None:
        description.rules.insert(0, f"{low.min_length}–{high.max_length} characters")
    elif high is not None:
        description.rules.insert(0, f"at most {high.max_length} characters")
    elif low is not None and low.min_length > 1:
        description.rules.insert(0, f"at least {low.min_length} characters")
    bounds = {type(item): item for item in metadata if isinstance(item, (annotated_types.Ge, annotated_types.Le))}
    if bounds:
        ge, le = bounds.get(annotated_types.Ge), bounds.get(annotated_types.Le)
        description.rules.append(f"{ge.ge}–{le.le}" if ge and le else f"at least {ge.ge}" if ge else f"at most {le.le}")
    for item in metadata:
        if isinstance(item, (AfterValidator, BeforeValidator)):
            kind, rule = describe_check(item.func)
            if kind:
                description.kind = kind
            if rule:
                description.rules.append(rule)


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    required: bool
    rule: str


def describe_model(model: type[BaseModel], prefix: str = "") -> list[Row]:
    """One row per field, followed by the rows of the fields of any mapping it holds."""
    rows = []
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_FRONT_MATTER:
            continue
        description = describe_annotation(info.annotation, info.metadata)
        rules = description.rules
        if not info.is_required() and info.default not in (None, [], {}, ""):
            rules.append(f"default `{str(info.default).lower() if isinstance(info.default, bool) else info.default}`")
        rule = " ".join(sentence(text) for text in ("; ".join(rules), info.description or "") if text)
        rows.append(Row(prefix + name, description.kind, info.is_required(), rule))
        if description.model is not None:
            rows += describe_model(description.model, f"{prefix}{name}{'[]' if description.is_list else ''}.")
    return rows


def sentence(text: str) -> str:
    """Capitalised (unless it opens with code) and ended with a full stop."""
    text = text if text.startswith("`") else text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_field_reference() -> str:
    """The Markdown field reference for case-study front matter, from `models.CaseStudy` and the models it holds."""
    slug_rule = CHECKS[models._slug][1]
    lines = [
        f"The file name (without `.md`) is the case study's **slug** and permanent address, "
        f"`/case-studies/<slug>/`: {slug_rule}. Below the front matter comes the Markdown body.",
        "",
        "A field inside a mapping (`source.document`, `savings[].amount`) is required only when its mapping is "
        "there: every savings entry needs an `amount`, but `savings` itself is optional.",
        "",
        "| Name | Type | Required | Rule |",
        "|---|---|---|---|",
    ]
    for row in describe_model(models.CaseStudy):
        lines.append(f"| `{row.name}` | {_cell(row.kind)} | {'yes' if row.required else 'no'} | {_cell(row.rule)} |")
    return "\n".join(lines) + "\n"


def insert_field_reference(text: str, reference: str) -> str:
    """`text` with the part between the markers replaced by `reference`."""
    if START not in text or END not in text:
        raise ValueError(f"the field-reference markers are missing: put these two lines where the table goes\n{START}\n{END}")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{reference}{END}{after}"


def render_contribute_page(root: Path) -> str:
    """The site's Contribute page: the editors' guide with a freshly generated field reference."""
    path = Path(root) / GUIDE
    if path.exists():
        guide = insert_field_reference(path.read_text(encoding="utf-8"), render_field_reference())
    else:
        guide = "# Contribute\n\n## Field reference\n\n" + render_field_reference()
    header = front_matter(title="Contribute", description="How editors add and change case studies by pull request.",
                          render_macros=False, hub_kind="guide")
    return header + guide


def add_reference_command(commands) -> None:
    command = commands.add_parser("reference", help="print the field reference generated from the content models")
    action = command.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write it into {GUIDE} between its markers")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {GUIDE} does not hold the current reference")


def run_reference(args, out=None) -> int:
    out = sys.stdout if out is None else out
    reference = render_field_reference()
    if not (args.write or args.check):
        print(reference, end="", file=out)
        return 0
    path = Path(args.root) / GUIDE
    text = path.read_text(encoding="utf-8")
    updated = insert_field_reference(text, reference)
    if args.check:
        if updated != text:
            print(f"{GUIDE}: the field reference is out of date — run `pkhub reference --write` and commit {GUIDE}",
                  file=out)
            return 1
        print(f"{GUIDE}: the field reference is current.", file=out)
        return 0
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{GUIDE}: field reference updated.", file=out)
    else:
        print(f"{GUIDE}: the field reference was already current.", file=out)
    return 0
