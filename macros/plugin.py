"""The MkDocs plugin: loads the Hub in on_config, adds generated pages in on_files, writes redirects after the build.
Kept thin: MkDocs does not reload plugins under `mkdocs serve`, so logic lives in modules that can be tested."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .digest import digest_pages, write_digest_downloads
from .feeds import plan_feeds, write_feeds
from .hub import Hub, get_hub
from .linkcheck import check_site_links, page_sources
from .outputs import write_outputs
from .pages import generate_pages
from .previews import add_page_head
from .problems import ContentError
from .preview import PreviewPages, always_rebuild
from .search import SearchIndexError, SiteSearch
from .sitemap import SitemapPages, content_dates, write_sitemaps
from .structured_data import add_structured_data


class HubPlugin(BasePlugin):
    hub: Hub
    preview: PreviewPages | None = None

    def on_startup(self, *, command: str, dirty: bool):
        # `mkdocs serve --dirty` (make serve): render again only the pages an edit changed.
        self.preview = PreviewPages() if command == "serve" and dirty else None

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
        if self.preview:
            for file in files.documentation_pages():
                always_rebuild(file)
        for page in generate_pages(self.hub, existing):
            source = ({"abs_src_path": self.preview.path_for(page.uri, page.markdown)} if self.preview
                      else {"content": page.markdown})
            # Generated pages are reached through index and browse pages, not the sidebar: say so, quietly.
            files.append(File.generated(config, page.uri, **source, inclusion=InclusionLevel.NOT_IN_NAV))
        for uri, markdown in digest_pages(self.hub, existing, self.hub.today):
            files.append(File.generated(config, uri, content=markdown))
        self.sources = page_sources(files)
        return files

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        add_page_head(self.hub, page, config)
        add_structured_data(self.hub, page, config)
        return context

    def on_pre_build(self, config: MkDocsConfig):
        if self.preview:
            self.preview.builds += 1
        # A preview renders only the pages an edit changed: the others keep what they showed.
        kept = self.sitemap.pages if self.preview and getattr(self, "sitemap", None) else {}
        self.sitemap = SitemapPages(content_dates(self.hub), dict(kept))
        try:
            # Indexes pages on another core as they are written (in a preview, on the first build only).
            self.search = SiteSearch(index=not (self.preview and self.preview.rebuilding))
        except (OSError, SearchIndexError) as error:
            raise PluginError(f"the search indexer could not start: {error}") from None

    def on_post_page(self, output: str, page, config: MkDocsConfig):
        self.sitemap.add_page(page)
        try:
            return self.search.add_page(output, page.file.src_uri, page.meta, page.url)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_build_error(self, error):
        if getattr(self, "search", None):
            self.search.abort()

    def on_post_build(self, config: MkDocsConfig):
        write_outputs(self.hub, Path(config.site_dir), config)
        write_feeds(self.hub, Path(config.site_dir), config)
        write_digest_downloads(self.hub, Path(config.site_dir), config.site_url or "", self.hub.today)
        write_sitemaps(self.sitemap, Path(config.site_dir),
                       [feed.folder for feed in plan_feeds(self.hub, config.site_name)] if config.site_url else [])
        try:
            self.search.finish(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        check_site_links(Path(config.site_dir), config.site_url or "", self.sources,  # last: sees every output
                         self.preview.page_links if self.preview else None)
