"""Reading source files into plain data tagged with file and line; parses, never judges."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

FRONT_MATTER_FENCE = "---"

# Bounds that keep reading linear and every file a size an editor could have meant (SECURITY.md).
MAX_BYTES = {"case study": 200_000, "dataset": 2_000_000, "register": 2_000_000}
MAX_YAML_DEPTH = 10  # the content model nests three levels (savings -> entry -> field); ten leaves room
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Mapping(dict):
    """A YAML mapping that remembers the line of each key (1-based, in its file)."""

    line: int = 0
    key_lines: dict


class Sequence(list):
    """A YAML sequence that remembers the line of each item."""

    line: int = 0
    item_lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: ~10x faster than pure Python
    """SafeLoader that keeps line numbers; unknown tags such as !!python/object are refused."""

    def construct_object(self, node, deep=False):
        # A node built twice is an alias (*name): ten nested ones make a few hundred bytes expand to billions of
        # values, which would stall every build. Editors never need them.
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(None, None, "YAML aliases (*name) are refused", node.start_mark)
        return super().construct_object(node, deep)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate field {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Sequence:
    sequence = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    """Dates as usual; an impossible date such as 2026-02-30 stays text for the model to report."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


FIX_SYNTAX = "check indentation, colons and quotes on that line (text containing ': ' must be quoted)"


class YamlError(Exception):
    """A file that is not valid YAML, or not plain data, with the line where reading stopped."""

    def __init__(self, line: int, message: str, fix: str = FIX_SYNTAX):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


def check_yaml_events(text: str, first_line: int = 1) -> None:
    """Refuse what would make YAML more than plain data, before anything is built from it: explicit tags
    (`!!binary`, `!!set`, `!!python/…`: each turns text into something else), aliases (a few hundred bytes of
    them expand to billions of values) and nesting deeper than MAX_YAML_DEPTH (thousands of levels exhaust the
    stack). libyaml's event parser keeps its own stack, so this pass is linear and stops at the first problem."""
    depth = 0
    for event in yaml.parse(text, Loader=_LineLoader):
        line = event.start_mark.line + first_line
        if getattr(event, "tag", None) is not None:
            tag = _short(event.tag.replace("tag:yaml.org,2002:", "!!"))
            raise YamlError(line, f"the YAML tag {tag} is not allowed: YAML tags are refused",
                            "write the plain value, quoted if it starts with '!'")
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, "YAML aliases (*name) are refused", "write the value out in full")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise YamlError(line, f"nested more than {MAX_YAML_DEPTH} levels deep",
                                "no field of the hub nests more than three levels: see CONTRIBUTING.md")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def parse_yaml(text: str, first_line: int = 1):
    """Parse YAML safely, returning Mapping/Sequence values that know their lines."""
    try:
        check_yaml_events(text, first_line)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 — _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        problem = error.problem or "the file could not be read"
        if "could not determine a constructor" in problem:
            raise YamlError(line, "this YAML tag is not allowed: YAML tags are refused",
                            "write the plain value, quoted if it starts with '!'") from None
        if "aliases" in problem:  # the loader's own guard: check_yaml_events normally stops them first
            raise YamlError(line, problem, "write the value out in full") from None
        raise YamlError(line, f"malformed YAML: {problem}") from None
    except yaml.YAMLError:
        raise YamlError(first_line, "malformed YAML: the file could not be read") from None
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(value, offset: int) -> None:
    if isinstance(value, Mapping):
        value.line += offset
        value.key_lines = {k: line + offset for k, line in value.key_lines.items()}
        for child in value.values():
            _shift_lines(child, offset)
    elif isinstance(value, Sequence):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for child in value:
            _shift_lines(child, offset)


def line_of(data, loc: tuple) -> int:
    """The line of the deepest part of `loc` (a path of keys and indexes) found in `data`."""
    line = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


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
        return refuse(f"the file is {status.st_size // 1000:,} kB; a {kind} may be at most {limit // 1000:,} kB",
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


def read_front_matter(path: Path, display_path: str) -> SourceFile:
    """Split a Markdown file into YAML front matter (parsed) and body."""
    text, problems = read_text(path, display_path, "case study")
    if text is None:
        return SourceFile(display_path, None, problems=problems)
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


def read_yaml_file(path: Path, display_path: str, kind: str) -> SourceFile:
    """Parse a YAML data file."""
    text, problems = read_text(path, display_path, kind)
    if text is None:
        return SourceFile(display_path, None, problems=problems)
    try:
        data = parse_yaml(text)
    except YamlError as error:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, error.line, "(file)", error.message, error.fix)])
    return SourceFile(display_path, data)


REGISTER_NAMES = ("authorities", "partnerships", "themes", "programmes", "regions", "sub_regions")
OTHER_DATA_FILES = ("synonyms",)  # data/synonyms.yaml: read and checked by macros/search_terms.py


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
    places = [("case_studies", ".md", "case study", "case_studies/<slug>.md"),
              ("data/datasets", ".yaml", "dataset", "data/datasets/<id>.yaml")]
    for folder, suffix, kind, form in places:
        for path in _entries(root / folder):
            if path.suffix != suffix:
                stem = path.name.split(".")[0] or "name"
                problems.append(Problem(_display(path, root), 1, "file name",
                                        f"the hub reads only {suffix} files here, so this file would be ignored",
                                        f"a {kind} is {form}: rename it to {stem}{suffix}, or move it out of {folder}/"))
    for path in _entries(root / "data"):
        if path.suffix in (".yaml", ".yml") and path.stem not in REGISTER_NAMES + OTHER_DATA_FILES:
            problems.append(Problem(_display(path, root), 1, "file name",
                                    "not a register the hub reads, so this file would be ignored",
                                    "registers are " + ", ".join(f"data/{name}.yaml" for name in REGISTER_NAMES)))
    return problems


def load_sources(root: Path) -> Sources:
    """Read every register, case study and dataset under `root`."""
    root = Path(root)
    registers = {}
    for name in REGISTER_NAMES:
        path = root / "data" / f"{name}.yaml"
        if os.path.lexists(path):
            registers[name] = read_yaml_file(path, _display(path, root), "register")
        else:
            registers[name] = SourceFile(_display(path, root), [])
    case_studies = [read_front_matter(path, _display(path, root))
                    for path in _entries(root / "case_studies") if path.suffix == ".md"]
    datasets = [read_yaml_file(path, _display(path, root), "dataset")
                for path in _entries(root / "data" / "datasets") if path.suffix == ".yaml"]
    sources = Sources(root, registers, case_studies, datasets)
    sources.stray = find_stray_files(root)
    return sources


SOURCE_FOLDERS = ("case_studies", "data", "data/datasets")


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


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
