"""What contributed text may hold: bodies are Markdown with a few harmless HTML tags and none of the template's
placeholders, fields are plain text, addresses are web addresses. Checked on the source, so `pkhub check` stays fast
and every problem has its line (the models apply the field rules, `fields.py`). An allowlist, not a blocklist: what
is not listed here is refused (see SECURITY.md)."""

from __future__ import annotations

import html
import re

from .load import SourceFile
from .problems import Problem
from .shape import BRACKET, blocks, find_shape_problems

# Inline formatting Markdown has no syntax for; none of them can run, load or send anything.
ALLOWED_TAGS = {"abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
                "strong", "sub", "sup", "u", "wbr"}
ALLOWED_ATTRIBUTES = {("abbr", "title")}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

# Every pattern is linear: none can scan past the next '<' (or line) it started from, so no input makes the check
# quadratic (a body of 100 kB of '<' took 97 s with the earlier patterns).
# `<name` up to the closing `>` (which may be lines later), skipping `>` inside quoted attribute values.
TAG = re.compile(r"""<(/?)([A-Za-z][\w-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>?""")
ATTRIBUTE = re.compile(r"""([^\s"'=/<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
OTHER_MARKUP = re.compile(r"<[!?](?!--)")                                   # <!DOCTYPE, <![CDATA[, <?php
AUTOLINK = re.compile(r"<([A-Za-z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")  # <https://…>, <name@example.org>
LINK_TARGET = re.compile(r"\]\(\s*<?([^()\s<>\]]*)")                       # [text](url), ![alt](url)
# [label]: url — anywhere, so also inside a quote or list item, with the address perhaps on the next line
REFERENCE = re.compile(r"\]:[ \t]*(?:\n[ \t>]*)?<?([^\s>]+)")
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")                             # {: #id .class key=value }
ATTR_SETTING = re.compile(r"""[^\s="'{}]+=""")                              # key= inside an attribute list
# An event attribute after a tag opens and before any '>': also when a quoted '<' cut TAG short.
TAG_STATE = re.compile(r"<[A-Za-z]|>|(?<=[\s\"'/])on[a-z]+\s*=", re.I)
CODE_SPAN_FENCE = re.compile(r"(?<!\\)`+")
HTML_IN_TEXT = re.compile(r"<[A-Za-z/!?]")
FIX_TAG = "write it in Markdown instead: case-study bodies are plain Markdown"
PLACEHOLDER = re.compile(r"\b(?:REPLACE|TODO)\b")  # the lines `pkhub new` leaves for the editor to write over
PLACEHOLDER_FIX = "write your own text in place of each line marked REPLACE"


def describe_placeholder(line: str) -> str:
    line = line.strip()
    return f"still has the template's placeholder {line if len(line) <= 80 else line[:79] + '…'!r}"


def describe_tag(name: str) -> str:
    return f"{'an' if name[0] in 'aeiou' else 'a'} <{name}> element"


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, and tabs, newlines and spaces removed as browsers do."""
    clean = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", clean)
    return match.group(1) if match else None


def check_address(url: str) -> tuple[str, str] | None:
    """(what, fix) when an address is not a web or mail address."""
    scheme = scheme_of(url)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    if scheme in ("javascript", "vbscript", "data"):
        return "a javascript: (or data:) link", "link to an https:// address instead"
    return f"a {scheme}: link", "link to an https:// or mailto: address instead"


def is_remote(url: str) -> bool:
    """An address on another host: with a scheme, or starting '//' (browsers read a backslash as a slash)."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(url)).replace("\\", "/")
    return scheme_of(url) is not None or plain.startswith("//")


def find_tag_problems(name: str, attributes: str) -> list[tuple[str, str]]:
    name = name.lower()
    found = []
    pairs = [(key.lower(), value.strip("\"'") if value else "") for key, value in ATTRIBUTE.findall(attributes)]
    if any(key.startswith("on") for key, _ in pairs):
        found.append(("an on…= event attribute", "remove the attribute"))
    for key, value in pairs:
        if (problem := check_address(value)) and key in ("href", "src", "action", "formaction", "data", "xlink:href"):
            found.append(problem)
    if name not in ALLOWED_TAGS:
        found.append((describe_tag(name), FIX_TAG))
    else:
        found += [(f"the attribute {key}= on <{name}>", "remove the attribute") for key, _ in pairs
                  if (name, key) not in ALLOWED_ATTRIBUTES and not key.startswith("on")]
    return found


def blank_code_spans(body: str) -> str:
    """The body with the inside of each `code span` blanked (newlines kept, so offsets and lines stay): markup in
    code is shown as written, never run. A span opens with a run of backticks and closes at the next run of the
    same length in the same paragraph, as Python-Markdown reads them; found in one pass."""
    chars = list(body)
    for start, block in blocks(body):
        runs: dict[int, list[int]] = {}
        fences = [(m.start(), len(m.group())) for m in CODE_SPAN_FENCE.finditer(block)]
        for position, length in fences:
            runs.setdefault(length, []).append(position)
        used = {length: 0 for length in runs}  # how far into each length's list spans have been taken
        cursor = 0
        for position, length in fences:
            if position < cursor:
                continue
            same = runs[length]
            index = used[length]
            while index < len(same) and same[index] <= position:
                index += 1
            used[length] = index
            if index == len(same):
                continue  # never closed: the backticks are text
            close = same[index]
            used[length] = index + 1
            for at in range(start + position + length, start + close):
                if chars[at] != "\n":
                    chars[at] = " "
            cursor = close + length
    return "".join(chars)


def find_body_problems(body: str) -> list[tuple[int, str, str]]:
    """(offset, message, fix) for everything in a Markdown body that could run, load, send or redirect, or that
    would make the page slow to build."""
    text = blank_code_spans(body)
    shapes = [(problem.offset, problem.what, problem.fix) for problem in find_shape_problems(text)]
    return sorted(shapes + [(offset, f"{what} is not allowed in contributed content", fix)
                            for offset, what, fix in find_markup_problems(text)])


def find_markup_problems(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, fix) for what could run, load, send or redirect; `text` has its code spans blanked."""
    found = []
    autolinks = {m.start(): m for m in AUTOLINK.finditer(text)}
    for match in TAG.finditer(text):
        if match.start() in autolinks:
            continue
        closing, name, attributes = match.groups()
        if closing:
            continue  # a closing tag carries nothing; its opening tag is checked
        found += [(match.start(), what, fix) for what, fix in find_tag_problems(name, attributes)]
    inside = False
    for match in TAG_STATE.finditer(text):
        token = match.group()
        if token.startswith("<"):
            inside = True
        elif token == ">":
            inside = False
        elif inside:
            found.append((match.start(), "an on…= event attribute", "remove the attribute"))
    for match in OTHER_MARKUP.finditer(text):
        found.append((match.start(), "HTML markup", FIX_TAG))
    for match in autolinks.values():
        if problem := check_address(match.group(1)):
            found.append((match.start(), *problem))
    image_ends = find_image_ends(text)
    for match in LINK_TARGET.finditer(text):
        url = match.group(1)
        if problem := check_address(url):
            found.append((match.start(), *problem))
        elif is_remote(url) and match.start() in image_ends:
            found.append((match.start(), "an image from another host",
                          "the hub loads nothing from other hosts: link to the picture instead"))
    for match in REFERENCE.finditer(text):
        url = match.group(1)
        if problem := check_address(url):
            found.append((match.start(), *problem))
        elif is_remote(url) and "![" in text:  # a reference an image could use: pictures only from the site
            found.append((match.start(), "an image from another host",
                          "the hub loads nothing from other hosts: link to the picture instead"))
    for match in ATTR_LIST.finditer(text):
        if ATTR_SETTING.search(match.group(1)):
            found.append((match.start(), "an attribute list {…}", "remove it: a case study sets no HTML attributes"))
    return sorted(found)


def find_image_ends(text: str) -> set[int]:
    """Offsets of the ']' that end an image's alt text, '![…]', matched as Python-Markdown nests brackets."""
    ends = set()
    for start, block in blocks(text):
        opened = []
        for match in BRACKET.finditer(block):
            char = match.group()
            if char == "[":
                opened.append(match.start())
            elif char == "]" and opened:
                at = opened.pop()
                if block[at - 1:at] == "!":
                    ends.add(start + match.start())
    return ends


def check_body(source: SourceFile) -> list[Problem]:
    """Every placeholder and every markup problem of a case study's body, each at its own line."""
    problems = []
    for offset, text in enumerate(source.body.splitlines()):
        if PLACEHOLDER.search(text):
            problems.append(Problem(source.path, source.body_line + offset, "body", describe_placeholder(text),
                                    PLACEHOLDER_FIX))
    seen = set()  # one markup problem of a kind per line
    for offset, message, fix in find_body_problems(source.body):
        line = source.body_line + source.body.count("\n", 0, offset)
        if (line, message) not in seen:
            seen.add((line, message))
            problems.append(Problem(source.path, line, "body", message, fix))
    return problems


def describe_field_markup(text: str) -> tuple[str, str] | None:
    """(message, fix) when a field's text holds HTML: fields become titles, descriptions and attributes."""
    if HTML_IN_TEXT.search(text):
        return "HTML is not allowed in a field", "write plain text: remove the <…> tags"
    return None


def describe_field_address(text: str) -> tuple[str, str] | None:
    """(message, fix) when a field's address is not a web address."""
    if problem := check_address(text):
        return f"{problem[0]} is not allowed", problem[1]
    if scheme_of(text) not in ("http", "https"):
        return f"{text!r} is not a web address", "write the full address, starting https://"
    return None
