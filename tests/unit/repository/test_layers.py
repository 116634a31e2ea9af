"""The package's imports point down its layers only: content <- figures <- site, and cli may use them all."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Each layer and the layers it may import from (itself included).
LAYERS = {"content": {"content"}, "figures": {"content", "figures"}, "site": {"content", "figures", "site"},
          "cli": {"content", "figures", "site", "cli"}}


def imported_modules(path: Path, module: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, absolute name) of every module a file imports, relative imports resolved against its module's name
    (`module`: ('macros', 'site', 'pages')); imports inside functions count too."""
    package = list(module[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            # `from . import leagues` imports the module leagues; `from .hub import Hub`, the module hub.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names] if not node.module \
                else [(node.lineno, target)]
    return found


def find_upward_imports(root: Path, package: str = "macros") -> list[str]:
    """'path:line: imports module' for each import a file makes from a layer above its own."""
    problems = []
    for path in sorted((root / package).rglob("*.py")):
        relative = path.relative_to(root)
        if len(relative.parts) < 3:  # the package's face: macros/__init__.py hands mkdocs-macros to the site layer
            continue
        layer = relative.parts[1]
        for line, name in imported_modules(path, relative.with_suffix("").parts):
            parts = name.split(".")
            if parts[0] == package and len(parts) > 1 and parts[1] in LAYERS and parts[1] not in LAYERS[layer]:
                problems.append(f"{relative.as_posix()}:{line}: imports {name}")
    return problems


def test_every_layer_imports_only_from_itself_and_the_layers_below():
    layers = {path.name for path in (ROOT / "macros").iterdir() if (path / "__init__.py").exists()}
    assert layers == set(LAYERS)
    assert find_upward_imports(ROOT) == []


@pytest.mark.parametrize("layer, statement, upward", [
    ("content", "from ..figures.hub import Hub", "macros.figures.hub"),
    ("content", "from ..site import urls", "macros.site"),
    ("figures", "def f():\n    from ..site.format import format_money", "macros.site.format"),
    ("site", "from ..cli.check import run_check", "macros.cli.check"),
    ("figures", "import macros.site.urls", "macros.site.urls"),
])
def test_an_import_from_a_layer_above_is_found(tmp_path, layer, statement, upward):
    for name in LAYERS:
        (tmp_path / "macros" / name).mkdir(parents=True)
        (tmp_path / "macros" / name / "__init__.py").write_text("")
    (tmp_path / "macros" / layer / "x.py").write_text(f"from . import y\nfrom ..content import models\n{statement}\n")
    line = 3 + statement.count("\n")
    assert find_upward_imports(tmp_path) == [f"macros/{layer}/x.py:{line}: imports {upward}"]
