"""ProperDocs-ready, MkDocs by default: the same site from either engine, and a data layer that imports neither."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from macros.site.linkcheck import resolve_link, scan_page
from macros.site.search import read_index

from tests.conftest import ROOT
from .test_feeds import READERS

GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')
# The modules that talk to the site builder: the plugin and its settings, and the writers it calls that log through
# MkDocs's plugin logger. Every other module (loading, validation, the Hub, figures, exports, pages, the pkhub
# command) must import without MkDocs, ProperDocs or Material, so a later change of engine or theme touches only these.
SITE_BUILDER_MODULES = {"site.plugin", "site.config", "site.feeds", "site.linkcheck", "site.redirects", "site.previews"}
ENGINES = ("mkdocs", "properdocs", "material", "mkdocs_macros")


def built_files(site: Path) -> set[str]:
    """Every file of a built site, without Pagefind's index files (their names are content hashes)."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")}


def internal_links(site: Path) -> dict[str, set[tuple[str, str]]]:
    """Page -> every (file, #fragment) inside the site its links point to, resolved as the link check does."""
    links = {}
    for page in sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")):
        hrefs = scan_page((site / page).read_bytes()).links
        resolved = (resolve_link(page, href.strip(), "https://hub.example.org/") for href in hrefs if href.strip())
        links[page] = {target for target in resolved if target and target[0]}
    return links


def feed_items(site: Path) -> dict[str, list[dict]]:
    feeds = [path for path in [*site.glob("*.xml"), *site.glob("themes/*/*.xml")] if path.name in READERS]
    return {feed.relative_to(site).as_posix(): READERS[feed.name](feed) for feed in feeds}


def test_the_plugin_declares_properdocs_support_beside_mkdocs():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        [plugin] = [ep for ep in entry_points(group=group) if ep.name == "hub"]
        assert plugin.value == "macros.site.plugin:HubPlugin"
    from properdocs.plugins import get_plugins  # how ProperDocs finds the `hub` named in mkdocs.yml
    assert get_plugins()["hub"].group == "properdocs.plugins"


def test_properdocs_built_its_site_and_mkdocs_the_default_one(site, properdocs_site):
    assert "ProperDocs" in GENERATOR.search((properdocs_site / "index.html").read_text(encoding="utf-8")).group(1)
    assert GENERATOR.search((site / "index.html").read_text(encoding="utf-8")).group(1).startswith("mkdocs-1.")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/mkdocs build --strict" in makefile  # MkDocs stays the engine `make build` runs


def test_both_engines_publish_the_same_pages_and_files(site, properdocs_site):
    pages = {path for path in built_files(site) if path.endswith(".html")}
    assert len(pages) > 100
    assert built_files(properdocs_site) == built_files(site)


def test_every_page_links_to_the_same_places_in_both_builds(site, properdocs_site):
    mkdocs_links, properdocs_links = internal_links(site), internal_links(properdocs_site)
    assert sum(len(targets) for targets in mkdocs_links.values()) > 1000
    assert properdocs_links == mkdocs_links


def test_both_builds_index_the_same_search_entries(site, properdocs_site):
    def entries(folder):
        return sorted(read_index(folder), key=lambda page: page["url"])
    mkdocs_entries = entries(site)
    assert len(mkdocs_entries) > 50
    assert entries(properdocs_site) == mkdocs_entries


def test_both_builds_publish_the_same_feed_items(site, properdocs_site):
    mkdocs_feeds = feed_items(site)
    assert "feed.xml" in mkdocs_feeds and any(name.startswith("themes/") for name in mkdocs_feeds)
    assert feed_items(properdocs_site) == mkdocs_feeds


def test_both_builds_write_the_same_open_data(site, properdocs_site):
    files = sorted(path.relative_to(site).as_posix() for path in [*site.glob("datasets/*.*"), *site.glob("exports/**/*")]
                   if path.is_file() and path.suffix in (".csv", ".json"))
    assert any(f.startswith("datasets/") for f in files) and any(f.startswith("exports/") for f in files)
    assert {f: (properdocs_site / f).read_bytes() for f in files} == {f: (site / f).read_bytes() for f in files}


def test_every_page_is_the_same_in_both_builds_but_for_the_generator_tag(site, properdocs_site):
    different = [page for page in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
                 if GENERATOR.sub("", (site / page).read_text(encoding="utf-8"))
                 != GENERATOR.sub("", (properdocs_site / page).read_text(encoding="utf-8"))]
    assert different == []


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
