"""ProperDocs-ready: the plugin is declared to both engines, and only the modules that talk to the site builder
import MkDocs, ProperDocs or Material (the same site from either engine: tests/site/test_properdocs.py)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from tests.conftest import ROOT

# The modules that talk to the site builder: the plugin and its settings, and the writers it calls that log through
# MkDocs's plugin logger. Every other module (loading, validation, the Hub, figures, exports, pages, the pkhub
# command) must import without MkDocs, ProperDocs or Material, so a later change of engine or theme touches only these.
SITE_BUILDER_MODULES = {"site.plugin", "site.config", "site.feeds", "site.linkcheck", "site.redirects", "site.previews"}
ENGINES = ("mkdocs", "properdocs", "material", "mkdocs_macros")


def test_the_plugin_declares_properdocs_support_beside_mkdocs():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        [plugin] = [ep for ep in entry_points(group=group) if ep.name == "hub"]
        assert plugin.value == "macros.site.plugin:HubPlugin"
    from properdocs.plugins import get_plugins  # how ProperDocs finds the `hub` named in mkdocs.yml
    assert get_plugins()["hub"].group == "properdocs.plugins"


def modules_needing_a_site_builder(root: Path, modules: list[str]) -> list[str]:
    """Each of `root`'s macros modules that fails to import with MkDocs, ProperDocs and Material refused, and why."""
    program = (
        "import importlib, sys\n"
        "class Refuse:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {ENGINES!r}:\n"
        "            raise ImportError(f'imports the site builder: {name}')\n"
        "sys.meta_path.insert(0, Refuse())\n"
        f"for module in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module('macros.' + module)\n"
        "    except ImportError as error:\n"
        "        print(f'macros/{module.replace(\".\", \"/\")}.py: {error}')\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_data_layer_and_the_pkhub_command_import_without_any_site_builder():
    modules = sorted(".".join(path.relative_to(ROOT / "macros").with_suffix("").parts)
                     for path in (ROOT / "macros").rglob("*.py") if path.stem not in ("__init__", "__main__"))
    assert {"content.load", "content.models", "figures.hub", "site.exports", "cli.main"} <= set(modules)
    assert modules_needing_a_site_builder(ROOT, [m for m in modules if m not in SITE_BUILDER_MODULES]) == []


def test_the_import_check_catches_a_data_module_that_imports_mkdocs(tmp_path):
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "__init__.py").write_text("")
    (tmp_path / "macros" / "leaky.py").write_text("from .sound import x\n")
    (tmp_path / "macros" / "sound.py").write_text("from mkdocs.plugins import get_plugin_logger\nx = 1\n")
    assert modules_needing_a_site_builder(tmp_path, ["leaky"]) == [
        "macros/leaky.py: imports the site builder: mkdocs"]
