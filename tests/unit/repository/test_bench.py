"""Speed tooling: the benchmark's synthetic hub is a valid hub, and preview rebuilds render only what an edit changed."""

from __future__ import annotations

import io
import time
from pathlib import Path

from bench.synthetic import write_hub
from macros.cli.check import run_check
from macros.site.rebuilds import PreviewPages

from tests.conftest import VALID_FRONT_MATTER


def test_a_synthetic_hub_passes_hub_check(tmp_path):
    root = write_hub(tmp_path / "hub", 40)
    out = io.StringIO()
    assert run_check(root, out=out) == 0, out.getvalue()
    assert "40 case studies" in out.getvalue()
    assert len(list((root / "data" / "datasets").glob("*.yaml"))) == 3
    assert (root / "mkdocs.yml").exists() and (root / "docs" / "index.md").exists()


def test_the_same_seed_writes_the_same_hub(tmp_path):
    first, second = write_hub(tmp_path / "a", 5, seed=7), write_hub(tmp_path / "b", 5, seed=7)
    files = sorted(p.relative_to(first) for p in (first / "case_studies").glob("*.md"))
    assert files == sorted(p.relative_to(second) for p in (second / "case_studies").glob("*.md"))
    assert all((first / f).read_text() == (second / f).read_text() for f in files)


def test_preview_pages_are_rewritten_only_when_their_markdown_changes():
    pages = PreviewPages()
    path = Path(pages.path_for("case-studies/a.md", "# A\n"))
    first = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert pages.path_for("case-studies/a.md", "# A\n") == str(path) and path.stat().st_mtime_ns == first
    pages.path_for("case-studies/a.md", "# A, edited\n")
    assert path.read_text() == "# A, edited\n" and path.stat().st_mtime_ns > first


def test_a_preview_rebuild_renders_the_edited_case_study_and_leaves_unrelated_pages_alone(repo, tmp_path):
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
        rebuild()
    finally:  # the plugin instance outlives this test in this process: leave it as a plain build would
        load_config(str(repo.root / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    assert "Joint buying of software" in (site / "case-studies" / "joint-software" / "index.html").read_text()
    assert "Joint buying of software" in (site / "themes" / "procurement" / "index.html").read_text()
    assert untouched.stat().st_mtime_ns == before
    assert (site / "pagefind" / "pagefind.js").exists()  # the first build's index stays
