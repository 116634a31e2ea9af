"""The MkDocs plugin: loads the Hub in on_config, adds generated pages in on_files, checks every page as it is
written, and writes redirects, exports, feeds, sitemaps and the search index after the build. Kept thin: it only
coordinates events and hands each setting (`config.py`) to the module that uses it; MkDocs does not reload plugins
under `mkdocs serve`, so logic lives in modules that can be tested."""

from __future__ import annotations

import html
import signal
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ..content.memo import Memo
from ..content.problems import ContentError, Problem
from ..figures.hub import Hub, HubCache
from . import csp
from .build_log import install_annotations, quiet_other_plugins
from .config import HubConfig
from .datapackage import write_datapackage
from .digest import digest_pages, write_digest_downloads
from .exports import write_exports
from .feeds import plan_feeds, write_feeds
from .link_messages import install_link_messages
from .linkcheck import check_site_links
from .pages import generate_files, generate_pages
from .passthrough import anchor_ids, lift_html, restore_html
from .preview_errors import SHOWN_IN_BROWSER, FailingPreview
from .previews import add_page_head
from .rebuilds import PreviewPages, always_rebuild
from .redirects import write_redirects
from .sanitise import describe_removed, removed_patterns, sanitise_html
from .search import SearchIndexError, SiteSearch
from .search_terms import read_vocabulary, write_search_terms
from .site_address import describe_unpublishable_address
from .sitemap import SitemapPages, content_dates, write_sitemaps
from .source_lines import PageSources
from .staging import Staging, strict_warnings_counted
from .structured_data import add_structured_data

log = get_plugin_logger("hub")


class HubContentError(PluginError):
    """The content's problems as the build error MkDocs reports, each problem kept for the preview's page."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.problems = error.problems


class HubPlugin(BasePlugin[HubConfig]):
    hub: Hub | None = None  # None only in a preview whose first build found problems in the content
    hubs: HubCache | None = None  # kept across `mkdocs serve` rebuilds: the Hub is loaded again only after an edit
    preview: PreviewPages | None = None
    staging: Staging | None = None
    dirty: bool = False
    serving: bool = False  # `mkdocs serve`: the preview shows a build's problems in the browser (`preview_errors.py`)
    failing: FailingPreview | None = None
    server = None  # the preview's server, from the first build on (`on_serve`)
    pieces: dict  # a page's generated HTML, lifted out of its Markdown until Markdown has run

    def on_startup(self, *, command: str, dirty: bool):
        quiet_other_plugins()
        install_annotations()
        self.link_messages = install_link_messages()
        # `mkdocs serve --dirty` (make serve): render again only the pages an edit changed.
        self.preview = PreviewPages() if command == "serve" and dirty else None
        self.dirty = dirty
        self.serving = command == "serve"
        self.failing = FailingPreview() if self.serving else None
        self.server = None
        if command == "serve" and threading.current_thread() is threading.main_thread():
            # Stopped by a signal as by Ctrl-C, so the serve command's clean-up (and on_shutdown) runs.
            signal.signal(signal.SIGTERM, signal.default_int_handler)

    def on_shutdown(self):
        if self.staging:
            self.staging.discard()  # an interrupted build: the site folder stays as it was
        if self.preview:
            self.preview.remove()

    def on_config(self, config: MkDocsConfig):
        if self.config.publishing and (problem := describe_unpublishable_address(config.site_url,
                                                                                 config.config_file_path)):
            raise PluginError(problem)
        root = Path(config.config_file_path).parent
        if self.hubs is None or self.hubs.root != root or (self.hubs.memo is not None) != self.serving:
            # Only a preview, which builds again after each edit, keeps what it made (`content/memo.py`).
            self.hubs = HubCache(root, memo=Memo() if self.serving else None)
        try:
            self.hub = self.hubs.get()
        except ContentError as error:
            if not (self.serving and self.server is None):
                raise HubContentError(error) from None
            # The preview's first build: no site to show yet, but a server showing the problems until they are fixed.
            log.error(f"{error}\n{SHOWN_IN_BROWSER}")
            self.failing.record(error)
            self.hub = None
            config.nav = None  # no pages are built, so none of the navigation's pages are missing
            return config
        self.hub.exports.clear()  # refilled by the macros as this build renders its pages
        self.pieces = {}
        self.root = root
        # One staging folder per build; a dirty build reuses the site folder's files, so it cannot start from an
        # empty one. (The instance outlives a build: MkDocs keeps a plugin with on_startup across builds.)
        self.staging = None if self.dirty else Staging(config.site_dir)
        if self.staging:
            config.site_dir = str(self.staging.folder)
        return config

    def on_files(self, files: Files, config: MkDocsConfig):
        if self.hub is None:  # the failing first build of a preview: the theme's files only, for the server to start
            return Files([file for file in files if not file.is_documentation_page()])
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
        for path, content in generate_files(self.hub):
            files.append(File.generated(config, path, content=content))
        self.sources = PageSources.from_files(self.root, files, self.hub.case_studies, self.hub.datasets)
        self.link_messages.start(self.sources, files)
        return files

    @event_priority(-50)  # after mkdocs-macros, so the HTML its macros return is lifted too
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files):
        """Generated HTML lifted out of the page's Markdown before Python-Markdown runs (`passthrough.py`)."""
        markdown, self.pieces[page.file.src_uri] = lift_html(markdown)
        return markdown

    def on_page_content(self, html_text: str, page, config: MkDocsConfig, files):
        """The generated HTML put back, then every page's content through the allowlist sanitiser (`sanitise.py`);
        what it removes is reported where an editor fixes it, so the strict build stops."""
        pieces = self.pieces.pop(page.file.src_uri, [])
        if pieces:
            html_text = restore_html(html_text, pieces)
            page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(pieces)
        clean = sanitise_html(html_text)
        if removed := describe_removed(html_text, clean):
            message = f"removed from the page as it could run, load or send something: {', '.join(removed)}"
            fix = "write plain Markdown (CONTRIBUTING.md)"
            if where := self.sources.locate(page.file.src_uri, removed_patterns(removed)):
                problem = Problem(where.path, where.line, "body", message, fix)
                log.logger.warning(str(problem), extra={"hub_problem": problem})
            else:
                log.warning(f"generated page {page.file.src_uri}: {message} — {fix}")
        return clean

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The Content-Security-Policy, built from the theme's own inline scripts for every page depth in the site.
        In a preview, the templates compiled by an earlier build are used again (`rebuilds.CompiledTemplates`)."""
        if self.preview:
            env.bytecode_cache = self.preview.templates
        # The base address the theme names: a page's way back to the site's root, and for 404.html the site's path.
        bases = {get_relative_url(".", file.url) for file in files.documentation_pages()}
        bases.add(urlsplit(config.site_url or "/").path)
        self.theme_scripts = csp.render_theme_scripts(env, config, bases, self.config.theme_script_templates)
        self.policy = csp.build_policy(self.theme_scripts, live_reload=self.server is not None or self.serving)
        env.globals["hub_content_security_policy"] = self.policy
        return env

    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        add_page_head(self.hub, page, config)
        add_structured_data(self.hub, page, config)
        if "title" in page.meta:
            # Material writes the page title into <title> and the header unescaped: it gets escaped text.
            page.meta["title"] = html.escape(str(page.meta["title"]))
        return context

    def check_scripts(self, output: str, where: str) -> None:
        if foreign := csp.find_foreign_scripts(output, self.theme_scripts):
            raise PluginError(f"{where}: an inline script that is not one of the theme's own: "
                              f"{csp.describe_script(foreign[0])} — the Content-Security-Policy would block it; "
                              "a script belongs in a file under docs/javascripts/")

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        self.check_scripts(output, template_name)
        return output

    def on_pre_build(self, config: MkDocsConfig):
        if self.hub is None:
            return
        if self.preview:
            self.preview.builds += 1
        # A preview renders only the pages an edit changed: the others keep what they showed.
        kept = self.sitemap.pages if self.preview and getattr(self, "sitemap", None) else {}
        self.sitemap = SitemapPages(content_dates(self.hub), dict(kept))
        try:
            # Indexes pages on another core as they are written (in a preview, on the first build only).
            self.search = SiteSearch(self.config.search_article, index=not (self.preview and self.preview.rebuilding))
        except (OSError, SearchIndexError) as error:
            raise PluginError(f"the search indexer could not start: {error}") from None

    def on_post_page(self, output: str, page, config: MkDocsConfig):
        self.sitemap.add_page(page)
        self.check_scripts(output, page.file.src_uri)
        try:
            return self.search.add_page(output, page.file.src_uri, page.meta, page.url)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config: MkDocsConfig, builder):
        """From now on a failed rebuild shows its problems on every page instead of leaving the browser waiting."""
        self.server = server
        self.failing = self.failing or FailingPreview()
        self.failing.attach(server)
        return server

    def on_build_error(self, error):
        if self.failing:
            self.failing.error = error  # the error itself: MkDocs raises only "Aborted with a BuildError!" after it
        if getattr(self, "search", None):
            self.search.abort()
        if self.staging:
            self.staging.discard()

    @event_priority(-100)  # after every other plugin: the staged site is published last
    def on_post_build(self, config: MkDocsConfig):
        if self.hub is None:
            return
        site_dir, site_url = Path(config.site_dir), config.site_url or ""
        csp.write_headers(site_dir, self.policy)
        write_redirects(self.hub, site_dir, config, self.policy)
        write_exports(self.hub, site_dir)
        write_datapackage(self.hub, site_dir, config.site_name or "", site_url)  # after the exports it describes
        write_feeds(self.hub, site_dir, config, self.config.feed_size)
        write_digest_downloads(self.hub, site_dir, site_url, self.hub.today)
        feeds = plan_feeds(self.hub, config.site_name, self.config.feed_size) if site_url else []
        write_sitemaps(self.sitemap, site_dir, [feed.folder for feed in feeds])
        try:
            self.search.finish(site_dir)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        # The words of the index just written; a preview's rebuilds keep its first build's index, so its words too.
        vocabulary = self.preview.vocabulary if self.preview and self.preview.rebuilding else None
        if vocabulary is None:
            vocabulary = read_vocabulary(site_dir)
            if self.preview:
                self.preview.vocabulary = vocabulary
        for warning in write_search_terms(self.hub.content.synonyms, site_dir, vocabulary):
            log.warning(warning)
        check_site_links(site_dir, site_url, self.config.external_links_report, self.sources,  # last: every output
                         self.preview.page_links if self.preview else None)
        if self.staging and not (config.strict and strict_warnings_counted()):
            self.staging.publish()
