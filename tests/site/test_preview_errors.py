"""Only the preview shows content problems as a page (`macros/site/preview_errors.py`): `mkdocs build`, strict or
not, still stops with them and writes no site."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_FRONT_MATTER


@pytest.mark.parametrize("strict", [True, False])
def test_a_build_with_a_content_problem_still_fails_with_the_problem_and_writes_no_site(repo, tmp_path, caplog,
                                                                                          strict):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    repo.with_site().case_study("joint-software", VALID_FRONT_MATTER.replace("themes:", "themse:"))
    config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:  # as `mkdocs build` runs it, in this process: stopped at its first event
        with pytest.raises(Abort):
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert "case_studies/joint-software.md:7: themse: unknown field 'themse' — did you mean 'themes'?" in caplog.text
    assert "The preview shows" not in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()
