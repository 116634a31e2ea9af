"""The built site's links: every internal link and #fragment must resolve; external links are listed, not fetched."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import get_plugin_logger
from selectolax.lexbor import LexborHTMLParser

from .urls import base_path, site_origin

log = get_plugin_logger("hub.linkcheck")

# The attributes that point somewhere: followed by readers, loaded by browsers, or read by link-preview tools.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "source": "src",
                   "iframe": "src", "audio": "src", "video": "src", "track": "src"}
PREVIEW_PROPERTIES = {"og:url", "og:image", "twitter:image"}


@dataclass(frozen=True)
class BrokenLink:
    page: str       # the built file, e.g. "themes/procurement/index.html"
    href: str
    problem: str
    source: str = ""  # where the page came from, e.g. "docs/guides/x.md", when known

    def __str__(self) -> str:
        origin = f" (from {self.source})" if self.source else ""
        return f"{self.page}{origin}: broken link '{self.href}': {self.problem}"


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url -> pages


@dataclass
class PageScan:
    ids: set[str]      # what #fragments may name: id attributes, and name on <a>
    links: list[str]   # every address the page points to


LINK_SELECTOR = ", ".join(f"{tag}[{attribute}]" for tag, attribute in LINK_ATTRIBUTES.items())
META_SELECTOR = ", ".join([f'meta[property="{p}"], meta[name="{p}"]' for p in PREVIEW_PROPERTIES] +
                          ["meta[http-equiv]"])


def scan_page(text: str) -> PageScan:
    """Parsed as a browser would (lexbor): entities decoded, comments and script text ignored."""
    document = LexborHTMLParser(text)
    ids = {node.attributes["id"] for node in document.css("[id]") if node.attributes.get("id")}
    ids |= {node.attributes["name"] for node in document.css("a[name]") if node.attributes.get("name")}
    links = [node.attributes[LINK_ATTRIBUTES[node.tag]] or "" for node in document.css(LINK_SELECTOR)]
    for node in document.css(META_SELECTOR):
        content = node.attributes.get("content") or ""
        if (node.attributes.get("http-equiv") or "").lower() == "refresh":
            if "url=" in content.lower():
                links.append(content[content.lower().index("url=") + 4:].strip())
        elif content and (node.attributes.get("property") or node.attributes.get("name")) in PREVIEW_PROPERTIES:
            links.append(content)
    return PageScan(ids, links)


def page_sources(files) -> dict[str, str]:
    """Built file -> where an editor fixes it: the docs page, or the data a generated page is made from."""
    sources = {}
    for file in files.documentation_pages():
        generated = getattr(file, "generated_by", None)
        sources[file.dest_uri] = f"generated page {file.src_uri}" if generated else f"docs/{file.src_uri}"
    return sources


def resolve_link(page: str, href: str, site_url: str) -> tuple[str | None, str] | None:
    """The site file and fragment a link points to; None for an external link; (None, why) if it leaves the site."""
    href = href.strip()
    if href.startswith("#"):
        return page, unquote(href[1:])
    climbs = len(CLIMB.match(href).group()) // 3
    folders = posixpath.dirname(page).split("/") if "/" in page else []
    if 0 < climbs <= len(folders):
        # Where "../../themes/x/" leads does not depend on the last two folders of the page it is on: the same
        # navigation link on thousands of case-study pages is resolved once, for a stand-in page.
        page = "/".join(folders[:len(folders) - climbs] + ["_"] * (climbs + 1))
    return _resolve_link(page, href, site_url)


CLIMB = re.compile(r"(?:\.\./)*")


@lru_cache(maxsize=1 << 16)
def _resolve_link(page: str, href: str, site_url: str) -> tuple[str | None, str] | None:
    origin, base = site_origin(site_url), base_path(site_url)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        absolute = f"{parts.scheme}://{parts.netloc}" if parts.scheme else f"{urlsplit(site_url).scheme}://{parts.netloc}"
        if not origin or absolute.lower() != origin.lower() or not (parts.path + "/").startswith(base):
            return None
        path = parts.path[len(base):]
    elif parts.path.startswith("/"):
        if not (parts.path + "/").startswith(base):
            return (None, f"it points outside the site's base path {base}")
        path = parts.path[len(base):]
    else:
        path = posixpath.join(posixpath.dirname(page), parts.path) if parts.path else page
    path = unquote(path)
    if not parts.path and not parts.scheme:
        return page, unquote(parts.fragment)
    normal = posixpath.normpath(path) if path else "."
    if normal.startswith(".."):
        return (None, "it points above the site's root folder")
    if path.endswith("/") or normal == ".":
        normal = posixpath.join(normal, "index.html") if normal != "." else "index.html"
    return normal, unquote(parts.fragment)


@dataclass
class PageLinks:
    ids: set[str]
    links: list[tuple[str, tuple[str | None, str] | None]]  # each address, and where resolve_link says it points


def read_page_links(path: Path, page: str, site_url: str, cache: dict | None) -> PageLinks:
    """A page's ids and resolved links; under `mkdocs serve` a page that was not written again comes from `cache`."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size, site_url)
    if cache is not None and page in cache and cache[page][0] == key:
        return cache[page][1]
    scan = scan_page(path.read_bytes())
    hrefs = [href.strip() for href in scan.links]
    found = PageLinks(scan.ids, [(href, resolve_link(page, href, site_url)) for href in hrefs if href not in ("", "#")])
    if cache is not None:
        cache[page] = (key, found)
    return found


def check_links(site_dir: Path, site_url: str, sources: dict[str, str] | None = None,
                cache: dict | None = None) -> LinkReport:
    """Every link in every built HTML page, checked against the files and ids of the built site.

    `cache` (kept by the caller between builds) lets a preview rebuild read again only the pages it wrote."""
    sources = sources or {}
    files = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file()}
    pages = {name: read_page_links(site_dir / name, name, site_url, cache)
             for name in sorted(files) if name.endswith(".html")}
    if cache is not None:
        for gone in cache.keys() - pages.keys():
            del cache[gone]
    report = LinkReport(pages=len(pages))
    for page, found in pages.items():
        for href, resolved in found.links:
            if resolved is None:
                if urlsplit(href).scheme.lower() not in ("javascript", "data"):
                    report.external[href].add(page)
                continue
            report.internal += 1
            target, fragment = resolved
            problem = None
            if target is None:
                problem = fragment
            elif target not in files:
                if f"{target}/index.html" in files:
                    target = f"{target}/index.html"
                else:
                    problem = f"there is no page or file {target} in the site"
            if problem is None and fragment and target.endswith(".html") and fragment not in pages[target].ids:
                problem = f"{target} has no element with id '{fragment}'"
            if problem:
                report.broken.append(BrokenLink(page, href, problem, sources.get(page, "")))
    return report


def write_external_report(report: LinkReport, site_dir: Path, report_path: str) -> Path:
    """The external links of the site, one per line with the page using it: for review, never fetched."""
    path = site_dir / report_path
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# External links in the built site, not fetched. Tab-separated: address, number of pages, "
             "the pages (space-separated)."]
    lines += [f"{url}\t{len(pages)}\t{' '.join(sorted(pages))}" for url, pages in sorted(report.external.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_site_links(site_dir: Path, site_url: str, report_path: str, sources: dict[str, str] | None = None,
                     cache: dict | None = None) -> LinkReport:
    """Check the built site; each broken link is a warning, so the strict build fails naming the page and link.
    The external links are listed in `report_path` (the plugin's `external_links_report`)."""
    report = check_links(site_dir, site_url, sources, cache)
    write_external_report(report, site_dir, report_path)
    for broken in report.broken:
        log.warning(str(broken))
    log.info(f"Link check: {report.internal} internal links in {report.pages} pages, "
             f"{len(report.broken)} broken; {len(report.external)} external addresses listed in {report_path}")
    return report
