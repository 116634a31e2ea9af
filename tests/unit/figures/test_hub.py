"""The Hub is built once per build, rebuilt only when a source file changes, and refuses content with problems
(drafts included), listing them all."""

from __future__ import annotations

import os

import pytest

from macros.figures.hub import HubCache, build_hub
from macros.content.problems import ContentError

from tests.conftest import VALID_FRONT_MATTER


def test_hub_is_reused_until_a_source_file_changes(repo):
    path = repo.case_study("joint-software")
    hubs = HubCache(repo.root)
    first = hubs.get()
    assert hubs.get() is first
    path.write_text(path.read_text().replace("Joint procurement of software", "Joint buying of software"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = hubs.get()
    assert second is not first
    assert second.case_studies["joint-software"].title == "Joint buying of software"


def test_a_new_file_is_picked_up(repo):
    repo.case_study("joint-software")
    hubs = HubCache(repo.root)
    assert list(hubs.get().case_studies) == ["joint-software"]
    repo.case_study("another-study")
    assert sorted(hubs.get().case_studies) == ["another-study", "joint-software"]


def test_build_refuses_content_with_problems_and_lists_them_all(repo):
    repo.case_study("bad-one", VALID_FRONT_MATTER.replace("em-iep\n", "em-iepp\n"))
    repo.case_study("bad-two", VALID_FRONT_MATTER.replace("published: 2026-01-15", "published: tomorrow"))
    with pytest.raises(ContentError) as raised:
        build_hub(repo.root)
    assert "2 problems in the hub's content" in str(raised.value)


def test_a_draft_with_an_error_still_stops_the_build(repo):
    repo.case_study("draft-one", VALID_FRONT_MATTER.replace("procurement]", "procurment]") + "draft: true\n")
    with pytest.raises(ContentError) as raised:  # the build loads its Hub with build_hub (site/plugin.py)
        build_hub(repo.root)
    assert "case_studies/draft-one.md:7: themes[0]: unknown theme 'procurment'" in str(raised.value)
