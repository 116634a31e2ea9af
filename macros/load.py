"""Reading source files into plain data tagged with file and line; parses, never judges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

FRONT_MATTER_FENCE = "---"


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
            raise yaml.constructor.ConstructorError(None, None, "YAML aliases (*name) are refused: write the value out",
                                                    node.start_mark)
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


class YamlError(Exception):
    """A file that is not valid YAML, with the line where parsing stopped."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str, first_line: int = 1):
    """Parse YAML safely, returning Mapping/Sequence values that know their lines."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 — _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        problem = error.problem or str(error)
        if "could not determine a constructor" in problem:
            problem = f"tag {mark and text.splitlines()[mark.line].strip()!r} is not allowed: YAML tags are refused, write plain values"
        raise YamlError(line, f"malformed YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlError(first_line, f"malformed YAML: {error}") from None
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


def read_front_matter(path: Path, display_path: str) -> SourceFile:
    """Split a Markdown file into YAML front matter (parsed) and body."""
    text = path.read_text(encoding="utf-8")
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
            display_path, error.line, "front matter", error.message,
            "check indentation, colons and quotes on that line (text containing ': ' must be quoted)",
        )])
    return SourceFile(display_path, data, body=body, body_line=index + 2)


def read_yaml_file(path: Path, display_path: str) -> SourceFile:
    """Parse a YAML data file."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except YamlError as error:
        return SourceFile(display_path, None, problems=[Problem(
            display_path, error.line, "(file)", error.message,
            "check indentation, colons and quotes on that line (text containing ': ' must be quoted)",
        )])
    return SourceFile(display_path, data)


REGISTER_NAMES = ("authorities", "partnerships", "themes", "programmes", "regions", "sub_regions")


@dataclass
class Sources:
    """Everything read from a hub repository, before validation."""

    root: Path
    registers: dict[str, SourceFile]
    case_studies: list[SourceFile]
    datasets: list[SourceFile]

    @property
    def problems(self) -> list[Problem]:
        files = [*self.registers.values(), *self.case_studies, *self.datasets]
        return [problem for source in files for problem in source.problems]


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_sources(root: Path) -> Sources:
    """Read every register, case study and dataset under `root`."""
    root = Path(root)
    registers = {}
    for name in REGISTER_NAMES:
        path = root / "data" / f"{name}.yaml"
        if path.exists():
            registers[name] = read_yaml_file(path, _display(path, root))
        else:
            registers[name] = SourceFile(_display(path, root), [])
    case_studies = [
        read_front_matter(path, _display(path, root))
        for path in sorted((root / "case_studies").glob("*.md"))
    ]
    datasets = [
        read_yaml_file(path, _display(path, root))
        for path in sorted((root / "data" / "datasets").glob("*.yaml"))
    ]
    return Sources(root, registers, case_studies, datasets)


SOURCE_PATTERNS = ("case_studies/*.md", "data/*.yaml", "data/datasets/*.yaml")


def fingerprint_sources(root: Path) -> tuple:
    """A cheap signature of every source file (name, size, mtime) to know when to rebuild."""
    root = Path(root)
    entries = []
    for pattern in SOURCE_PATTERNS:
        for path in sorted(root.glob(pattern)):
            stat = path.stat()
            entries.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
