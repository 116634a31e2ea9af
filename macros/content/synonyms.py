"""The synonyms editors give search (data/synonyms.yaml): shorthand readers type, each with the words the hub's
pages use, read and validated with every problem at its line. The search boxes use them (`site/search_terms.py`)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from . import models
from .errors import validate_item
from .load import kilobytes, read_yaml_file
from .parse import line_of
from .problems import Problem
from .settings import MAX_SYNONYMS, MAX_SYNONYMS_BYTES, SYNONYMS


def normalise(text: str) -> str:
    """Text as the search boxes compare it: compatibility forms folded, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def read_synonyms(root: Path) -> tuple[list[tuple[models.Synonym, int]], list[Problem]]:
    """The synonyms file, validated: each synonym with its line, and every problem at its line. No file: none."""
    path = Path(root) / SYNONYMS
    if not os.path.lexists(path):
        return [], []
    if path.is_file() and not path.is_symlink() and path.stat().st_size > MAX_SYNONYMS_BYTES:
        return [], [Problem(SYNONYMS, 1, "(file)", f"the file is {kilobytes(path.stat().st_size)} kB; the "
                            f"synonyms may take at most {MAX_SYNONYMS_BYTES // 1000} kB", "keep only the shorthand readers use")]
    source = read_yaml_file(path, SYNONYMS, "register")
    if source.problems or source.data is None:
        return [], source.problems
    if not isinstance(source.data, list):
        return [], [Problem(SYNONYMS, 1, "(file)", "expected a list of entries",
                            "start each entry with '- term: …' and give its meaning under it as 'means: …'")]
    problems = []
    if len(source.data) > MAX_SYNONYMS:
        problems.append(Problem(SYNONYMS, source.data.item_lines[MAX_SYNONYMS], f"[{MAX_SYNONYMS}]",
                                f"{len(source.data)} entries; the file may hold at most {MAX_SYNONYMS}",
                                "keep only the shorthand readers use"))
    synonyms, seen = [], {}
    for index, item in enumerate(source.data[:MAX_SYNONYMS]):
        synonym, found = validate_item(models.Synonym, item, source, {}, (index,))
        problems += found
        if synonym is None:
            continue
        term, line = normalise(synonym.term), line_of(item, ("term",))
        if term in seen:
            problems.append(Problem(SYNONYMS, line, f"[{index}].term", f"{synonym.term!r} is already given "
                                    f"at line {seen[term]}", "keep one entry for each term"))
        elif term == normalise(synonym.means):
            problems.append(Problem(SYNONYMS, line_of(item, ("means",)), f"[{index}].means", "means the same words as the term",
                                    "give the words the hub's pages use instead, or remove the entry"))
        else:
            seen[term] = line
            synonyms.append((synonym, line))
    return synonyms, problems


def check_synonyms(root: Path) -> list[Problem]:
    return read_synonyms(root)[1]
