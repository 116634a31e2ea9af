"""search/terms.json in the built site: written from the index and the synonyms, and a build that warns of a meaning
no page uses."""

from __future__ import annotations

import json

from macros.content.settings import SYNONYMS as SYNONYMS_FILE
from macros.content.synonyms import read_synonyms
from macros.site.urls import SEARCH_TERMS as TERMS_FILE

from tests.conftest import ROOT


def test_the_build_writes_the_terms_of_its_index_and_its_synonyms(pages_hub):
    terms = json.loads((pages_hub.site / TERMS_FILE).read_text(encoding="utf-8"))
    assert terms["synonyms"] == [["jps", "joint procurement of software"]]
    assert {"joint", "procurement", "software", "licences"} <= set(terms["words"])


def test_the_build_warns_of_a_meaning_no_page_uses(stopped_build):
    _, _, result = stopped_build  # the pages hub with 'SPD' added to its synonyms
    assert result.returncode != 0
    assert (f"{SYNONYMS_FILE}:3: means: no page of the hub uses the words 'single', 'person', 'discount', so 'SPD' "
            "would find nothing") in result.stderr
    assert "'JPS'" not in result.stderr


def test_the_real_sites_terms_hold_every_synonym_and_the_words_of_the_index(site):
    terms = json.loads((site / TERMS_FILE).read_text(encoding="utf-8"))
    synonyms, _ = read_synonyms(ROOT)
    assert len(terms["synonyms"]) == len(synonyms)
    assert {"telecare", "control", "revenues", "benefits", "children"} <= set(terms["words"])
    assert (site / TERMS_FILE).stat().st_size < 150_000  # fetched by every search box that corrects a query
