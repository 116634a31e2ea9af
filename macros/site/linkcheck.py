"""The built site's links: every internal link and #fragment must resolve; external links are listed, not fetched."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import get_plugin_logger
from selectolax.lexbor import LexborHTMLParser

from ..content.problems import Problem
from .source_lines import PageSources
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
    fix: str = "correct the address, or remove the link"
    target: str | None = None  # the built file it points to, when that exists (an anchor is missing)
    fragment: str = ""

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.href}': {self.problem} — {self.fix}"

    def at(self, path: str, line: int) -> Problem:
        """The broken link as a problem in the file an editor wrote it in."""
        return Problem(path, line, "body", f"broken link '{self.href}': {self.problem}", self.fix)


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


def check_links(site_dir: Path, site_url: str, cache: dict | None = None) -> LinkReport:
    """Every link in every built HTML page, checked against the files and ids of the built site.

    `cache` (kept by the caller between builds) lets a preview rebuild read again only the pages it wrote."""
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
            if target is None:
                report.broken.append(BrokenLink(page, href, fragment, "link within the site by a relative address, "
                                                "or to another site by its full https:// address"))
                continue
            if target not in files:
                if f"{target}/index.html" in files:
                    target = f"{target}/index.html"
                else:
                    report.broken.append(BrokenLink(page, href, f"there is no page or file {target} in the site",
                                                    suggest_page(page, target, files)))
                    continue
            if fragment and target.endswith(".html") and fragment not in pages[target].ids:
                report.broken.append(BrokenLink(page, href, f"{target} has no element with id '{fragment}'",
                                                suggest_anchor(fragment, pages[target].ids), target, fragment))
    return report


def suggest_page(page: str, target: str, files: set[str]) -> str:
    """'did you mean …?' with the address of the site's page or file nearest the one linked, from `page`."""
    folders = {name[:-len("index.html")] for name in files if name.endswith("/index.html")}
    wanted = target[:-len("index.html")] if target.endswith("/index.html") else target
    matches = difflib.get_close_matches(wanted, sorted(folders | files), n=1, cutoff=0.75)
    if not matches:
        return "correct the address, or remove the link"
    address = posixpath.relpath(matches[0], posixpath.dirname(page) or ".") + ("/" if matches[0].endswith("/") else "")
    return f"did you mean '{address}'?"


def suggest_anchor(fragment: str, ids: set[str]) -> str:
    """'did you mean …?' with the page's id nearest the one linked, or how headings are named."""
    matches = difflib.get_close_matches(fragment, sorted(i for i in ids if not i.startswith("__")), n=1, cutoff=0.6)
    if matches:
        return f"did you mean '#{matches[0]}'?"
    return "link to one of its headings: a heading's anchor is its text in lower case, spaces as hyphens"


def locate_broken_link(broken: BrokenLink, sources: PageSources) -> Problem | None | bool:
    """The broken link as a problem at its source line; None if no editor wrote its page; False if MkDocs has
    already reported it (an address MkDocs left as written, or a missing anchor on the same page)."""
    src_uri = sources.src_of_dest.get(broken.page)
    if src_uri is None:
        return None
    target_src = sources.src_of_dest.get(broken.target or "")
    if (src_uri, broken.href) in sources.reported or (src_uri, target_src, broken.fragment) in sources.reported:
        return False
    location = sources.locate_link(src_uri, broken.href, written=False)
    return None if location is None else broken.at(location.path, location.line)


def write_external_report(report: LinkReport, site_dir: Path, report_path: str) -> Path:
    """The external links of the site, one per line with the page using it: for review, never fetched."""
    path = site_dir / report_path
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# External links in the built site, not fetched. Tab-separated: address, number of pages, "
             "the pages (space-separated)."]
    lines += [f"{url}\t{len(pages)}\t{' '.join(sorted(pages))}" for url, pages in sorted(report.external.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_site_links(site_dir: Path, site_url: str, report_path: str, sources: PageSources | None = None,
                     cache: dict | None = None) -> LinkReport:
    """Check the built site; each broken link is a warning, so the strict build fails naming the file and line the
    editor wrote it on (`sources`), or the built page where no editor wrote it. A link MkDocs has already reported
    (`sources.reported`) is not reported twice. The external links are listed in `report_path` (the plugin's
    `external_links_report`)."""
    report = check_links(site_dir, site_url, cache)
    write_external_report(report, site_dir, report_path)
    for broken in report.broken:
        problem = locate_broken_link(broken, sources) if sources else None
        if problem is False:
            continue
        if problem is None:
            log.warning(str(broken))
        else:
            log.logger.warning(str(problem), extra={"hub_problem": problem})  # no prefix: the line starts path:line
    log.info(f"Link check: {report.internal} internal links in {report.pages} pages, "
             f"{len(report.broken)} broken; {len(report.external)} external addresses listed in {report_path}")
    return report
