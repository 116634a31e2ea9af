"""search/terms.json in the built site: written from the index and the synonyms, and a build that warns of a meaning
no page uses."""

from __future__ import annotations

import json

from macros.content.settings import SYNONYMS as SYNONYMS_FILE
from macros.content.synonyms import read_synonyms
from macros.site.urls import SEARCH_TERMS as TERMS_FILE

from tests.conftest import ROOT


def test_the_build_writes_the_terms_and_warns_of_a_meaning_no_page_uses(repo, tmp_path):
    repo.with_site().case_study("joint-procurement")
    repo.write(SYNONYMS_FILE, "- term: JPS\n  means: joint procurement of software\n")
    site = tmp_path / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    terms = json.loads((site / TERMS_FILE).read_text(encoding="utf-8"))
    assert terms["synonyms"] == [["jps", "joint procurement of software"]]
    assert {"joint", "procurement", "software", "licences"} <= set(terms["words"])
    repo.write(SYNONYMS_FILE, "- term: SPD\n  means: single person discount\n")
    result = repo.build(tmp_path / "other")
    assert result.returncode != 0
    assert (f"{SYNONYMS_FILE}:1: means: no page of the hub uses the words 'single', 'person', 'discount', so 'SPD' "
            "would find nothing") in result.stderr


def test_the_real_sites_terms_hold_every_synonym_and_the_words_of_the_index(site):
    terms = json.loads((site / TERMS_FILE).read_text(encoding="utf-8"))
    synonyms, _ = read_synonyms(ROOT)
    assert len(terms["synonyms"]) == len(synonyms)
    assert {"telecare", "control", "revenues", "benefits", "children"} <= set(terms["words"])
    assert (site / TERMS_FILE).stat().st_size < 150_000  # fetched by every search box that corrects a query
