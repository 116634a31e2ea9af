"""The synonyms editors add (data/synonyms.yaml, content/synonyms.py): read and checked like the registers, every
problem at its line with what to write."""

from __future__ import annotations

import io

import pytest

from macros.cli.check import run_check
from macros.content.settings import MAX_SYNONYMS
from macros.content.settings import SYNONYMS as SYNONYMS_FILE
from macros.content.synonyms import check_synonyms, read_synonyms

from tests.conftest import ROOT


def test_the_hubs_own_synonyms_are_valid():
    synonyms, problems = read_synonyms(ROOT)
    assert problems == []
    terms = {synonym.term.lower(): synonym.means for synonym, _ in synonyms}
    assert terms["spd"] == "single person discount" and terms["revs and bens"] == "revenues and benefits"
    assert terms["lac"] == "looked after children"


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
    repo.write(SYNONYMS_FILE, text)
    problems = check_synonyms(repo.root)
    assert [(p.path, p.line, p.field) for p in problems] == [(SYNONYMS_FILE, line, field)], problems
    assert message in problems[0].message and problems[0].fix


def test_a_misspelt_field_is_reported_with_the_field_it_meant(repo):
    repo.write(SYNONYMS_FILE, "- term: SPD\n  mean: single person discount\n")
    problems = sorted(check_synonyms(repo.root))
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "[0].means", "required field is missing"), (2, "[0].mean", "unknown field 'mean'")]
    assert "did you mean 'means'" in problems[1].fix


def test_every_bad_synonym_is_reported_at_once(repo):
    repo.write(SYNONYMS_FILE, "- term: SPD\n  means: <b>x</b>\n- term: ok\n  means: fine words\n- term: LAC\n")
    assert [(p.line, p.field) for p in check_synonyms(repo.root)] == [(2, "[0].means"), (5, "[2].means")]


def test_the_synonyms_file_is_bounded_in_size_and_entries(repo):
    repo.write(SYNONYMS_FILE, "".join(f"- term: t{i}\n  means: meaning {i}\n" for i in range(MAX_SYNONYMS + 1)))
    [problem] = check_synonyms(repo.root)
    assert problem.line == 2 * MAX_SYNONYMS + 1 and f"at most {MAX_SYNONYMS}" in problem.message
    repo.write(SYNONYMS_FILE, "# " + "x" * 21_000 + "\n")
    [problem] = check_synonyms(repo.root)
    assert problem.field == "(file)" and "kB" in problem.message


def test_make_check_reports_the_synonyms_and_no_longer_calls_the_file_stray(repo):
    repo.with_site().case_study("joint-procurement")
    repo.write(SYNONYMS_FILE, "- term: SPD\n  means: single person discount\n")
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 0, out.getvalue()
    repo.write(SYNONYMS_FILE, "- term: SPD\n  means: single {person} discount\n")
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 1
    assert f"{SYNONYMS_FILE}:2: [0].means: 'single {{person}} discount' holds characters" in out.getvalue()


def test_no_synonyms_file_means_no_synonyms(repo):
    assert read_synonyms(repo.root) == ([], [])
