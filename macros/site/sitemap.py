"""sitemap.xml: every published page with the date its content last changed (never the build's), and a sitemap
beside each theme's feeds, where Material's theme looks for one."""

from __future__ import annotations

import datetime as dt
import gzip
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..figures.selection import last_changed
from . import urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
HREF = re.compile(r'\shref="([^"#?]*)')


def source_date(date_text: str) -> dt.date:
    """A source's date ("2011", "2011-04" or "2011-04-12") as a full date, as a sitemap needs: the first day it
    can mean."""
    parts = [int(part) for part in date_text.split("-")]
    return dt.date(*(parts + [1, 1])[:3])


def content_dates(hub) -> dict[str, dt.date]:
    """Site path of each case study and dataset page -> the date its content last changed: a case study's
    `updated` or `published`, a dataset's source date (its figures are those the source printed then)."""
    dates = {page_key(urls.case_study_page(cs.slug)): last_changed(cs) for cs in hub.case_studies.values()}
    dates.update({page_key(urls.dataset_page(d.id)): source_date(d.source.date) for d in hub.datasets.values()})
    return dates


def page_key(src_uri: str) -> str:
    """A generated page's key in the sitemap's records: its site path without the trailing slash."""
    return urls.page_path(urls.served_path(src_uri))


def linked_paths(content_html: str, page_url: str) -> set[str]:
    """Site paths (no trailing slash) that a page's own content links to; addresses to other hosts left out."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    paths = set()
    for href in HREF.findall(content_html):
        if not href or ":" in href or href.startswith("/"):
            continue
        path = posixpath.normpath(posixpath.join(folder, href))
        path = "" if path in (".", "index.html") else path.removesuffix("/index.html")
        if not path.startswith(".."):
            paths.add(path)
    return paths


def newest(dates) -> dt.date | None:
    dates = [date for date in dates if date]
    return max(dates) if dates else None


@dataclass
class SitemapPages:
    """The pages of a build, recorded as each is rendered, with what each shows; dated once all are in."""

    dates: dict[str, dt.date]                 # content page path -> its date (content_dates)
    pages: dict[str, tuple[str, set[str]]] = field(default_factory=dict)  # page path -> (address, paths it links)

    def add_page(self, page) -> None:
        self.pages[urls.page_path(page.url)] = (page.canonical_url or page.abs_url or "/" + page.url, linked_paths(page.content or "", page.url))

    def shown_date(self, path: str) -> dt.date | None:
        """A case study's or dataset's own date; for another page, the newest of those it links to."""
        if path in self.dates:
            return self.dates[path]
        return newest(self.dates.get(linked) for linked in self.pages.get(path, ("", set()))[1])

    def lastmod(self, path: str) -> dt.date | None:
        """As shown_date; a page that links to no case study or dataset (an index of themes, say, with counts) takes
        the newest date of the pages it links to; a page that shows no dated content has none."""
        date = self.shown_date(path)
        if date is None:
            date = newest(self.shown_date(linked) for linked in self.pages.get(path, ("", set()))[1] if linked != path)
        return date

    def entries(self, folder: str = "") -> list[tuple[str, dt.date | None]]:
        """(address, lastmod) of every page under `folder` ("" for all), in address order."""
        prefix = folder.rstrip("/")
        return sorted((url, self.lastmod(path)) for path, (url, _) in self.pages.items()
                      if not prefix or path == prefix or path.startswith(prefix + "/"))


def render_sitemap(entries) -> str:
    # The namespace written as a plain attribute: ElementTree's prefix registry is global state.
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url, lastmod in entries:
        item = ET.SubElement(urlset, "url")
        ET.SubElement(item, "loc").text = url
        if lastmod:
            ET.SubElement(item, "lastmod").text = lastmod.isoformat()
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def write_sitemaps(pages: SitemapPages, site_dir: Path, feed_folders) -> None:
    """The site's sitemap.xml (and .gz), written over MkDocs's own, whose dates are the build's; and one in each
    feed folder but the root. Material fetches sitemap.xml beside every rel="alternate" link in a page's head, so a
    theme page's own feeds made it request /themes/<id>/sitemap.xml: there it lists the pages in that folder."""
    text = render_sitemap(pages.entries())
    (site_dir / urls.SITEMAP).write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / f"{urls.SITEMAP}.gz", "wb", mtime=0) as packed:  # same content, same bytes
        packed.write(text.encode("utf-8"))
    for folder in feed_folders:
        if folder:
            (site_dir / folder).mkdir(parents=True, exist_ok=True)
            (site_dir / folder / urls.SITEMAP).write_text(render_sitemap(pages.entries(folder)), encoding="utf-8")
