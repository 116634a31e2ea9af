"""The repository stands on its own: no document links, and no file refers, to a place outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import ROOT

MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
# Places on a particular machine: a home or work folder, a file URL.
MACHINE_PATH = re.compile(r"(?<![\w.~-])(/work/|/home/|/Users/|/root/|[A-Za-z]:\\\\Users\\\\|file://)")


def tracked_files(*patterns: str) -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", "--", *patterns], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def links_outside(path: Path, root: Path = ROOT) -> list[str]:
    """'file:line: target' for each relative link in a Markdown file that leads out of the repository, or (outside
    docs/, whose links may name pages the build generates) to no file in it."""
    problems = []
    text = path.read_text(encoding="utf-8")
    for pattern in (MARKDOWN_LINK, HTML_LINK):
        for match in pattern.finditer(text):
            target = match.group(1)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path or target.startswith("{{"):
                continue  # another host, an anchor on the same page, or a template's address
            resolved = (path.parent / unquote(parts.path)).resolve()
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(root).as_posix()}:{line}: {target}"
            if not resolved.is_relative_to(root.resolve()):
                problems.append(f"{where} leads out of the repository")
            elif path.relative_to(root).parts[0] not in ("docs", "case_studies") and not resolved.exists():
                problems.append(f"{where} names no file in the repository")
    return problems


def test_no_document_links_to_a_place_outside_the_repository():
    problems = [problem for path in tracked_files("*.md") for problem in links_outside(path)]
    assert problems == []


def test_a_link_out_of_the_repository_or_to_no_file_in_it_is_found(tmp_path):
    root = tmp_path / "hub"
    (root / "docs").mkdir(parents=True)
    (root / "CONTRIBUTING.md").write_text("# Contributing\n", encoding="utf-8")
    readme = root / "README.md"
    readme.write_text("One: [the contract](../shared/CONTENT_MODEL.md) and [ours](CONTRIBUTING.md#field-reference).\n"
                      '<img src="reports/home.png" alt="">\n', encoding="utf-8")
    assert links_outside(readme, root) == ["README.md:1: ../shared/CONTENT_MODEL.md leads out of the repository",
                                           "README.md:2: reports/home.png names no file in the repository"]


def test_no_file_refers_to_a_folder_on_the_machine_it_was_written_on():
    problems = []
    for path in tracked_files():
        if path.suffix in (".png", ".gz", ".jar", ".ico", ".woff2") or path.relative_to(ROOT).parts[0] == "tests":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        problems += [f"{path.relative_to(ROOT).as_posix()}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
                     for m in MACHINE_PATH.finditer(text)]
    assert problems == []


def test_every_file_the_documents_name_is_in_the_repository():
    """`tests/site/test_standards.py`, `macros/site/plugin.py`…: a path to code a document names is a file here."""
    named = re.compile(r"`((?:tests|macros|bench|overrides|docs/javascripts|docs/stylesheets|\.github)/[\w./-]+\.(?:py|md|yml|yaml|css|js|html))`")
    missing = [f"{path.name}: {match.group(1)}" for path in tracked_files("*.md", "Makefile")
               for match in named.finditer(path.read_text(encoding="utf-8"))
               if "<" not in match.group(1) and not (ROOT / match.group(1)).exists()]
    assert missing == []
