"""The limits in CONTRIBUTING.md (site/limits_reference.py): current there, every bound of content/settings.py
stated, and each one what the check enforces — a file or value at the limit passes, one past it is refused with the
message the table shows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from macros.content import settings
from macros.content.validation import check_repository
from macros.site.field_reference import GUIDE, insert_references
from macros.site.limits_reference import ANY, bound_settings, describe_limits, render_limits

from tests.conftest import REGISTERS, ROOT, TODAY, VALID_FRONT_MATTER, Repo, case_study_text
from tests.hostile import dataset_text

LIMITS = {limit.name: limit for limit in describe_limits()}


def test_contributing_states_the_current_limits():
    text = (ROOT / GUIDE).read_text(encoding="utf-8")
    assert insert_references(text) == text, \
        "CONTRIBUTING.md's limits are out of date: run `pkhub reference --write` and commit CONTRIBUTING.md"
    assert render_limits() in text


def test_every_bound_in_the_settings_is_stated():
    stated = {name for limit in LIMITS.values() for name in limit.settings}
    assert stated == bound_settings()
    assert {"MAX_BYTES", "MONEY_CEILING", "MAX_BLOCK_CHARACTERS", "EARLIEST_PUBLISHED"} <= bound_settings()


# --- Each limit as the check enforces it: (a hub at the limit, a hub one past it) ------------------------------

def sized(head: str, size: int, filler: str = "x") -> str:
    """`head` followed by paragraphs of `filler` to exactly `size` bytes (ASCII), none longer than 1,000."""
    text, remaining = head, size - len(head.encode())
    assert remaining >= 0
    while remaining:
        step = min(remaining, 1000)
        text += "\n" * min(step, 2) + (filler * step)[:max(step - 2, 0)]
        remaining -= step
    assert len(text.encode()) == size
    return text


def case_study_of_size(size: int) -> dict:
    return {"case_studies/big.md": sized(case_study_text(body="Text.\n"), size, "word ")}


def yaml_of_size(head: str, size: int) -> str:
    """YAML `head` followed by comment lines to exactly `size` bytes."""
    lines = max(size - len(head), 0) // 100
    text = head + ("#" + "x" * 98 + "\n") * lines
    return text + "#" * (size - len(text) - 1) + "\n" if size > len(text) else text


def body(text: str) -> dict:
    return {"case_studies/shaped.md": case_study_text(body=text)}


def front(old: str, new: str) -> dict:
    assert old in VALID_FRONT_MATTER, old
    return {"case_studies/valued.md": case_study_text(VALID_FRONT_MATTER.replace(old, new))}


def themes_of_size(size: int) -> dict:
    return {"data/themes.yaml": yaml_of_size(yaml.safe_dump(REGISTERS["themes"], sort_keys=False), size)}


def synonyms(count: int) -> str:
    return "".join(f"- term: term {i}\n  means: meaning {i}\n" for i in range(count))


def nested(levels: int) -> dict:
    """Front matter nested `levels` deep: the mapping itself, and lists inside `outcomes`."""
    return {"case_studies/nested.md": case_study_text(VALID_FRONT_MATTER + "outcomes: " + "[" * (levels - 1)
                                                      + "]" * (levels - 1) + "\n")}


def scan(characters: int) -> dict:
    """Paragraphs of unclosed '](' whose scans to the end of their paragraph add up to `characters`: ten at the start
    of a paragraph of 5,000 characters cost 10 × 5,000 − 10², one at the start of n + 1 characters costs n (the
    file ends with the last paragraph: a line break would be read too)."""
    full, rest = divmod(characters, 10 * 5000 - 100)
    blocks = ["](" * 10 + "a" * (5000 - 20)] * full + (["](" + "a" * (rest - 1)] if rest else [])
    return body("\n\n".join(blocks))


def dataset(value: int) -> dict:
    return {"data/datasets/valued.yaml": dataset_text("valued", f"  - {{council: Blaby, amount: {value}}}\n", totals="")}


MAX_SLUG, MAX_TITLE = settings.SLUG_LENGTH[1], settings.TITLE_LENGTH[1]
TITLE = "title: Joint procurement of software"
CASES = {  # name: (files at the limit, files one past it)
    "case-study-size": (case_study_of_size(settings.MAX_BYTES["case study"]),
                        case_study_of_size(settings.MAX_BYTES["case study"] + 1)),
    "dataset-size": ({"data/datasets/big.yaml": yaml_of_size(dataset_text("big"), settings.MAX_BYTES["dataset"])},
                     {"data/datasets/big.yaml": yaml_of_size(dataset_text("big"), settings.MAX_BYTES["dataset"] + 1)}),
    "register-size": (themes_of_size(settings.MAX_BYTES["register"]), themes_of_size(settings.MAX_BYTES["register"] + 1)),
    "synonyms-size": ({settings.SYNONYMS: yaml_of_size(synonyms(1), settings.MAX_SYNONYMS_BYTES)},
                      {settings.SYNONYMS: yaml_of_size(synonyms(1), settings.MAX_SYNONYMS_BYTES + 1)}),
    "synonyms-count": ({settings.SYNONYMS: synonyms(settings.MAX_SYNONYMS)},
                       {settings.SYNONYMS: synonyms(settings.MAX_SYNONYMS + 1)}),
    "yaml-depth": (nested(settings.MAX_YAML_DEPTH), nested(settings.MAX_YAML_DEPTH + 1)),
    "paragraph-characters": (body("x" * settings.MAX_BLOCK_CHARACTERS + "\n"),
                             body("x" * (settings.MAX_BLOCK_CHARACTERS + 1) + "\n")),
    "paragraph-lines": (body("line\n" * settings.MAX_BLOCK_LINES), body("line\n" * (settings.MAX_BLOCK_LINES + 1))),
    "nesting": (body("> " * settings.MAX_NESTING + "x\n"), body("> " * (settings.MAX_NESTING + 1) + "x\n")),
    "indent": (body("Para.\n\n" + " " * settings.MAX_INDENT + "x\n"),
               body("Para.\n\n" + " " * (settings.MAX_INDENT + 1) + "x\n")),
    "bracket-depth": (body("[" * settings.MAX_BRACKET_DEPTH + "x" + "]" * settings.MAX_BRACKET_DEPTH + "\n"),
                      body("[" * (settings.MAX_BRACKET_DEPTH + 1) + "x" + "]" * (settings.MAX_BRACKET_DEPTH + 1) + "\n")),
    "bracket-scan": (scan(settings.MAX_BRACKET_SCAN), scan(settings.MAX_BRACKET_SCAN + 1)),
    "emphasis-run": (body("*" * settings.MAX_EMPHASIS_RUN + "x\n"), body("*" * (settings.MAX_EMPHASIS_RUN + 1) + "x\n")),
    "escapes": (body("\n\n".join(["\\*" * 1000] * (settings.MAX_ESCAPES // 1000)) + "\n"),
                body("\n\n".join(["\\*" * 1000] * (settings.MAX_ESCAPES // 1000)) + "\n\n\\*\n")),
    "amount": (front("investment: 50000", f"investment: {settings.MONEY_CEILING - 1}"),
               front("investment: 50000", f"investment: {settings.MONEY_CEILING}")),
    "dataset-value": (dataset(settings.DATASET_VALUE_CEILING - 1), dataset(settings.DATASET_VALUE_CEILING)),
    "published-earliest": (front("published: 2026-01-15", f"published: {settings.EARLIEST_PUBLISHED.isoformat()}"),
                           front("published: 2026-01-15",
                                 f"published: {settings.EARLIEST_PUBLISHED - dt.timedelta(days=1)}")),
    "published-future": (front("published: 2026-01-15", f"published: {TODAY.isoformat()}"),
                         front("published: 2026-01-15", f"published: {TODAY + dt.timedelta(days=1)}")),
    "source-year": (front('date: "2011-04-12"', f'date: "{settings.EARLIEST_YEAR}"'),
                    front('date: "2011-04-12"', f'date: "{settings.EARLIEST_YEAR - 1}"')),
    "period-year": (front('end: "2011"', f'end: "{TODAY.year + settings.PERIOD_YEARS_AHEAD}"'),
                    front('end: "2011"', f'end: "{TODAY.year + settings.PERIOD_YEARS_AHEAD + 1}"')),
    "slug-length": ({f"case_studies/{'a' * MAX_SLUG}.md": case_study_text()},
                    {f"case_studies/{'a' * (MAX_SLUG + 1)}.md": case_study_text()}),
    "title-length": (front(TITLE, "title: " + "T" * MAX_TITLE), front(TITLE, "title: " + "T" * (MAX_TITLE + 1))),
    "reserved-name": ({"case_studies/indexes.md": case_study_text()}, {"case_studies/index.md": case_study_text()}),
}


def test_every_limit_has_a_case():
    assert set(CASES) == set(LIMITS)


def shown_pattern(shown: str) -> re.Pattern:
    return re.compile(".+?".join(re.escape(part) for part in shown.split(ANY)), re.S)


def problems_with(tmp_path, files: dict) -> list[str]:
    repo = Repo(tmp_path / "hub")
    for relative, text in files.items():
        repo.write(relative, text)
    _, problems = check_repository(repo.root, today=TODAY)
    return [f"{problem.field}: {problem.message} — {problem.fix}" for problem in problems]


@pytest.mark.parametrize("name", sorted(CASES))
def test_at_the_limit_a_file_passes_and_one_past_it_gets_the_message_the_table_shows(tmp_path, name):
    at, past = CASES[name]
    pattern = shown_pattern(LIMITS[name].shown)
    assert not [text for text in problems_with(tmp_path / "at", at) if pattern.fullmatch(text)]
    refused = problems_with(tmp_path / "past", past)
    assert [text for text in refused if pattern.fullmatch(text)], (LIMITS[name].shown, refused)
