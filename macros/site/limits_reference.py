"""The limits an editor can hit — file sizes, paragraph shapes, amounts, dates, names — each with the message the
check gives and what to do, generated from content/settings.py (the one home of every bound) and kept current in
CONTRIBUTING.md between its markers by `pkhub reference --write`, like the field reference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content import settings
from ..content.settings import (
    CASE_STUDIES, CASE_STUDY_SITE_FOLDER, DATASET_VALUE_CEILING, DATASETS, EARLIEST_PUBLISHED, EARLIEST_YEAR,
    MAX_BLOCK_CHARACTERS, MAX_BLOCK_LINES, MAX_BRACKET_DEPTH, MAX_BRACKET_SCAN, MAX_BYTES, MAX_EMPHASIS_RUN, MAX_ESCAPES,
    MAX_INDENT, MAX_NESTING, MAX_SYNONYMS, MAX_SYNONYMS_BYTES, MAX_YAML_DEPTH, MONEY_CEILING, PERIOD_YEARS_AHEAD,
    RESERVED_NAMES, SLUG_LENGTH, SYNONYMS, TITLE_LENGTH,
)
from ..content.slugs import SLUG_RULE

LIMITS_START = ("<!-- limits:start — generated from macros/content/settings.py by `pkhub reference --write`; "
                "do not edit by hand -->")
LIMITS_END = "<!-- limits:end -->"
ANY = "…"  # in a message: what varies from one file to another (a size, a line, a value)


@dataclass(frozen=True)
class Limit:
    """One bound as an editor meets it: what they wrote, the bound, and what the check then prints after
    `file:line: ` — the field, the message and the fix, with ANY for what varies."""

    name: str                  # a short name for it, e.g. 'case-study-size'
    what: str
    limit: str
    shown: str
    settings: tuple[str, ...]  # the names in content/settings.py this limit states


def kb(size: int) -> str:
    return f"{size // 1000:,} kB"


def describe_limits() -> list[Limit]:
    """Every limit, its numbers read from the settings."""
    files = {"case study": "A case study file", "dataset": f"A dataset file (`{DATASETS}/`)",
             "register": "A register (`data/authorities.yaml` and the others)"}
    return [
        *(Limit(f"{kind.replace(' ', '-')}-size", label, f"at most {kb(MAX_BYTES[kind])}",
                f"(file): the file is {ANY} kB; a {kind} may be at most {kb(MAX_BYTES[kind])} — "
                "shorten it, or split it in two", ("MAX_BYTES",)) for kind, label in files.items()),
        Limit("synonyms-size", f"The shorthand list (`{SYNONYMS}`)", f"at most {kb(MAX_SYNONYMS_BYTES)}",
              f"(file): the file is {ANY} kB; the synonyms may take at most {kb(MAX_SYNONYMS_BYTES)} — "
              "keep only the shorthand readers use", ("MAX_SYNONYMS_BYTES",)),
        Limit("synonyms-count", f"Entries in `{SYNONYMS}`", f"at most {MAX_SYNONYMS:,}",
              f"[{MAX_SYNONYMS}]: {ANY} entries; the file may hold at most {MAX_SYNONYMS:,} — "
              "keep only the shorthand readers use", ("MAX_SYNONYMS",)),
        Limit("yaml-depth", "Lists and mappings inside each other, in front matter or a data file",
              f"at most {MAX_YAML_DEPTH} levels",
              f"{ANY}: nested more than {MAX_YAML_DEPTH} levels deep — no field of the hub nests more than three "
              "levels: see CONTRIBUTING.md", ("MAX_YAML_DEPTH",)),
        Limit("paragraph-characters", "A paragraph or table of a case study's text",
              f"at most {MAX_BLOCK_CHARACTERS:,} characters",
              f"body: a paragraph (or table) of {ANY} characters; one may have at most {MAX_BLOCK_CHARACTERS:,} — "
              "break it into paragraphs with blank lines", ("MAX_BLOCK_CHARACTERS",)),
        Limit("paragraph-lines", "A paragraph or table of a case study's text", f"at most {MAX_BLOCK_LINES} lines",
              f"body: a paragraph (or table) of {ANY} lines; one may have at most {MAX_BLOCK_LINES} — break it into "
              "paragraphs with blank lines; a long table belongs in a dataset", ("MAX_BLOCK_LINES",)),
        Limit("nesting", "Quotes and list items inside each other, on one line", f"at most {MAX_NESTING} levels",
              f"body: quotes or lists nested more than {MAX_NESTING} levels deep — flatten the lists and quotes",
              ("MAX_NESTING",)),
        Limit("indent", "Spaces in front of a line", f"at most {MAX_INDENT} (four a level of list)",
              f"body: a line indented {ANY} spaces; a line may be indented at most {MAX_INDENT} (four a level of "
              "list) — flatten the lists", ("MAX_INDENT",)),
        Limit("bracket-depth", "Square brackets inside square brackets", f"at most {MAX_BRACKET_DEPTH} deep",
              f"body: square brackets nested more than {MAX_BRACKET_DEPTH} deep — write \\[ and \\] for brackets "
              "that are not links", ("MAX_BRACKET_DEPTH",)),
        Limit("bracket-scan", "Unclosed `[` or `](`",
              f"at most {MAX_BRACKET_SCAN:,} characters from each to the end of its paragraph, added up over the case "
              "study (the build reads them all looking for the `]` or `)`)",
              "body: unclosed '[' or '](' would make this page very slow to build — close each [ with ] and each "
              "]( with ), or write \\[ for a bracket", ("MAX_BRACKET_SCAN",)),
        Limit("emphasis-run", "`*` or `_` in a row", f"at most {MAX_EMPHASIS_RUN}",
              f"body: more than {MAX_EMPHASIS_RUN} '{ANY}' in a row — use a few, or write \\* and \\_",
              ("MAX_EMPHASIS_RUN",)),
        Limit("escapes", "Backslash escapes (`\\*`, `\\[` …) in a case study's text", f"at most {MAX_ESCAPES:,}",
              f"body: more than {MAX_ESCAPES:,} backslash escapes — remove the backslashes that are not needed",
              ("MAX_ESCAPES",)),
        Limit("amount", "An amount: `investment`, a saving's `amount`",
              f"whole pounds, less than £{MONEY_CEILING:,}",
              f"{ANY}: {ANY} is more than £{MONEY_CEILING:,}, the largest amount the hub accepts — check the digits: "
              "write the amount in whole pounds", ("MONEY_CEILING",)),
        Limit("dataset-value", "A number in a dataset: a cell or a stated total",
              f"less than {DATASET_VALUE_CEILING:,} in its column's unit",
              f"{ANY}: {ANY} is beyond {DATASET_VALUE_CEILING:,}, the largest figure the hub accepts — check the digits",
              ("DATASET_VALUE_CEILING",)),
        Limit("published-earliest", "`published`, `updated`", f"from {EARLIEST_PUBLISHED.isoformat()} to today",
              f"{ANY}: {ANY} is before {EARLIEST_PUBLISHED.year} — use the day it was added to the hub",
              ("EARLIEST_PUBLISHED",)),
        Limit("published-future", "`published`, `updated`", "not after today",
              f"{ANY}: {ANY} is in the future — use the day it was added, on or before {ANY}", ()),
        Limit("source-year", "`source.date` (of a case study or a dataset)",
              f"a year from {EARLIEST_YEAR} to this year",
              f"{ANY}: the year {ANY} is not plausible for a source document — write a year from {EARLIEST_YEAR} to "
              f"{ANY}", ("EARLIEST_YEAR",)),
        Limit("period-year", "`period.start`, `period.end`",
              f"a year from {EARLIEST_YEAR} to {PERIOD_YEARS_AHEAD} years after this one",
              f"{ANY}: the year {ANY} is not plausible for a period — write a year from {EARLIEST_YEAR} to {ANY}",
              ("EARLIEST_YEAR", "PERIOD_YEARS_AHEAD")),
        Limit("slug-length", "A case study's file name (its slug) and its `aliases`", SLUG_RULE,
              f"file name: {ANY} is not a valid slug: it has {ANY} characters — rename the file to {SLUG_RULE}"
              f"{ANY}", ("SLUG_LENGTH",)),
        Limit("title-length", "`title`", f"{TITLE_LENGTH[0]}–{TITLE_LENGTH[1]} characters",
              f"title: is {ANY} characters long — write {TITLE_LENGTH[0]}–{TITLE_LENGTH[1]} characters",
              ("TITLE_LENGTH",)),
        Limit("reserved-name", "A name the hub keeps for its own pages: a case study's file name, an alias, or the "
              "id of a dataset, theme, authority, partnership or other register entry",
              "not " + " or ".join(f"`{name}`" for name in sorted(RESERVED_NAMES)),
              f"{ANY}: '{ANY}' is reserved: in every folder of the site the page of that name lists the others there "
              f"(as {CASE_STUDY_SITE_FOLDER}/{ANY}.md does), so this one would replace one — {ANY}",
              ("RESERVED_NAMES",)),
    ]


def bound_settings() -> set[str]:
    """The settings that bound what an editor writes: every name content/settings.py sets after its first 'Bounds'
    heading."""
    source = Path(settings.__file__).read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z][A-Z_]*)\s*=", source[source.index("# --- Bounds"):], re.M))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_limits() -> str:
    """The Markdown table of limits for CONTRIBUTING.md and the Contribute page."""
    lines = [
        f"The check and the build refuse anything past these limits, each at its file and line, as "
        f"`{CASE_STUDIES}/<slug>.md:12: body: message — what to do`. The last column is what the check prints "
        "after `file:line: `, `…` standing for what varies.",
        "",
        "| You write | Limit | The check says |",
        "|---|---|---|",
    ]
    for limit in describe_limits():
        lines.append(f"| {_cell(limit.what)} | {_cell(limit.limit)} | `{_cell(limit.shown)}` |")
    return "\n".join(lines) + "\n"
