"""Related case studies (figures/related.py): scored by what two case studies share, ties broken the same way every
build."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.content import models
from macros.figures.related import WEIGHTS, compute_related


def make_case_study(slug: str, authorities, themes, programme=None, published="2026-01-01") -> models.CaseStudy:
    return models.CaseStudy.model_validate({
        "slug": slug, "title": f"Case study {slug}", "summary": "A summary long enough to be valid here.",
        "partnership": "em-iep", "authorities": authorities, "themes": themes, "programme": programme,
        "published": published, "source": {"document": "Board pack", "date": "2011"},
    }, context={"today": dt.date(2026, 11, 22)})


STUDIES = [
    make_case_study("anchor", ["notts", "derby"], ["procurement", "ict"], "srp"),
    make_case_study("same-authority", ["notts"], ["waste"]),                         # 3
    make_case_study("two-themes", ["leics"], ["procurement", "ict"]),                 # 2 + 2
    make_case_study("programme-only", ["leics"], ["waste"], "srp"),                   # 2
    make_case_study("theme-older", ["lincs"], ["ict"], published="2025-01-01"),      # 2, older
    make_case_study("theme-newer", ["lincs"], ["ict"], published="2026-06-01"),      # 2, newer
    make_case_study("lincs-waste", ["lincs"], ["waste"]),
]


@pytest.mark.parametrize("slug, expected", [
    ("anchor", ["two-themes", "same-authority", "theme-newer", "programme-only", "theme-older"]),
    ("lincs-waste", ["theme-newer", "theme-older", "programme-only", "same-authority"]),  # ties: newer, then slug
    ("theme-older", ["theme-newer", "lincs-waste", "anchor", "two-themes"]),
])
def test_related_case_studies_are_scored_and_tie_broken_deterministically(slug, expected):
    related = compute_related(STUDIES)
    assert [r.slug for r in related[slug]] == expected
    assert compute_related(list(reversed(STUDIES))) == related  # input order never matters


def test_related_scores_add_up_what_two_case_studies_share():
    related = {r.slug: r for r in compute_related(STUDIES)["anchor"]}
    assert related["two-themes"].score == 2 * WEIGHTS["theme"]
    assert related["same-authority"].score == WEIGHTS["authority"]
    assert related["two-themes"].shared == (("theme", "procurement"), ("theme", "ict"))
    assert "lincs-waste" not in related
