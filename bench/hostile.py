"""`python bench/hostile.py`: how long `hub check` takes on each hostile input of tests/hostile.py, each in a hub of
its own and in a fresh process (the target: under 2 s, a 200 kB hostile body included), with `--build` how long the
strict build takes to refuse each, and how long Markdown takes to render the worst bodies the shape limits let
through (macros/content/shape.py). Prints figures; asserts nothing. Figures recorded: bench/hostile.md."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import Repo  # noqa: E402
from tests.hostile import ALONE, DATASETS, REFUSED, write_files  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Units repeated up to 200 kB in paragraphs just inside the limits of macros/shape.py: the slowest bodies a hub
# can hold. Each was quadratic or recursive in one paragraph.
ALLOWED_UNITS = {"definition lists": "t\n: d\n", "rules": "***\n", "setext underlines": "- \n", "admonitions": "!!! note\n",
                 "emphasis": "*a*", "nested inline tags": "<b>", "code spans": "``a", "entities": "&amp;",
                 "attribute-free braces": "# h {: .x }\n", "links": "[a](b) ", "nested lists": "- a\n    - b\n"}


def fill_paragraphs(unit: str, total: int = 195_000) -> str:
    from macros.content.settings import MAX_BLOCK_CHARACTERS, MAX_BLOCK_LINES
    per_block = max(1, min((MAX_BLOCK_CHARACTERS - 100) // len(unit), (MAX_BLOCK_LINES - 1) // max(unit.count("\n"), 1)))
    block = unit * per_block
    return "\n\n".join([block] * (total // (len(block) + 2)))


def time_checks() -> None:
    print("hub check, each hostile input in a hub of its own (fresh process, import included):")
    for case in REFUSED + DATASETS + ALONE:
        with tempfile.TemporaryDirectory() as folder:
            repo = Repo(Path(folder) / "hub")
            repo.case_study("a-valid-study")
            write_files(repo, case)
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "macros.cli", "--root", str(repo.root), "check"],
                                    capture_output=True, text=True, env=ENV)
            seconds = time.perf_counter() - started
            size = sum(len(c) for c in case.files.values() if isinstance(c, (str, bytes)))
            flag = "" if result.returncode == 1 and "Traceback" not in result.stderr else "  <-- NOT REFUSED CLEANLY"
            print(f"  {case.name:34} {size / 1000:7.1f} kB  {seconds:5.2f} s{flag}")


def time_builds() -> None:
    print("mkdocs build --strict, each hostile input in a hub of its own (fresh process, import included; stops at "
          "its first event):")
    for case in REFUSED + DATASETS + ALONE:
        with tempfile.TemporaryDirectory() as folder:
            repo = Repo(Path(folder) / "hub").with_site()
            repo.case_study("a-valid-study")
            write_files(repo, case)
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(Path(folder) / "site")],
                                    cwd=repo.root, capture_output=True, text=True, env=ENV)
            seconds = time.perf_counter() - started
            errors = result.stderr.count("ERROR")
            flag = "" if result.returncode == 1 and errors == 1 and "Traceback" not in result.stderr else \
                "  <-- NOT REFUSED IN ONE MESSAGE"
            print(f"  {case.name:34} {seconds:5.2f} s{flag}")


def time_rendering() -> None:
    import markdown

    from macros.content.markup import find_body_problems

    extensions = ["attr_list", "def_list", "md_in_html", "tables", "toc", "admonition"]  # as mkdocs.yml
    print("Markdown render of the slowest bodies within the limits (about 195 kB each):")
    for name, unit in ALLOWED_UNITS.items():
        body = fill_paragraphs(unit)
        started = time.perf_counter()
        problems = find_body_problems(body)
        checked = time.perf_counter() - started
        started = time.perf_counter()
        markdown.markdown(body, extensions=extensions)
        rendered = time.perf_counter() - started
        note = f"  (refused: {problems[0][1]})" if problems else ""
        print(f"  {name:24} check {checked:5.2f} s  render {rendered:5.2f} s{note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-render", action="store_true", help="time the checks only")
    parser.add_argument("--build", action="store_true", help="also time the strict build on each hostile input")
    args = parser.parse_args()
    time_checks()
    if args.build:
        time_builds()
    if not args.no_render:
        time_rendering()
    return 0


if __name__ == "__main__":
    sys.exit(main())
