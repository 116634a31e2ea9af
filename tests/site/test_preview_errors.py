"""Only the preview shows content problems as a page (`macros/site/preview_errors.py`): `mkdocs build`, strict or
not, still stops with them and writes no site."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_FRONT_MATTER


@pytest.mark.parametrize("strict", [True, False])
def test_a_build_with_a_content_problem_still_fails_with_the_problem_and_writes_no_site(repo, tmp_path, caplog,
                                                                                          strict):
    from mkdocs.exceptions import Abort

    repo.with_site().case_study("joint-software", VALID_FRONT_MATTER.replace("themes:", "themse:"))
    with pytest.raises(Abort):  # as `mkdocs build` runs it, in this process: stopped at its first event
        repo.build_here(tmp_path / "site", strict=strict)
    assert "case_studies/joint-software.md:7: themse: unknown field 'themse' — did you mean 'themes'?" in caplog.text
    assert "The preview shows" not in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()
