"""Where an editor fixes what a built page shows: the source file, and the line, behind a page's text."""

from __future__ import annotations

import re
from pathlib import Path

from ..content.settings import DATASETS
from ..content.slugs import file_of
from .urls import dataset_page


def page_source(root: Path, src_uri: str, meta: dict) -> str | None:
    """The file a page's text comes from: a hand-written page in docs/, or the case study or dataset a generated
    page shows; None for pages generated from the registers as a whole."""
    meta = meta or {}
    if (Path(root) / "docs" / src_uri).is_file():
        return f"docs/{src_uri}"
    if meta.get("hub_kind") == "case-study" and meta.get("hub_slug"):
        return file_of(meta["hub_slug"])
    if meta.get("hub_kind") == "dataset" and src_uri == dataset_page(Path(src_uri).stem):
        return f"{DATASETS}/{Path(src_uri).stem}.yaml"
    return None


def find_line(path: Path, patterns) -> int:
    """The line of the first of `patterns` (regular expressions, tried in turn) found in the file, or 1."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    for pattern in patterns:
        if match := re.search(pattern, text, re.I):
            return text.count("\n", 0, match.start()) + 1
    return 1


def describe_page_source(root: Path, src_uri: str, meta: dict, patterns=()) -> str:
    """'case_studies/x.md:12' (or 'docs/x.md:3'), the line found from `patterns`; 'generated page x.md' else."""
    source = page_source(root, src_uri, meta)
    if source is None:
        return f"generated page {src_uri}"
    return f"{source}:{find_line(Path(root) / source, patterns)}"
