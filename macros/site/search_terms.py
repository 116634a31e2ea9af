"""The words search understands besides the ones a page holds: editors' synonyms (`data/synonyms.yaml`: shorthand
readers type, each with the words the hub's pages use) and the site's own vocabulary (every word of the search index),
written at build time into one small JSON file the search boxes read to correct a query (docs/javascripts/
hub-pagefind.js: a shorthand is replaced by its meaning, a word no page uses by the nearest one that pages do)."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from .load import line_of, read_yaml_file
from .models import Model, fail
from .problems import Problem

SYNONYMS_FILE = "data/synonyms.yaml"
TERMS_FILE = "search/terms.json"       # beside the search page; fetched only when a query is typed
# Bounds (SECURITY.md): a list editors read at a glance, and a file every search box may fetch.
MAX_BYTES = 20_000
MAX_SYNONYMS = 300
# Words as the search boxes split a query: letters and digits, anything else a separator.
WORD = re.compile(r"[^\W_]+")
ALLOWED = re.compile(r"^[^\W_](?:[^\W_]|[ '’&./-])*$")
MIN_WORD = 2  # one-letter words say nothing; the search boxes correct only words of four letters or more


def _plain_words(text: str) -> str:
    if not ALLOWED.fullmatch(text):
        fail(f"{text[:40]!r} holds characters other than letters, digits, spaces and - ' & . /",
             "write the words as a reader would type them, without markup or punctuation")
    return " ".join(text.split())


Words = Annotated[str, Field(min_length=2, max_length=80), AfterValidator(_plain_words)]


class Synonym(Model):
    """One shorthand or other name, and the words the hub's pages use for it."""

    term: Annotated[str, Field(min_length=2, max_length=40), AfterValidator(_plain_words)] = Field(
        description="what a reader types, e.g. SPD or revs and bens")
    means: Words = Field(description="the words the hub's pages use, e.g. single person discount")


def normalise(text: str) -> str:
    """Text as the search boxes compare it: compatibility forms folded, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def read_synonyms(root: Path) -> tuple[list[tuple[Synonym, int]], list[Problem]]:
    """The synonyms file, validated: each synonym with its line, and every problem at its line. No file: none."""
    path = Path(root) / SYNONYMS_FILE
    if not os.path.lexists(path):
        return [], []
    if path.is_file() and not path.is_symlink() and path.stat().st_size > MAX_BYTES:
        return [], [Problem(SYNONYMS_FILE, 1, "(file)", f"the file is {path.stat().st_size // 1000:,} kB; the "
                            f"synonyms may take at most {MAX_BYTES // 1000} kB", "keep only the shorthand readers use")]
    source = read_yaml_file(path, SYNONYMS_FILE, "register")
    if source.problems or source.data is None:
        return [], source.problems
    if not isinstance(source.data, list):
        return [], [Problem(SYNONYMS_FILE, 1, "(file)", "expected a list of entries",
                            "start each entry with '- term: …' and give its meaning under it as 'means: …'")]
    problems = []
    if len(source.data) > MAX_SYNONYMS:
        problems.append(Problem(SYNONYMS_FILE, source.data.item_lines[MAX_SYNONYMS], f"[{MAX_SYNONYMS}]",
                                f"{len(source.data)} entries; the file may hold at most {MAX_SYNONYMS}",
                                "keep only the shorthand readers use"))
    from .validate import validate_item  # validate imports this module's check_synonyms

    synonyms, seen = [], {}
    for index, item in enumerate(source.data[:MAX_SYNONYMS]):
        synonym, found = validate_item(Synonym, item, source, {}, (index,))
        problems += found
        if synonym is None:
            continue
        term, line = normalise(synonym.term), line_of(item, ("term",))
        if term in seen:
            problems.append(Problem(SYNONYMS_FILE, line, f"[{index}].term", f"{synonym.term!r} is already given "
                                    f"at line {seen[term]}", "keep one entry for each term"))
        elif term == normalise(synonym.means):
            problems.append(Problem(SYNONYMS_FILE, line_of(item, ("means",)), f"[{index}].means", "means the same words as the term",
                                    "give the words the hub's pages use instead, or remove the entry"))
        else:
            seen[term] = line
            synonyms.append((synonym, line))
    return synonyms, problems


def check_synonyms(root: Path) -> list[Problem]:
    return read_synonyms(root)[1]


def collect_vocabulary(pages: list[dict]) -> Counter:
    """Each word of the indexed pages (titles and text), with the number of pages that use it."""
    pages_using = Counter()
    for page in pages:
        text = normalise(f"{page.get('meta', {}).get('title', '')} {page.get('content', '')}")
        pages_using.update({word for word in WORD.findall(text) if len(word) >= MIN_WORD and not word.isdigit()})
    return pages_using


def describe_unused_words(synonyms: list[tuple[Synonym, int]], vocabulary: Counter) -> list[str]:
    """Synonyms whose meaning uses a word no indexed page does: searching for it would find nothing."""
    found = []
    for synonym, line in synonyms:
        unused = [word for word in WORD.findall(normalise(synonym.means))
                  if len(word) >= MIN_WORD and word not in vocabulary]
        if unused:
            found.append(f"{SYNONYMS_FILE}:{line}: means: no page of the hub uses "
                         f"the word{'s' if len(unused) > 1 else ''} {', '.join(repr(w) for w in unused)}, so "
                         f"{synonym.term!r} would find nothing — write the words the case studies use")
    return found


def render_terms(synonyms: list[tuple[Synonym, int]], vocabulary: Counter) -> str:
    """The JSON the search boxes read: each synonym, its term as they compare it and its meaning as written (longest
    term first, so 'revs and bens' wins over 'revs'), and each word with the number of pages using it (the commoner
    of two equally near words is the better guess)."""
    pairs = sorted(((normalise(s.term), s.means) for s, _ in synonyms), key=lambda p: (-len(p[0]), p[0]))
    words = dict(sorted(vocabulary.items(), key=lambda item: (-item[1], item[0])))
    return json.dumps({"synonyms": pairs, "words": words}, ensure_ascii=False, separators=(",", ":"))


def write_search_terms(root: Path, site_dir: Path) -> list[str]:
    """Write `search/terms.json` from the built search index and the synonyms; return warnings for synonyms that
    would find nothing. (Problems in the file itself stop the build earlier, with the rest of the content's.)"""
    from .search import read_index

    synonyms, _ = read_synonyms(root)
    vocabulary = collect_vocabulary(read_index(site_dir))
    target = Path(site_dir) / TERMS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_terms(synonyms, vocabulary), encoding="utf-8")
    return describe_unused_words(synonyms, vocabulary)
