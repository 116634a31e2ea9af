"""The vocabulary of the search index and the synonyms, as search/terms.json for the search boxes to correct typos and
shorthand (site/search_terms.py; the synonyms themselves: tests/unit/content/test_synonyms.py)."""

from __future__ import annotations

import json
from collections import Counter

from macros.content.settings import SYNONYMS as SYNONYMS_FILE
from macros.content.synonyms import read_synonyms
from macros.site.search_terms import collect_vocabulary, render_terms


def test_the_vocabulary_counts_the_pages_using_each_word():
    pages = [{"meta": {"title": "Shared legal service"}, "content": "Legal work, shared. Legal again; 2011."},
             {"meta": {"title": "Telecare"}, "content": "Looked-after children and telecare."}]
    words = collect_vocabulary(pages)
    assert words["legal"] == 1 and words["telecare"] == 1 and words["looked"] == 1 and words["after"] == 1
    assert "2011" not in words and "a" not in words


def test_the_terms_file_lists_longer_synonyms_first_and_words_by_use(repo):
    repo.write(SYNONYMS_FILE, "- term: revs\n  means: revenues\n- term: Revs and Bens\n  means: revenues and benefits\n")
    synonyms, _ = read_synonyms(repo.root)
    terms = json.loads(render_terms(synonyms, Counter({"benefits": 1, "revenues": 3})))
    assert terms["synonyms"] == [["revs and bens", "revenues and benefits"], ["revs", "revenues"]]
    assert list(terms["words"]) == ["revenues", "benefits"] and terms["words"]["revenues"] == 3
