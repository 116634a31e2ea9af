"""Reading source files into plain data tagged with file and line; parses, never judges."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .memo import Memo, reuse
from .parse import YamlError, parse_yaml
from .problems import Problem
from .settings import CASE_STUDIES, DATA, DATASETS, MAX_BYTES, REGISTERS, SOURCE_FOLDERS, SYNONYMS

FRONT_MATTER_FENCE = "---"
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SourceFile:
    """One parsed file: its data, and for Markdown files the body and where it starts."""

    path: str
    data: object
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)


def read_text(path: Path, display_path: str, kind: str) -> tuple[str | None, list[Problem]]:
    """A source file's text, or the one problem that stops it being read: not a regular file (a folder, or a
    symbolic link, which could point anywhere — its target is never read or named), too large, not UTF-8, or
    holding control characters. A UTF-8 byte-order mark is dropped."""
    def refuse(message: str, fix: str, line: int = 1):
        return None, [Problem(display_path, line, "(file)", message, fix)]

    try:
        status = os.lstat(path)
    except OSError:
        return refuse("the file could not be read", "check that it exists and can be read")
    if stat.S_ISLNK(status.st_mode):
        return refuse("is a symbolic link", "commit the file itself, not a link to another file")
    if stat.S_ISDIR(status.st_mode):
        return refuse("is a folder, not a file", f"a {kind} is one file; move the folder out")
    if not stat.S_ISREG(status.st_mode):
        return refuse("is not a regular file", f"a {kind} is one plain text file")
    limit = MAX_BYTES[kind]
    if status.st_size > limit:
        return refuse(f"the file is {kilobytes(status.st_size)} kB; a {kind} may be at most {limit // 1000:,} kB",
                      "shorten it, or split it in two")
    try:
        data = path.read_bytes()
    except OSError:
        return refuse("the file could not be read", "check that it can be read")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return refuse(f"not valid UTF-8 at byte {error.start:,}", "save the file with the UTF-8 encoding",
                      data.count(b"\n", 0, error.start) + 1)
    text = text.removeprefix("\ufeff")
    if match := CONTROL_CHARACTER.search(text):
        return refuse(f"a control character (U+{ord(match.group()):04X}) is in the text",
                      "delete it: it is invisible and has no meaning in a case study or data file",
                      text.count("\n", 0, match.start()) + 1)
    return text, []


def kilobytes(size: int) -> str:
    """A file's size in kB, rounded up, so a file just over a limit never reads as the limit itself."""
    return f"{-(-size // 1000):,}"


def read_front_matter(path: Path, display_path: str, memo: Memo | None = None) -> SourceFile:
    """Split a Markdown file into YAML front matter (parsed) and body."""
    text, problems = read_text(path, display_path, "case study")
    if text is None:
        return SourceFile(display_path, None, problems=problems)
    return reuse(memo, "parse", display_path, text, lambda: split_front_matter(text, display_path))


def split_front_matter(text: str, display_path: str) -> SourceFile:
    """A Markdown file's text as YAML front matter (parsed) and body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, 1, "front matter",
            "the file does not start with front matter",
            "put the fields between two lines of '---' at the very top of the file",
        )])
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            break
    else:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, 1, "front matter",
            "the front matter is never closed",
            "add a line of '---' after the last field",
        )])
    yaml_text = "".join(lines[1:index])
    body = "".join(lines[index + 1:])
    try:
        data = parse_yaml(yaml_text, first_line=2)
    except YamlError as error:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, error.line, "front matter", error.message, error.fix)])
    if data is None:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, 1, "front matter", "the front matter is empty",
            "write the case study's fields between the two '---' lines (see CONTRIBUTING.md)",
        )])
    return SourceFile(display_path, data, body=body, body_line=index + 2)


def read_yaml_file(path: Path, display_path: str, kind: str, memo: Memo | None = None) -> SourceFile:
    """Parse a YAML data file."""
    text, problems = read_text(path, display_path, kind)
    if text is None:
        return SourceFile(display_path, None, problems=problems)
    return reuse(memo, "parse", display_path, text, lambda: parse_yaml_text(text, display_path))


def parse_yaml_text(text: str, display_path: str) -> SourceFile:
    try:
        data = parse_yaml(text)
    except YamlError as error:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, error.line, "(file)", error.message, error.fix)])
    return SourceFile(display_path, data)



@dataclass
class Sources:
    """Everything read from a hub repository, before validation."""

    root: Path
    registers: dict[str, SourceFile]
    case_studies: list[SourceFile]
    datasets: list[SourceFile]
    stray: list[Problem] = field(default_factory=list)  # files in the source folders that the hub does not read

    @property
    def problems(self) -> list[Problem]:
        files = [*self.registers.values(), *self.case_studies, *self.datasets]
        return [problem for source in files for problem in source.problems] + self.stray

    def unreadable(self, register: str) -> bool:
        """A register that could not be read: its ids are unknown, so references to it are not checked (one
        message for the register, not one for every case study naming it)."""
        return bool(self.registers[register].problems)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def find_stray_files(root: Path) -> list[Problem]:
    """Files the hub would never read, so an editor's work would be lost without a word: anything in case_studies/
    or data/datasets/ that is not a *.md or *.yaml file, and a YAML file in data/ that is not a register."""
    problems = []
    places = [(CASE_STUDIES, ".md", "case study", f"{CASE_STUDIES}/<slug>.md"),
              (DATASETS, ".yaml", "dataset", f"{DATASETS}/<id>.yaml")]
    for folder, suffix, kind, form in places:
        for path in _entries(root / folder):
            if path.suffix != suffix:
                stem = path.name.split(".")[0] or "name"
                problems.append(Problem(_display(path, root), 1, "file name",
                                        f"the hub reads only {suffix} files here, so this file would be ignored",
                                        f"a {kind} is {form}: rename it to {stem}{suffix}, or move it out of {folder}/"))
    for path in _entries(root / DATA):
        if path.suffix in (".yaml", ".yml") and path.stem not in REGISTERS and path.name != Path(SYNONYMS).name:
            problems.append(Problem(_display(path, root), 1, "file name",
                                    "not a register the hub reads, so this file would be ignored",
                                    "registers are " + ", ".join(f"{DATA}/{name}.yaml" for name in REGISTERS)))
    return problems


def read_register(path: Path, root: Path, memo: Memo | None = None) -> SourceFile:
    """A register, read as a list of entries; missing, empty or not a list, it is one problem (and `unreadable`),
    so the case studies naming its ids are not each reported as naming an unknown one."""
    display = _display(path, root)
    if not os.path.lexists(path):  # the same object while the file is missing
        return reuse(memo, "parse", display, None, lambda: SourceFile(display, None, problems=[Problem(
            display, 1, "(file)", "the register is missing: every case study's ids are checked against it",
            f"restore it from the main branch (git checkout main -- {display})")]))
    source = read_yaml_file(path, display, "register", memo)
    if not source.problems and not isinstance(source.data, list):  # a new object: the memo's stays as parsed
        message = "the register is empty" if source.data is None else "expected a list of entries"
        return SourceFile(display, source.data, problems=[
            Problem(display, 1, "(file)", message, "start each entry with '- id: …'")])
    return source


def load_sources(root: Path, memo: Memo | None = None) -> Sources:
    """Read every register, case study and dataset under `root`; with a memo, parse only the files whose text
    changed since it last read them."""
    root = Path(root)
    registers = {name: read_register(root / DATA / f"{name}.yaml", root, memo) for name in REGISTERS}
    case_studies = [read_front_matter(path, _display(path, root), memo)
                    for path in _entries(root / CASE_STUDIES) if path.suffix == ".md"]
    datasets = [read_yaml_file(path, _display(path, root), "dataset", memo)
                for path in _entries(root / DATASETS) if path.suffix == ".yaml"]
    sources = Sources(root, registers, case_studies, datasets)
    sources.stray = find_stray_files(root)
    return sources



def fingerprint_sources(root: Path) -> tuple:
    """A cheap signature of every source file (name, size, mtime) to know when to rebuild. lstat: a dangling
    or looping link is a problem `load_sources` reports, not a reason to crash."""
    root = Path(root)
    entries = []
    for folder in SOURCE_FOLDERS:
        for path in _entries(root / folder):
            status = os.lstat(path)
            entries.append((path.as_posix(), status.st_size, status.st_mtime_ns))
    return tuple(entries)

