"""The editors' field reference, generated from the content models' JSON schema (each field type states its rules
beside its checks, `content/fields.py`), kept current in CONTRIBUTING.md with the table of limits
(`limits_reference.py`) and published as the Contribute page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..content import models
from ..content.slugs import SLUG_RULE
from . import urls
from .limits_reference import LIMITS_END, LIMITS_START, render_limits
from .markdown import front_matter

GUIDE = "CONTRIBUTING.md"
START = ("<!-- field-reference:start — generated from macros/content/models.py by `pkhub reference --write`; "
         "do not edit by hand -->")
END = "<!-- field-reference:end -->"
NOT_FRONT_MATTER = {"slug", "body"}  # the file name and the Markdown below the front matter
KINDS = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
         "object": "mapping"}


@dataclass
class Description:
    """How one field's schema reads to an editor."""

    kind: str
    rules: list[str] = field(default_factory=list)
    model: str | None = None  # the name of the mapping's own schema, in the schema's $defs
    is_list: bool = False


def describe_schema(schema: dict) -> Description:
    """Type words and rules of a property's schema: its kind, lengths, ranges, closed lists and the rules its field
    type states (`x-kind`, `x-rules`)."""
    if "anyOf" in schema:  # optional: the one type besides null
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        if len(options) == 1:
            return describe_schema(options[0])
        return Description(" or ".join(describe_schema(option).kind for option in options))
    if "$ref" in schema:
        return Description("mapping", model=schema["$ref"].rsplit("/", 1)[-1])
    if "enum" in schema:
        description = Description("one of " + ", ".join(f"`{value}`" for value in schema["enum"]))
    elif schema.get("type") == "array":
        inner = describe_schema(schema.get("items", {}))
        plural = inner.kind if inner.kind in ("text", "money") else f"{inner.kind}s"
        description = Description(f"list of {plural}", [f"each {rule}" for rule in inner.rules], inner.model, True)
        if "minItems" in schema:
            low = schema["minItems"]
            description.rules.insert(0, "at least one" if low == 1 else f"at least {low}")
    else:
        description = Description(KINDS.get(schema.get("type"), "any value"))
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None and high is not None:
        description.rules.insert(0, f"{low}–{high} characters")
    elif high is not None:
        description.rules.insert(0, f"at most {high} characters")
    elif low is not None and low > 1:
        description.rules.insert(0, f"at least {low} characters")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        description.rules.append(f"{low}–{high}" if low is not None and high is not None
                                 else f"at least {low}" if low is not None else f"at most {high}")
    description.kind = schema.get("x-kind", description.kind)
    description.rules += schema.get("x-rules", [])
    return description


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    required: bool
    rule: str


def describe_model(model: type[BaseModel]) -> list[Row]:
    """One row per field of the model's front matter, followed by the rows of the fields of any mapping it holds."""
    schema = model.model_json_schema()
    return describe_properties(schema, schema.get("$defs", {}), "")


def describe_properties(schema: dict, definitions: dict, prefix: str) -> list[Row]:
    rows = []
    required = set(schema.get("required", []))
    for name, property_schema in schema["properties"].items():
        if not prefix and name in NOT_FRONT_MATTER:
            continue
        description = describe_schema(property_schema)
        rules = description.rules
        default = property_schema.get("default")
        if name not in required and default not in (None, [], {}, ""):
            rules.append(f"default `{str(default).lower() if isinstance(default, bool) else default}`")
        text = " ".join(sentence(part) for part in ("; ".join(rules), property_schema.get("description", "")) if part)
        rows.append(Row(prefix + name, description.kind, name in required, text))
        if description.model is not None:
            rows += describe_properties(definitions[description.model], definitions,
                                        f"{prefix}{name}{'[]' if description.is_list else ''}.")
    return rows


def sentence(text: str) -> str:
    """Capitalised (unless it opens with code) and ended with a full stop."""
    text = text if text.startswith("`") else text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_field_reference() -> str:
    """The Markdown field reference for case-study front matter, from `models.CaseStudy` and the models it holds."""
    lines = [
        f"The file name (without `.md`) is the case study's **slug** and permanent address, "
        f"`{urls.case_study_path('', '<slug>')}`: {SLUG_RULE}. Below the front matter comes the Markdown body.",
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
    return insert_between(text, START, END, reference, "field-reference")


def insert_between(text: str, start: str, end: str, content: str, what: str) -> str:
    """`text` with the part between the markers `start` and `end` replaced by `content`."""
    if start not in text or end not in text:
        raise ValueError(f"the {what} markers are missing: put these two lines where it goes\n{start}\n{end}")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return f"{before}{start}\n{content}{end}{after}"


def insert_references(text: str) -> str:
    """The editors' guide with its generated parts current: the field reference and the table of limits."""
    text = insert_field_reference(text, render_field_reference())
    return insert_between(text, LIMITS_START, LIMITS_END, render_limits(), "limits")


def render_contribute_page(root: Path) -> str:
    """The site's Contribute page: the editors' guide with a freshly generated field reference."""
    path = Path(root) / GUIDE
    if path.exists():
        guide = insert_references(path.read_text(encoding="utf-8"))
    else:
        guide = "# Contribute\n\n## Limits\n\n" + render_limits() + "\n## Field reference\n\n" + render_field_reference()
    header = front_matter(title="Contribute", description="How editors add and change case studies by pull request.",
                          render_macros=False, hub_kind="guide")
    return header + guide
