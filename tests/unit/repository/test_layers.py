"""The package's imports point down its layers only: content <- figures <- site, and cli may use them all; and the
tests mirror the layers."""

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


# --- The tests mirror the layers ----------------------------------------------------------------------------------

# tests/unit/<layer>/test_<module>.py tests macros/<layer>/<module>.py, or a topic that spans its layer;
# tests/unit/repository the repository's own files; tests/site what a build writes; tests/browser pages in chromium.
TEST_TOPICS = {"content": {"hostile", "security"}}


def find_misplaced_tests(root: Path) -> list[str]:
    """Each test module outside the layout, with where it would belong."""
    problems = []
    for path in sorted((root / "tests").rglob("test_*.py")):
        relative, parts = path.relative_to(root).as_posix(), path.relative_to(root / "tests").parts
        if parts[0] in ("site", "browser") and len(parts) == 2 or parts[:2] == ("unit", "repository") and len(parts) == 3:
            continue
        if parts[0] != "unit" or len(parts) != 3 or parts[1] not in LAYERS:
            problems.append(f"{relative}: not in tests/unit/<layer>, tests/unit/repository, tests/site or tests/browser")
            continue
        module = path.stem.removeprefix("test_")
        if not (root / "macros" / parts[1] / f"{module}.py").is_file() and module not in TEST_TOPICS.get(parts[1], ()):
            problems.append(f"{relative}: macros/{parts[1]}/{module}.py does not exist — name the test module for "
                            "the module it tests")
    return problems


def test_every_test_module_is_in_its_layer_and_a_unit_test_module_names_its_module():
    assert find_misplaced_tests(ROOT) == []


@pytest.mark.parametrize("test_module, problem", [
    ("tests/test_pages.py", "not in tests/unit/<layer>"),
    ("tests/unit/test_pages.py", "not in tests/unit/<layer>"),
    ("tests/unit/widgets/test_pages.py", "not in tests/unit/<layer>"),
    ("tests/unit/site/test_page.py", "macros/site/page.py does not exist"),
    ("tests/site/pages/test_pages.py", "not in tests/unit/<layer>"),
])
def test_a_misplaced_test_module_is_found(tmp_path, test_module, problem):
    for layer in LAYERS:
        (tmp_path / "macros" / layer).mkdir(parents=True)
    (tmp_path / "macros" / "site" / "pages.py").write_text("")
    for good in ("tests/unit/site/test_pages.py", "tests/site/test_pages.py", "tests/unit/repository/test_x.py"):
        (tmp_path / good).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / good).write_text("")
    assert find_misplaced_tests(tmp_path) == []
    (tmp_path / test_module).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / test_module).write_text("")
    [found] = find_misplaced_tests(tmp_path)
    assert found.startswith(f"{test_module}: ") and problem in found
