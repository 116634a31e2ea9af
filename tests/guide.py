"""CONTRIBUTING.md as an editor reads it: the worked example's command, the check's output before the file is filled
in, the finished file and its slug (tests/site/test_editor_journey.py, tests/unit/repository/test_contributing.py)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

import yaml

from tests.conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@dataclass
class Guide:
    """The worked example as CONTRIBUTING.md gives it."""

    command: list[str]          # the one-line `pkhub new`, without the program
    check_output: list[str]     # what `make check` prints before the file is filled in
    finished: str               # the filled-in file
    slug: str


def read_guide() -> Guide:
    command = next(line for line in GUIDE.splitlines() if line.startswith(".venv/bin/pkhub new "))
    check_block = re.search(r"`make check` straight away[^\n]*\n\n```text\n(.*?)```", GUIDE, re.S).group(1)
    finished = re.search(r"<!-- worked-example:start -->\n```markdown\n(.*?)```\n<!-- worked-example:end -->",
                         GUIDE, re.S).group(1)
    slug = re.search(r"git add case_studies/([a-z0-9-]+)\.md", GUIDE).group(1)
    return Guide(shlex.split(command)[1:], [line for line in check_block.splitlines() if line], finished, slug)


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])
