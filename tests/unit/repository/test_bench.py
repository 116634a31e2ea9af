"""The benchmark (bench/): its synthetic hub is a valid hub, written the same from the same seed."""

from __future__ import annotations

import io

from bench.synthetic import write_hub
from macros.cli.check import run_check


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
