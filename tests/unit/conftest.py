"""The unit layer calls functions directly: a site build here is a mistake, stopped with where the test belongs."""

from __future__ import annotations

import pytest

from tests.conftest import Repo


@pytest.fixture(autouse=True)
def no_site_builds(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a unit test builds no site: move this test to tests/site (build once per module there)")

    monkeypatch.setattr(Repo, "build", refuse)
    monkeypatch.setattr("mkdocs.commands.build.build", refuse)
