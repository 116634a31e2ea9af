"""Reading files: line numbers kept, unsafe YAML refused."""

from __future__ import annotations

import pytest

from macros.content.parse import YamlError, line_of, parse_yaml


def test_lines_are_kept_for_nested_fields():
    data = parse_yaml("title: x\nsavings:\n  - amount: 5\n    type: cashable\n", first_line=2)
    assert line_of(data, ("title",)) == 2
    assert line_of(data, ("savings", 0)) == 4
    assert line_of(data, ("savings", 0, "type")) == 5
    assert line_of(data, ("missing",)) == 2


def test_duplicate_keys_are_refused():
    with pytest.raises(YamlError, match="duplicate field 'title'"):
        parse_yaml("title: a\ntitle: b\n")


@pytest.mark.parametrize("text", ["x: !!python/object/apply:os.system ['true']\n", "x: !!python/name:os.system\n"])
def test_python_tags_are_refused(text):
    with pytest.raises(YamlError, match="YAML tags are refused"):
        parse_yaml(text)
