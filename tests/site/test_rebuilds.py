"""Preview rebuilds as `mkdocs serve --dirty` runs them: the edited case study and the pages showing it are rendered
again, unrelated pages are left alone."""

from __future__ import annotations

import time

from tests.conftest import VALID_FRONT_MATTER


def test_a_preview_rebuild_renders_the_edited_case_study_and_leaves_unrelated_pages_alone(repo, tmp_path):
    """Also: the templates a preview keeps compiled (`rebuilds.CompiledTemplates`) are compiled again once edited."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    repo.with_site().case_study("joint-software")
    other = VALID_FRONT_MATTER.replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: [blaby]") \
        .replace("themes: [procurement]", "themes: [shared-services]").replace("programme: em-iep-srp-2008-11\n", "")
    repo.case_study("blaby-service", other.replace("Joint procurement of software", "A Blaby service"))
    site = tmp_path / "site"

    def rebuild():  # as `mkdocs serve --dirty` does: the configuration loaded again, the plugin kept
        config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site), strict=False)
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return config

    load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site)).plugins.on_startup(command="serve", dirty=True)
    try:
        rebuild()
        untouched = site / "authorities" / "blaby" / "index.html"
        before = untouched.stat().st_mtime_ns
        time.sleep(0.01)
        repo.case_study("joint-software", VALID_FRONT_MATTER.replace("Joint procurement of software",
                                                                     "Joint buying of software"))
        copyright = repo.root / "overrides" / "partials" / "copyright.html"
        copyright.write_text(copyright.read_text().replace("Accessibility statement", "Accessibility statement (edited)"))
        rebuild()
    finally:  # the plugin instance outlives this test in this process: leave it as a plain build would
        load_config(str(repo.root / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    assert "Joint buying of software" in (site / "case-studies" / "joint-software" / "index.html").read_text()
    assert "Joint buying of software" in (site / "themes" / "procurement" / "index.html").read_text()
    assert "Accessibility statement (edited)" in (site / "case-studies" / "joint-software" / "index.html").read_text()
    assert untouched.stat().st_mtime_ns == before
    assert (site / "pagefind" / "pagefind.js").exists()  # the first build's index stays
