"""Generated HTML carried past Markdown: listings, tables and facts are HTML the hub builds from escaped text
(`html/`), and a page's Markdown holds each piece between two markers. The plugin lifts the pieces out before
Python-Markdown runs and puts them back in what it returns, so Markdown converts only what people wrote and the
headings around the pieces (which keep the theme's table of contents and permalinks).

Measured on an 80 kB listing of 300 case studies: 82 ms as a Markdown list, 30 ms as raw HTML (which MkDocs and
Markdown each parse with `html.parser`), 0.3 ms lifted."""

from __future__ import annotations

import html
import re
import secrets

# A key of this run in every marker: text an editor writes cannot open or close a piece. (A piece only skips
# Markdown; every page's content still passes the sanitiser after the pieces are back.)
KEY = secrets.token_hex(8)
OPEN, CLOSE = f"<!--hub-html {KEY}-->", f"<!--/hub-html {KEY}-->"
PIECE = re.compile(re.escape(OPEN) + r"\n?(.*?)\n?" + re.escape(CLOSE), re.S)
# What stands in a piece's place while Markdown runs: letters and digits, which Markdown leaves as they are.
TOKEN = re.compile(rf"(<p>)?hubhtml{KEY}n(\d+)n(</p>)?")
ANCHOR = re.compile(r'\sid="([^"]+)"')


def html_block(markup: str) -> str:
    """HTML for a page's Markdown, as a block of its own that Markdown leaves alone."""
    return f"\n\n{OPEN}\n{markup}\n{CLOSE}\n\n"


def html_inline(markup: str) -> str:
    """HTML for a page's Markdown where a macro's output stands, in a paragraph or a block of its own."""
    return f"{OPEN}\n{markup}\n{CLOSE}"


def lift_html(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each piece replaced by a token, and the pieces in order."""
    if OPEN not in markdown:
        return markdown, []
    pieces: list[str] = []

    def stash(match: re.Match) -> str:
        pieces.append(match.group(1))
        return f"hubhtml{KEY}n{len(pieces) - 1}n"

    return PIECE.sub(stash, markdown), pieces


def restore_html(content: str, pieces: list[str]) -> str:
    """Markdown's HTML with each token replaced by its piece (a token alone in a paragraph by the piece alone)."""
    if not pieces:
        return content

    def put(match: re.Match) -> str:
        piece = pieces[int(match.group(2))]
        if match.group(1) and match.group(3):
            return piece
        return (match.group(1) or "") + piece + (match.group(3) or "")

    return TOKEN.sub(put, content)


def anchor_ids(pieces: list[str]) -> set[str]:
    """The ids the pieces give their elements, which links from other pages may name after '#'."""
    return {html.unescape(found) for piece in pieces for found in ANCHOR.findall(piece)}
