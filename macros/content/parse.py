"""YAML text into plain data that remembers the line of every key and item; tags, aliases and deep nesting refused
before anything is built."""

from __future__ import annotations

import yaml

from .settings import MAX_YAML_DEPTH


class YamlMapping(dict):
    """A YAML mapping that remembers the line of each key (1-based, in its file)."""

    line: int = 0
    key_lines: dict


class YamlList(list):
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


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> YamlMapping:
    mapping = YamlMapping()
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


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    sequence = YamlList(loader.construct_object(child, deep=True) for child in node.value)
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
    """Parse YAML safely, returning YamlMapping/YamlList values that know their lines."""
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
    if isinstance(value, YamlMapping):
        value.line += offset
        value.key_lines = {k: line + offset for k, line in value.key_lines.items()}
        for child in value.values():
            _shift_lines(child, offset)
    elif isinstance(value, YamlList):
        value.line += offset
        value.item_lines = [line + offset for line in value.item_lines]
        for child in value:
            _shift_lines(child, offset)


def line_of(data, loc: tuple) -> int:
    """The line of the deepest part of `loc` (a path of keys and indexes) found in `data`."""
    line = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, YamlMapping) and part in node:
            line = node.key_lines[part]
            node = node[part]
        elif isinstance(node, YamlList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line
