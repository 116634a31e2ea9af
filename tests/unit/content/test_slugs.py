"""Slugs (content/slugs.py): the one slugify, and published addresses that keep working — a recorded slug must stay a
case study's slug or one of its aliases."""

from __future__ import annotations

import argparse
import io

import pytest

from macros.cli.check import run_check
from macros.cli.slugs import run as run_slugs
from macros.content.settings import PUBLISHED_SLUGS as RECORD
from macros.content.slugs import SLUG_PATTERN, check_published_slugs, read_record, slugify, update_record
from macros.content.validation import check_repository

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER


def problems_for(repo) -> list[str]:
    content, _ = check_repository(repo.root, today=TODAY)
    return [str(problem) for problem in check_published_slugs(repo.root, content)]


def record(repo, *slugs):
    repo.write(RECORD, "# published\n" + "".join(f"{slug}\n" for slug in slugs))


def test_repository_record_holds_only_addresses_that_still_work():
    content, _ = check_repository(ROOT)
    assert read_record(ROOT), "data/published-slugs.txt records the published case studies"
    assert check_published_slugs(ROOT, content) == []


def test_removing_a_published_slug_without_an_alias_fails_with_a_clear_message(repo):
    repo.case_study("joint-software-buying")  # renamed from joint-software, alias forgotten
    record(repo, "joint-software")
    assert problems_for(repo) == [
        f"{RECORD}:2: published slug: /case-studies/joint-software/ was published but no case study has the slug "
        "'joint-software' or lists it under aliases: — if you renamed the file, add 'aliases: [joint-software]' to "
        "case_studies/joint-software-buying.md; to withdraw it on purpose, delete this line in the same pull request"]


def test_a_renamed_case_study_listing_its_old_slug_as_an_alias_passes(repo):
    repo.case_study("joint-software-buying", VALID_FRONT_MATTER + "aliases: [joint-software]\n")
    record(repo, "joint-software", "joint-software-buying")
    assert problems_for(repo) == []


def test_a_published_case_study_turned_into_a_draft_fails(repo):
    repo.case_study("joint-software", VALID_FRONT_MATTER + "draft: true\n")
    record(repo, "joint-software")
    [problem] = problems_for(repo)
    assert "case_studies/joint-software.md was published and is now a draft" in problem


def test_a_hub_without_a_record_checks_nothing(repo):
    repo.case_study("joint-software")
    assert problems_for(repo) == []


def test_hub_check_fails_on_a_lost_address(repo):
    repo.case_study("joint-software-buying")
    record(repo, "joint-software")
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 1
    assert f"{RECORD}:2: published slug: /case-studies/joint-software/ was published" in out.getvalue()


def test_update_appends_new_published_slugs_and_aliases_but_not_drafts(repo):
    repo.case_study("joint-software", VALID_FRONT_MATTER + "aliases: [software-together]\n")
    repo.case_study("secret-draft", VALID_FRONT_MATTER + "draft: true\n")
    record(repo, "zebra-crossings-older")  # kept, and new ones go after it
    repo.case_study("zebra-crossings-older")
    content, _ = check_repository(repo.root, today=TODAY)
    assert update_record(repo.root, content) == ["joint-software", "software-together"]
    assert (repo.root / RECORD).read_text() == "# published\nzebra-crossings-older\njoint-software\nsoftware-together\n"
    assert update_record(repo.root, content) == []


def test_update_starts_a_record_with_its_explanation(repo):
    repo.case_study("joint-software")
    content, _ = check_repository(repo.root, today=TODAY)
    update_record(repo.root, content)
    text = (repo.root / RECORD).read_text()
    assert text.startswith("# Every case-study address the hub has published") and text.endswith("\njoint-software\n")


def test_update_from_another_checkout_protects_what_it_publishes(repo, tmp_path):
    from tests.conftest import Repo

    base = Repo(tmp_path / "base")
    base.case_study("joint-software")
    repo.case_study("joint-software-buying")  # the pull request renamed it without an alias
    args = argparse.Namespace(root=repo.root, update=True, source=base.root)
    assert run_slugs(args, io.StringIO()) == 0
    assert [slug for _, slug in read_record(repo.root)] == ["joint-software"]
    out = io.StringIO()
    assert run_slugs(argparse.Namespace(root=repo.root, update=False, source=None), out) == 1
    assert "add 'aliases: [joint-software]' to case_studies/joint-software-buying.md" in out.getvalue()


@pytest.mark.parametrize("title, slug", [
    ("Joint procurement of school meals", "joint-procurement-of-school-meals"),
    ("Leicester’s £1.2m shared ICT & HR service", "leicesters-1-2m-shared-ict-and-hr-service"),
    ("  Café-style   customer access: one front door ", "cafe-style-customer-access-one-front-door"),
    ("Total Place — Lincolnshire (2010/11)", "total-place-lincolnshire-2010-11"),
    ("A " + "very long title " * 8, "a-" + "very-long-title-" * 4 + "very-long"),  # cut between words
])
def test_slug_is_derived_from_the_title(title, slug):
    assert slugify(title, 80) == slug
    assert len(slug) <= 80 and SLUG_PATTERN.match(slug)
