"""The synonyms editors add (data/synonyms.yaml) and the vocabulary of the search index, written at build time into
search/terms.json for the search boxes to correct typos and shorthand (content/synonyms.py, site/search_terms.py)."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from macros.cli.check import run_check
from macros.content.settings import MAX_SYNONYMS
from macros.content.settings import SYNONYMS as SYNONYMS_FILE
from macros.content.synonyms import check_synonyms, read_synonyms
from macros.site.search_terms import collect_vocabulary, render_terms
from macros.site.urls import SEARCH_TERMS as TERMS_FILE

from tests.conftest import ROOT


def test_the_hubs_own_synonyms_are_valid():
    synonyms, problems = read_synonyms(ROOT)
    assert problems == []
    terms = {synonym.term.lower(): synonym.means for synonym, _ in synonyms}
    assert terms["spd"] == "single person discount" and terms["revs and bens"] == "revenues and benefits"
    assert terms["lac"] == "looked after children"


def write_synonyms(repo, text: str) -> None:
    repo.write(SYNONYMS_FILE, text)


# Bad synonyms as an editor would write them: the message names the line and the field, and says what to write.
@pytest.mark.parametrize("text, line, field, message", [
    ("- term: SPD\n", 1, "[0].means", "required field is missing"),
    ("- term: SPD\n  means: <img src=x onerror=alert(1)>\n", 2, "[0].means", "holds characters other than"),
    ("- term: '{{ config }}'\n  means: single person discount\n", 1, "[0].term", "holds characters other than"),
    ("- term: SPD\n  means: single person discount\n- term: spd\n  means: special purpose\n", 3, "[1].term",
     "'spd' is already given at line 1"),
    ("- term: council tax\n  means: Council  Tax\n", 2, "[0].means", "means the same words as the term"),
    ("- term: " + "x" * 41 + "\n  means: single person discount\n", 1, "[0].term", "is 41 characters long"),
    ("term: SPD\nmeans: single person discount\n", 1, "(file)", "expected a list of entries"),
    ("- term: !!python/object:os.system SPD\n  means: x y\n", 1, "(file)", "YAML tags are refused"),
])
def test_a_bad_synonym_is_reported_at_its_line_with_what_to_write(repo, text, line, field, message):
    write_synonyms(repo, text)
    problems = check_synonyms(repo.root)
    assert [(p.path, p.line, p.field) for p in problems] == [(SYNONYMS_FILE, line, field)], problems
    assert message in problems[0].message and problems[0].fix


def test_a_misspelt_field_is_reported_with_the_field_it_meant(repo):
    write_synonyms(repo, "- term: SPD\n  mean: single person discount\n")
    problems = sorted(check_synonyms(repo.root))
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "[0].means", "required field is missing"), (2, "[0].mean", "unknown field 'mean'")]
    assert "did you mean 'means'" in problems[1].fix


def test_every_bad_synonym_is_reported_at_once(repo):
    write_synonyms(repo, "- term: SPD\n  means: <b>x</b>\n- term: ok\n  means: fine words\n- term: LAC\n")
    assert [(p.line, p.field) for p in check_synonyms(repo.root)] == [(2, "[0].means"), (5, "[2].means")]


def test_the_synonyms_file_is_bounded_in_size_and_entries(repo):
    write_synonyms(repo, "".join(f"- term: t{i}\n  means: meaning {i}\n" for i in range(MAX_SYNONYMS + 1)))
    [problem] = check_synonyms(repo.root)
    assert problem.line == 2 * MAX_SYNONYMS + 1 and f"at most {MAX_SYNONYMS}" in problem.message
    write_synonyms(repo, "# " + "x" * 21_000 + "\n")
    [problem] = check_synonyms(repo.root)
    assert problem.field == "(file)" and "kB" in problem.message


def test_make_check_reports_the_synonyms_and_no_longer_calls_the_file_stray(repo):
    repo.with_site().case_study("joint-procurement")
    write_synonyms(repo, "- term: SPD\n  means: single person discount\n")
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 0, out.getvalue()
    write_synonyms(repo, "- term: SPD\n  means: single {person} discount\n")
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 1
    assert f"{SYNONYMS_FILE}:2: [0].means: 'single {{person}} discount' holds characters" in out.getvalue()


def test_no_synonyms_file_means_no_synonyms(repo):
    assert read_synonyms(repo.root) == ([], [])


# --- The vocabulary and the file the search boxes read -----------------------------------------------------------

def test_the_vocabulary_counts_the_pages_using_each_word():
    pages = [{"meta": {"title": "Shared legal service"}, "content": "Legal work, shared. Legal again; 2011."},
             {"meta": {"title": "Telecare"}, "content": "Looked-after children and telecare."}]
    words = collect_vocabulary(pages)
    assert words["legal"] == 1 and words["telecare"] == 1 and words["looked"] == 1 and words["after"] == 1
    assert "2011" not in words and "a" not in words


def test_the_terms_file_lists_longer_synonyms_first_and_words_by_use(repo):
    write_synonyms(repo, "- term: revs\n  means: revenues\n- term: Revs and Bens\n  means: revenues and benefits\n")
    synonyms, _ = read_synonyms(repo.root)
    terms = json.loads(render_terms(synonyms, Counter({"benefits": 1, "revenues": 3})))
    assert terms["synonyms"] == [["revs and bens", "revenues and benefits"], ["revs", "revenues"]]
    assert list(terms["words"]) == ["revenues", "benefits"] and terms["words"]["revenues"] == 3


def test_the_build_writes_the_terms_and_warns_of_a_meaning_no_page_uses(repo, tmp_path):
    repo.with_site().case_study("joint-procurement")
    write_synonyms(repo, "- term: JPS\n  means: joint procurement of software\n")
    site = tmp_path / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    terms = json.loads((site / TERMS_FILE).read_text(encoding="utf-8"))
    assert terms["synonyms"] == [["jps", "joint procurement of software"]]
    assert {"joint", "procurement", "software", "licences"} <= set(terms["words"])
    write_synonyms(repo, "- term: SPD\n  means: single person discount\n")
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
