"""The field reference is generated from the models and current in CONTRIBUTING.md, and the Contribute page shows
the guide with it (published: tests/site/test_field_reference.py)."""

from __future__ import annotations

import argparse
import io
import shutil
from typing import Literal, Optional

import pytest
from pydantic import Field

from macros.cli.reference import run as run_reference
from macros.content import fields, models
from macros.site.limits_reference import LIMITS_END, LIMITS_START
from macros.site.field_reference import (
    END, GUIDE, START, describe_model, insert_field_reference, render_contribute_page, render_field_reference,
)

from tests.conftest import ROOT


def rows() -> dict:
    return {row.name: row for row in describe_model(models.CaseStudy)}


def test_contributing_field_reference_matches_the_models():
    text = (ROOT / GUIDE).read_text(encoding="utf-8")
    assert insert_field_reference(text, render_field_reference()) == text, \
        "CONTRIBUTING.md's field reference is out of date: run `pkhub reference --write` and commit CONTRIBUTING.md"


def test_every_front_matter_field_and_every_nested_field_is_in_the_reference():
    names = set(rows())
    assert {name for name in models.CaseStudy.model_fields if name not in ("slug", "body")} <= names
    assert {f"source.{name}" for name in models.SourceRef.model_fields} <= names
    assert {f"savings[].{name}" for name in models.Saving.model_fields} <= names
    assert {f"contact.{name}" for name in models.Contact.model_fields} <= names
    assert {f"period.{name}" for name in models.Period.model_fields} <= names


@pytest.mark.parametrize("name, kind, required, rule", [
    ("title", "text", True, "5–120 characters."),
    ("summary", "text", True, "20–300 characters; plain text: no HTML or Markdown links. Used in listings"),
    ("partnership", "id", True, "An `id` in `data/partnerships.yaml`."),
    ("authorities", "list of ids", False, "Each an `id` in `data/authorities.yaml`."),
    ("area", "id", False, "An `id` in `data/regions.yaml` or `data/sub_regions.yaml`."),
    ("published", "date", True, "`YYYY-MM-DD`; not in the future."),
    ("source.date", "date", True, "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`."),
    ("investment", "money", False, "Whole pounds as a plain number: `677000`, not `£677k`; 0 or more."),
    ("savings[].amount", "money", True, "more than 0"),
    ("savings[].type", "one of `cashable`, `non-cashable`, `cost-avoidance`, `income`, `unstated`", True, "`cashable`: money no longer"),
    ("savings[].years", "whole number", False, "1–50. The years a total covers; only with basis: total."),
    ("contact.email", "email address", False, "A valid address"),
    ("aliases", "list of slugs", False, "Each 3–80 lower-case letters, digits and single hyphens."),
    ("draft", "true or false", False, "Default `false`."),
])
def test_reference_row_states_type_requirement_and_rule(name, kind, required, rule):
    row = rows()[name]
    assert (row.kind, row.required) == (kind, required)
    assert rule in row.rule


def test_a_field_added_to_a_model_is_described_from_its_declaration():
    class Example(models.Model):
        colour: Literal["red", "green"] = Field(description="the colour of the thing")
        owners: list[fields.Ref("authorities")] = Field([], min_length=2)
        note: Optional[fields.Text] = None

    described = {row.name: row for row in describe_model(Example)}
    assert described["colour"] == type(described["colour"])(
        "colour", "one of `red`, `green`", True, "The colour of the thing.")
    assert described["owners"].kind == "list of ids"
    assert described["owners"].rule == "At least 2; each an `id` in `data/authorities.yaml`."
    assert (described["note"].kind, described["note"].required, described["note"].rule) == ("text", False, "")


def test_pipes_in_a_rule_cannot_break_the_table():
    table = [line for line in render_field_reference().splitlines() if line.startswith("| `")]
    assert all(line.count(" | ") == 3 for line in table)


def reference_args(root, **flags):
    return argparse.Namespace(root=root, write=flags.get("write", False), check=flags.get("check", False))


def test_reference_write_brings_a_stale_guide_up_to_date_and_check_says_so(tmp_path):
    guide = tmp_path / GUIDE
    guide.write_text(f"# Guide\n\n{START}\n| old | table |\n{END}\n\n## Limits\n\n{LIMITS_START}\n| old |\n{LIMITS_END}\n"
                     "\nAfter.\n", encoding="utf-8")
    out = io.StringIO()
    assert run_reference(reference_args(tmp_path, check=True), out) == 1
    assert "out of date — run `pkhub reference --write`" in out.getvalue()
    assert run_reference(reference_args(tmp_path, write=True), io.StringIO()) == 0
    text = guide.read_text(encoding="utf-8")
    assert "| old | table |" not in text and "| `title` | text | yes |" in text and text.endswith("\n\nAfter.\n")
    assert "| old |" not in text and "| A case study file | at most 200 kB |" in text
    assert run_reference(reference_args(tmp_path, check=True), io.StringIO()) == 0


def test_a_guide_without_markers_is_refused_with_the_markers_to_add():
    with pytest.raises(ValueError, match="field-reference markers are missing"):
        insert_field_reference("# Guide\n", "table")


def test_contribute_page_shows_the_guide_with_a_fresh_reference(tmp_path):
    shutil.copy(ROOT / GUIDE, tmp_path / GUIDE)
    stale = insert_field_reference((tmp_path / GUIDE).read_text(encoding="utf-8"), "| stale |\n")
    (tmp_path / GUIDE).write_text(stale, encoding="utf-8")
    page = render_contribute_page(tmp_path)
    assert page.startswith("---\n") and "render_macros: false" in page
    assert "| stale |" not in page and "| `savings[].amount` | money | yes |" in page
    assert "## Renaming a case study" in page


def test_contribute_page_falls_back_to_the_reference_when_the_hub_has_no_guide(tmp_path):
    page = render_contribute_page(tmp_path)
    assert "# Contribute" in page and "| `title` | text | yes |" in page
