"""RSS 2.0 and Atom feeds of new and updated case studies: one for the whole hub and one per theme."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ..content import models
from ..figures.changes import newest_changes
from ..figures.selection import last_changed
from . import urls
from .format import describe_reported

log = get_plugin_logger("hub.feeds")

ATOM = "http://www.w3.org/2005/Atom"
RSS_TYPE, ATOM_TYPE = "application/rss+xml", "application/atom+xml"


@dataclass(frozen=True)
class Feed:
    folder: str          # site folder the feed files sit in ("" for the hub, "themes/<id>/" for a theme)
    title: str
    description: str
    items: list[models.CaseStudy]

    @property
    def rss_path(self) -> str:
        return self.folder + urls.RSS

    @property
    def atom_path(self) -> str:
        return self.folder + urls.ATOM


def plan_feeds(hub, site_name: str, size: int) -> list[Feed]:
    """The hub's feed and each theme's, each of the `size` newest changes (an update counts as a change)."""
    feeds = [Feed(urls.feed_folder(), site_name, f"New and updated case studies from the {site_name}.",
                  newest_changes(hub.case_studies.values(), size))]
    for theme in hub.themes.values():
        feeds.append(Feed(urls.feed_folder(theme.id), f"{site_name}: {theme.name}",
                          f"New and updated {theme.name.lower()} case studies from the {site_name}.",
                          newest_changes(hub.select(theme=theme.id), size)))
    return feeds


def feed_links(page_url: str, kind: str, title: str, site_name: str) -> list[dict]:
    """The feeds a page advertises in its head: the hub's on every page, and a theme's on its page.
    Addresses are relative: Material fetches sitemap.xml beside every rel=alternate link, and that must stay
    on the host serving the page (a local or offline copy included), never the configured site_url."""
    folders = [(urls.feed_folder(), site_name)]
    if kind == "theme":
        folders.append((page_url, title))
    links = []
    for folder, name in folders:
        for kind_name, path, media_type in (("RSS", urls.RSS, RSS_TYPE), ("Atom", urls.ATOM, ATOM_TYPE)):
            links.append({"type": media_type, "title": f"{name}: new and updated case studies ({kind_name})",
                          "href": urls.href_from_page(page_url, folder + path)})
    return links


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


def render_rss(feed: Feed, hub, site_url: str) -> str:
    base = urls.site_base(site_url)
    # Namespaces written as plain attributes: ElementTree's prefix registry is global state.
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM})
    channel = _add(rss, "channel")
    _add(channel, "title", feed.title)
    _add(channel, "link", base + feed.folder)
    _add(channel, "description", feed.description)
    _add(channel, "language", "en-gb")
    if feed.items:  # the newest change, not the build time, so an unchanged hub gives an unchanged feed
        _add(channel, "lastBuildDate", format_datetime(_midnight(last_changed(feed.items[0]))))
    _add(channel, "atom:link", href=base + feed.rss_path, rel="self", type=RSS_TYPE)
    for cs in feed.items:
        url = urls.case_study_url(site_url, cs.slug)
        item = _add(channel, "item")
        _add(item, "title", cs.title)
        _add(item, "link", url)
        _add(item, "guid", url, isPermaLink="true")
        _add(item, "description", describe_item(cs))
        _add(item, "pubDate", format_datetime(_midnight(last_changed(cs))))
        for theme in cs.themes:
            _add(item, "category", hub.themes[theme].name)
    return _serialise(rss)


def describe_item(cs: models.CaseStudy) -> str:
    """A feed item's text: the summary, and the age of the figures, as the feed's date is the day of the change on
    the hub ('… Figures reported April 2011.')."""
    reported = describe_reported(cs)
    return f"{cs.summary} {reported[0].upper()}{reported[1:]}."


def render_atom(feed: Feed, hub, site_url: str, site_name: str) -> str:
    base = urls.site_base(site_url)
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en-GB"})
    _add(root, "id", base + feed.atom_path)
    _add(root, "title", feed.title)
    _add(root, "subtitle", feed.description)
    newest = last_changed(feed.items[0]) if feed.items else dt.date(2000, 1, 1)
    _add(root, "updated", _midnight(newest).isoformat().replace("+00:00", "Z"))
    _add(root, "link", href=base + feed.atom_path, rel="self", type=ATOM_TYPE)
    _add(root, "link", href=base + feed.folder, rel="alternate", type="text/html")
    _add(_add(root, "author"), "name", site_name)
    for cs in feed.items:
        url = urls.case_study_url(site_url, cs.slug)
        entry = _add(root, "entry")
        _add(entry, "id", url)
        _add(entry, "title", cs.title)
        _add(entry, "link", href=url, rel="alternate", type="text/html")
        _add(entry, "published", _midnight(cs.published).isoformat().replace("+00:00", "Z"))
        _add(entry, "updated", _midnight(last_changed(cs)).isoformat().replace("+00:00", "Z"))
        _add(entry, "summary", describe_item(cs), type="text")
        for theme in cs.themes:
            _add(entry, "category", term=theme, label=hub.themes[theme].name)
    return _serialise(root)


def feed_files(hub, site_url: str, site_name: str, size: int) -> list[tuple[str, str]]:
    """(site path, XML) of every feed; links are absolute, built from site_url."""
    files = []
    for feed in plan_feeds(hub, site_name, size):
        files.append((feed.rss_path, render_rss(feed, hub, site_url)))
        files.append((feed.atom_path, render_atom(feed, hub, site_url, site_name)))
    return files


def write_feeds(hub, site_dir: Path, config, size: int) -> None:
    """Write every feed into the built site; feeds need site_url, since readers fetch them from anywhere."""
    if not config.get("site_url"):
        log.warning("feeds not written: set site_url in mkdocs.yml, feed links must be absolute")
        return
    for path, xml in feed_files(hub, config["site_url"], config.get("site_name") or "", size):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(xml, encoding="utf-8")
