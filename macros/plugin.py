"""The MkDocs plugin: loads the Hub in on_config, adds generated pages in on_files, writes redirects after the build.
Kept thin: MkDocs does not reload plugins under `mkdocs serve`, so logic lives in modules that can be tested."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .hub import Hub, get_hub
from .outputs import write_outputs
from .pages import generate_pages
from .problems import ContentError
from .search import SearchIndexError, index_site, mark_page


class HubPlugin(BasePlugin):
    hub: Hub

    def on_config(self, config: MkDocsConfig):
        root = Path(config.config_file_path).parent
        try:
            self.hub = get_hub(root)
        except ContentError as error:
            raise PluginError(str(error)) from None
        self.hub.exports.clear()  # refilled by the macros as this build renders its pages
        return config

    def on_files(self, files: Files, config: MkDocsConfig):
        existing = {file.src_uri for file in files}
        for page in generate_pages(self.hub, existing):
            # Generated pages are reached through index and browse pages, not the sidebar: say so, quietly.
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_post_page(self, output: str, page, config: MkDocsConfig):
        try:
            return mark_page(output, page.file.src_uri, page.meta)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_post_build(self, config: MkDocsConfig):
        write_outputs(self.hub, Path(config.site_dir), config.site_url or "")
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
