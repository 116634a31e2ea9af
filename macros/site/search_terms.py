"""The words search understands besides the ones a page holds: editors' synonyms (`content/synonyms.py`) and the
site's own vocabulary (every word of the search index), written at build time into one small JSON file the search
boxes read to correct a query (docs/javascripts/hub-pagefind.js: a shorthand is replaced by its meaning, a word no
page uses by the nearest one that pages do)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..content.models import Synonym
from ..content.settings import SYNONYMS
from ..content.synonyms import normalise
from .search import read_index
from .urls import SEARCH_TERMS

# Words as the search boxes split a query: letters and digits, anything else a separator.
WORD = re.compile(r"[^\W_]+")
MIN_WORD = 2  # one-letter words say nothing; the search boxes correct only words of four letters or more


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
            found.append(f"{SYNONYMS}:{line}: means: no page of the hub uses "
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


def read_vocabulary(site_dir: Path) -> Counter:
    """The vocabulary of the search index built into `site_dir`."""
    return collect_vocabulary(read_index(site_dir))


def write_search_terms(synonyms: list[tuple[Synonym, int]], site_dir: Path, vocabulary: Counter) -> list[str]:
    """Write `search/terms.json` from the search index's vocabulary (`read_vocabulary`) and the synonyms (the Hub's,
    validated with the rest of the content, whose problems stop the build earlier); return warnings for synonyms
    that would find nothing."""
    target = Path(site_dir) / SEARCH_TERMS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_terms(synonyms, vocabulary), encoding="utf-8")
    return describe_unused_words(synonyms, vocabulary)
