"""Markdown shapes that Python-Markdown handles in quadratic time or by deep recursion, refused before a build
renders them: every check here is one linear pass, and any body within these limits renders in linear time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .settings import (
    MAX_BLOCK_CHARACTERS, MAX_BLOCK_LINES, MAX_BRACKET_DEPTH, MAX_BRACKET_SCAN, MAX_EMPHASIS_RUN, MAX_ESCAPES,
    MAX_INDENT, MAX_NESTING,
)

BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
CONTAINER_PREFIX = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
EMPHASIS_RUN = re.compile(r"\*{%d,}|_{%d,}" % (MAX_EMPHASIS_RUN + 1, MAX_EMPHASIS_RUN + 1))
ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>:|\"']")
BRACKET = re.compile(r"\\.|[\[\]()]", re.S)
FIX_SPLIT = "break it into paragraphs with blank lines"


@dataclass(frozen=True)
class ShapeProblem:
    offset: int     # in the body
    what: str       # the whole message: a shape is refused for its size, not for what it is
    fix: str


def blocks(text: str):
    """(offset, block) of each run of lines between blank lines, as Python-Markdown splits them."""
    start = 0
    for match in BLOCK_BREAK.finditer(text):
        yield _trimmed(text, start, match.start())
        start = match.end()
    yield _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, str]:
    """A block less the blank lines it starts with, so its offset is the start of the line its text is on."""
    while (newline := text.find("\n", start, end)) != -1 and not text[start:newline].strip(" \t"):
        start = newline + 1
    return start, text[start:end]


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def find_nesting(line: str) -> int:
    """Quote and list markers at the start of a line: each is a level Python-Markdown recurses into."""
    depth, position = 0, 0
    while match := CONTAINER_PREFIX.match(line, position):
        depth += 1
        position = match.end()
        if depth > MAX_NESTING:
            break
    return depth


def measure_brackets(block: str) -> tuple[int, int, int | None]:
    """(characters scanned, deepest nesting, offset of the first unclosed '[') for one block, as Python-Markdown's
    link processor scans it: from every '[' to its ']' and from every '](' to its ')', or to the block's end."""
    end = len(block)
    squares, rounds = [], []
    scanned = depth = 0
    first_open = None
    for match in BRACKET.finditer(block):
        char, at = match.group(), match.start()
        if char == "[":
            squares.append(at)
            depth = max(depth, len(squares))
        elif char == "]":
            if squares:
                scanned += at - squares.pop()
        elif char == "(":
            rounds.append((at, block[at - 1:at] == "]"))
        elif char == ")" and rounds:
            opened, is_link = rounds.pop()
            if is_link:
                scanned += at - opened
    unclosed_links = [at for at, is_link in rounds if is_link]
    scanned += sum(end - at for at in squares) + sum(end - at for at in unclosed_links)
    if squares or unclosed_links:
        first_open = min(squares[:1] + unclosed_links[:1])
    return scanned, depth, first_open


def find_shape_problems(body: str) -> list[ShapeProblem]:
    """Everything in a body that would make rendering it slow or deep; `body` has its code spans blanked."""
    found = []
    scanned, first = 0, None
    for start, block in blocks(body):
        if (length := len(block.rstrip("\n"))) > MAX_BLOCK_CHARACTERS:  # the file's last line break is no character
            found.append(ShapeProblem(start, f"a paragraph (or table) of {length:,} characters; one may have at "
                                             f"most {MAX_BLOCK_CHARACTERS:,}", FIX_SPLIT))
            continue  # its other shapes are beside the point until it is split
        lines = block.rstrip("\n").count("\n") + 1
        if lines > MAX_BLOCK_LINES:
            found.append(ShapeProblem(start, f"a paragraph (or table) of {lines} lines; one may have at most "
                                             f"{MAX_BLOCK_LINES}", FIX_SPLIT + "; a long table belongs in a dataset"))
            continue
        line_start = start
        for line in block.split("\n"):
            if find_nesting(line) > MAX_NESTING:
                found.append(ShapeProblem(line_start, f"quotes or lists nested more than {MAX_NESTING} levels deep",
                                          "flatten the lists and quotes"))
            elif (indent := _indent(line)) > MAX_INDENT:
                found.append(ShapeProblem(line_start, f"a line indented {indent} spaces; a line may be indented at "
                                          f"most {MAX_INDENT} (four a level of list)", "flatten the lists"))
            line_start += len(line) + 1
        cost, depth, first_open = measure_brackets(block)
        if depth > MAX_BRACKET_DEPTH:
            found.append(ShapeProblem(start, f"square brackets nested more than {MAX_BRACKET_DEPTH} deep",
                                      "write \\[ and \\] for brackets that are not links"))
        scanned += cost
        if first is None and first_open is not None:
            first = start + first_open
    if scanned > MAX_BRACKET_SCAN:
        offset = first if first is not None else 0
        found.append(ShapeProblem(offset, "unclosed '[' or '](' would make this page very slow to build",
                                  "close each [ with ] and each ]( with ), or write \\[ for a bracket"))
    if match := EMPHASIS_RUN.search(body):
        found.append(ShapeProblem(match.start(), f"more than {MAX_EMPHASIS_RUN} '{match.group()[0]}' in a row",
                                  "use a few, or write \\* and \\_"))
    escapes = [match.start() for match in ESCAPE.finditer(body)]
    if len(escapes) > MAX_ESCAPES:
        found.append(ShapeProblem(escapes[MAX_ESCAPES], f"more than {MAX_ESCAPES:,} backslash escapes",
                                  "remove the backslashes that are not needed"))
    return found
