"""What markup contributed text may carry: bodies are Markdown with a few harmless HTML tags, fields are plain text,
addresses are web addresses. Checked on the source, so `pkhub check` stays fast and every problem has its line.
An allowlist, not a blocklist: what is not listed here is refused (see SECURITY.md)."""

from __future__ import annotations

import html
import re

from .load import Mapping, Sequence, SourceFile, Sources
from .problems import Problem

# Inline formatting Markdown has no syntax for; none of them can run, load or send anything.
ALLOWED_TAGS = {"abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
                "strong", "sub", "sup", "u", "wbr"}
ALLOWED_ATTRIBUTES = {("abbr", "title")}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

# `<name` up to the closing `>` (which may be lines later), skipping `>` inside quoted attribute values.
TAG = re.compile(r"""<(/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?""", re.S)
ATTRIBUTE = re.compile(r"""([^\s"'=/<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
OTHER_MARKUP = re.compile(r"<[!?](?!--)")                                   # <!DOCTYPE, <![CDATA[, <?php
AUTOLINK = re.compile(r"<([A-Za-z][\w+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")  # <https://…>, <name@example.org>
INLINE_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)")                 # [text](url), ![alt](url)
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)     # [label]: url
ATTR_LIST = re.compile(r"(?<!\{)\{:?[ \t]*(?![{%#])([^{}\n]*=[^{}\n]*)\}")  # {: key="value" } after a block or link
HTML_IN_TEXT = re.compile(r"<[A-Za-z/!?]")
FIX_TAG = "write it in Markdown instead: case-study bodies are plain Markdown"


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
    return scheme_of(url) is not None or re.sub(r"[\x00-\x20]", "", html.unescape(url)).startswith("//")


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


def find_body_problems(body: str) -> list[tuple[int, str, str]]:
    """(offset, what, fix) for everything in a Markdown body that could run, load, send or redirect."""
    found = []
    autolinks = {m.start(): m for m in AUTOLINK.finditer(body)}
    for match in TAG.finditer(body):
        if match.start() in autolinks:
            continue
        closing, name, attributes = match.groups()
        if closing:
            continue  # a closing tag carries nothing; its opening tag is checked
        found += [(match.start(), what, fix) for what, fix in find_tag_problems(name, attributes)]
    for match in OTHER_MARKUP.finditer(body):
        found.append((match.start(), "HTML markup", FIX_TAG))
    for match in autolinks.values():
        if problem := check_address(match.group(1)):
            found.append((match.start(), *problem))
    for match in INLINE_LINK.finditer(body):
        image, url = match.groups()
        if problem := check_address(url):
            found.append((match.start(), *problem))
        elif image and is_remote(url):
            found.append((match.start(), "an image from another host",
                          "the hub loads nothing from other hosts: link to the picture instead"))
    for match in REFERENCE.finditer(body):
        if problem := check_address(match.group(1)):
            found.append((match.start(), *problem))
    for match in ATTR_LIST.finditer(body):
        found.append((match.start(), "an attribute list {…}", "remove it: a case study sets no HTML attributes"))
    return sorted(found)


def check_body(source: SourceFile) -> list[Problem]:
    problems, seen = [], set()
    for offset, what, fix in find_body_problems(source.body):
        line = source.body_line + source.body.count("\n", 0, offset)
        if (line, what) not in seen:
            seen.add((line, what))
            problems.append(Problem(source.path, line, "body", f"{what} is not allowed in contributed content", fix))
    return problems


def walk_strings(data, path: str = "", line: int = 1):
    """(field path, line, text) of every string in parsed YAML."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield from walk_strings(value, f"{path}.{key}" if path else str(key), data.key_lines.get(key, data.line))
    elif isinstance(data, Sequence):
        for index, value in enumerate(data):
            yield from walk_strings(value, f"{path}[{index}]", data.item_lines[index])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk_strings(value, f"{path}[{index}]", line)
    elif isinstance(data, str):
        yield path, line, data


def check_fields(source: SourceFile) -> list[Problem]:
    """Fields become page titles, descriptions and attributes, some outside any escaping: plain text only."""
    problems = []
    for field, line, text in walk_strings(source.data):
        if HTML_IN_TEXT.search(text):
            problems.append(Problem(source.path, line, field, "HTML is not allowed in a field",
                                    "write plain text: remove the <…> tags"))
        elif field.rsplit(".", 1)[-1] == "url" and (problem := check_address(text)):
            problems.append(Problem(source.path, line, field, f"{problem[0]} is not allowed", problem[1]))
        elif field.rsplit(".", 1)[-1] == "url" and scheme_of(text) not in ("http", "https"):
            problems.append(Problem(source.path, line, field, f"{text!r} is not a web address",
                                    "write the full address, starting https://"))
    return problems


def check_contributed(sources: Sources, known: list[Problem]) -> list[Problem]:
    """Every markup problem in every source file, leaving out lines already reported by the models."""
    reported = {(p.path, p.line) for p in known}
    problems = []
    for source in [*sources.registers.values(), *sources.case_studies, *sources.datasets]:
        problems += check_fields(source)
    for source in sources.case_studies:
        problems += check_body(source)
    return [p for p in problems if (p.path, p.line) not in reported]
