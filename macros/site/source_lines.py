"""Where an editor fixes what a built page shows: the source file, and the line, behind a page's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.load import read_front_matter
from ..content.settings import DATASETS
from ..content.slugs import file_of
from .urls import case_study_page, dataset_page

# What may come just before a link's address in Markdown or HTML: `](`, `](<`, `[ref]: `, `href="`, `src=`.
LINK_OPENING = re.compile(r"""(?:\]\(\s*<?|\]:[ \t]*<?|(?:href|src)\s*=\s*["']?)$""", re.I)
NOT_IN_ADDRESS = frozenset(" \t\n()<>\"'[]")
ADDRESS_END = r"""(?=[\s()<>"'\]]|$)"""
LOOK_BACK = 300      # characters before an address searched for its link's opening
MOST_MATCHES = 1000  # places a needle is tried at: the search stays linear in the file, however often it occurs


@dataclass(frozen=True)
class SourceLine:
    """A line of a source file: 'case_studies/x.md:12'."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class SourceText:
    """A source file's text and where in it the Markdown body starts (after a case study's front matter)."""

    text: str
    body_start: int = 0  # offset of the body's first character
    body_line: int = 1

    def line_at(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


@dataclass
class PageSources:
    """Each page of a build and the file its editor-written text comes from: a hand-written page in docs/, the case
    study a generated case-study page shows, the dataset a dataset page shows; pages generated from the registers
    as a whole have none. Also the links MkDocs has already reported, so the link check does not report them again."""

    root: Path
    sources: dict[str, str] = field(default_factory=dict)     # page src_uri -> 'docs/x.md', 'case_studies/x.md'
    src_of_dest: dict[str, str] = field(default_factory=dict)  # built file -> page src_uri
    reported: set = field(default_factory=set)                # (src_uri, href) and (src_uri, target, fragment)
    texts: dict[str, SourceText | None] = field(default_factory=dict)

    @classmethod
    def from_files(cls, root: Path, files, case_study_slugs=(), dataset_ids=()) -> "PageSources":
        generated = {case_study_page(slug): file_of(slug) for slug in case_study_slugs}
        generated |= {dataset_page(dataset_id): f"{DATASETS}/{dataset_id}.yaml" for dataset_id in dataset_ids}
        found = cls(Path(root))
        for file in files.documentation_pages():
            found.src_of_dest[file.dest_uri] = file.src_uri
            if getattr(file, "generated_by", None) is None and file.abs_src_path:
                try:
                    found.sources[file.src_uri] = Path(file.abs_src_path).relative_to(found.root).as_posix()
                except ValueError:
                    continue  # a docs folder outside the repository: no path an editor would know
            elif file.src_uri in generated:
                found.sources[file.src_uri] = generated[file.src_uri]
        return found

    def source_of(self, src_uri: str) -> str | None:
        return self.sources.get(src_uri)

    def read(self, source: str) -> SourceText | None:
        """A source file's text (read once a build), its body found for a case study."""
        if source not in self.texts:
            path = self.root / source
            if source.endswith(".md") and not source.startswith("docs/"):
                parsed = read_front_matter(path, source)
                if parsed.data is None:
                    self.texts[source] = None
                else:
                    text = path.read_text(encoding="utf-8-sig")
                    start = len("".join(text.splitlines(keepends=True)[:parsed.body_line - 1]))
                    self.texts[source] = SourceText(text, start, parsed.body_line)
            else:
                try:
                    self.texts[source] = SourceText(path.read_text(encoding="utf-8-sig"))
                except (OSError, UnicodeDecodeError):
                    self.texts[source] = None
        return self.texts[source]

    def locate(self, src_uri: str, patterns=()) -> SourceLine | None:
        """The source line behind a page: where the first of `patterns` (regular expressions, tried in turn) is
        found, in a case study's body before its front matter; else the body's first line. None for a page no
        editor writes."""
        source = self.source_of(src_uri)
        if source is None:
            return None
        text = self.read(source)
        if text is None:
            return SourceLine(source, 1)
        for pattern in patterns:
            compiled = re.compile(pattern, re.I)
            match = compiled.search(text.text, text.body_start) or compiled.search(text.text, 0, text.body_start)
            if match:
                return SourceLine(source, text.line_at(match.start()))
        return SourceLine(source, text.body_line)

    def locate_link(self, src_uri: str, address: str, written: bool = True) -> SourceLine | None:
        """The line where a page's source writes a link to `address`: as written in Markdown (`written`), or as
        the built page has it, where MkDocs may have turned 'x.md#a' into '../x/#a' (found then by its anchor,
        or by its last folder or file name)."""
        source = self.source_of(src_uri)
        if source is None:
            return None
        text = self.read(source)
        if text is None:
            return SourceLine(source, 1)
        for needle in link_needles(address, written):
            if offset := find_link(text, needle):
                return SourceLine(source, text.line_at(offset))
        return SourceLine(source, text.body_line)


def link_needles(address: str, written: bool) -> list[str]:
    """What to look for in the source, surest first: the address itself, then (for a built address) its
    #anchor and its last folder or file name."""
    needles = [address]
    if address != unquote(address):
        needles.append(unquote(address))
    if not written:
        parts = urlsplit(address)
        if parts.fragment:
            needles.append(f"#{parts.fragment}")
        name = [part for part in parts.path.split("/") if part not in ("", ".", "..", "index.html")]
        if name:
            needles.append(name[-1])
    return needles


def find_link(text: SourceText, needle: str) -> int | None:
    """The offset of the first place in the source (the body first) where `needle` ends a link's address or is all
    of it, else where it first appears followed by the end of an address; None if nowhere."""
    pattern = re.compile(re.escape(needle) + ADDRESS_END)
    fallback = None
    tried = 0
    for start, end in ((text.body_start, len(text.text)), (0, text.body_start)):
        for match in pattern.finditer(text.text, start, end):
            before = text.text[max(0, match.start() - LOOK_BACK):match.start()]
            address_start = len(before)
            while address_start and before[address_start - 1] not in NOT_IN_ADDRESS:
                address_start -= 1
            if LINK_OPENING.search(before[max(0, address_start - 8):address_start]):
                return match.start()
            fallback = match.start() if fallback is None else fallback
            tried += 1
            if tried >= MOST_MATCHES:
                return fallback
    return fallback
