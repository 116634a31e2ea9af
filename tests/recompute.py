"""The real content read straight from its YAML, and money read back from a page as it is printed: so tests work out
what a page should show apart from the code under test."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT


def read_case_studies_yaml() -> dict[str, dict]:
    """Every published case study's front matter, by slug, as the YAML gives it."""
    studies = {}
    for path in sorted((ROOT / "case_studies").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if not front.get("draft"):
            studies[path.stem] = front
    return studies


def read_money(text: str) -> float:
    """'£1.2m' -> 1200000.0, '£677k' -> 677000.0, '£9,500' -> 9500.0."""
    match = re.match(r"£([\d,.]+)(m|k)?", text.strip())
    return float(match.group(1).replace(",", "")) * {"m": 1_000_000, "k": 1_000}.get(match.group(2), 1)


def compact_equal(shown: float, value: float) -> bool:
    """Whether a compact figure (£1.2m to the £100k, £677k to the £1k, else in full) stands for `value`."""
    step = 100_000 if value >= 1_000_000 else 1_000 if value >= 10_000 else 1
    return abs(shown - value) <= step / 2 + 1e-6
