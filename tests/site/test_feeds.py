"""RSS and Atom feeds of new and updated case studies, read as a feed reader would."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from macros.site.config import HubConfig
from macros.figures.hub import build_hub

from tests.conftest import SITE_URL, reported_words

FEED_SIZE = HubConfig.feed_size.default
A = "{http://www.w3.org/2005/Atom}"

# Newest change first: an update counts as a change; the draft is in no feed.
HUB_ORDER = ["late-november", "updated-in-november", "november-sharing", "first-of-november", "october-sharing",
             "old-procurement"]
PROCUREMENT_ORDER = ["late-november", "updated-in-november", "first-of-november", "october-sharing", "old-procurement"]
SHARED_ORDER = ["november-sharing", "october-sharing"]


def read_rss(path):
    channel = ET.parse(path).getroot().find("channel")
    return [{"title": item.findtext("title"), "link": item.findtext("link"), "summary": item.findtext("description"),
             "date": parsedate_to_datetime(item.findtext("pubDate")).date()} for item in channel.findall("item")]


def read_atom(path):
    root = ET.parse(path).getroot()
    return [{"title": entry.findtext(f"{A}title"), "link": entry.find(f"{A}link").get("href"),
             "summary": entry.findtext(f"{A}summary"), "date": dt.date.fromisoformat(entry.findtext(f"{A}updated")[:10])}
            for entry in root.findall(f"{A}entry")]


READERS = {"feed.xml": read_rss, "atom.xml": read_atom}


def slug_of(link: str) -> str:
    match = re.fullmatch(re.escape(SITE_URL) + r"case-studies/([a-z0-9-]+)/", link)
    assert match, f"{link} is not an absolute case-study address"
    return match.group(1)


@pytest.mark.parametrize("folder, expected", [
    ("", HUB_ORDER), ("themes/procurement/", PROCUREMENT_ORDER), ("themes/shared-services/", SHARED_ORDER),
])
@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_each_feed_parses_and_lists_the_expected_case_studies_newest_first(newsletter_hub, folder, expected, name):
    items = READERS[name](newsletter_hub.site / folder / name)
    assert [slug_of(item["link"]) for item in items] == expected
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_feed_items_carry_title_summary_age_of_figures_and_date_of_the_last_change(newsletter_hub, name):
    hub = build_hub(newsletter_hub.root)
    items = {slug_of(item["link"]): item for item in READERS[name](newsletter_hub.site / name)}
    for slug, item in items.items():
        cs = hub.case_studies[slug]
        assert item["title"] == cs.title
        # The day of the change dates the item; its text gives the age of the figures.
        assert item["summary"] == f"{cs.summary} Figures reported {reported_words(cs.source.date)}."
        assert item["date"] == (cs.updated or cs.published)
    assert items["first-of-november"]["title"] == 'Legal & "trusted" services'
    assert items["updated-in-november"]["date"] == dt.date(2026, 11, 10)


def test_every_address_in_a_feed_is_absolute_and_exists_in_the_built_site(newsletter_hub):
    site = newsletter_hub.site
    for feed in [*site.glob("*.xml"), *site.glob("themes/*/*.xml")]:
        if feed.name.startswith("sitemap"):
            continue
        text = feed.read_text(encoding="utf-8")
        addresses = re.findall(r"<link>([^<]+)</link>|href=\"([^\"]+)\"|<id>([^<]+)</id>|<guid[^>]*>([^<]+)</guid>", text)
        for address in (next(part for part in match if part) for match in addresses):
            assert address.startswith(SITE_URL), f"{feed.name}: {address}"
            path = address[len(SITE_URL):]
            assert (site / path).is_file() or (site / path / "index.html").is_file(), f"{feed}: {address}"


def test_atom_entries_say_when_first_published_and_when_updated(newsletter_hub):
    entry = next(e for e in ET.parse(newsletter_hub.site / "atom.xml").getroot().findall(f"{A}entry")
                 if e.findtext(f"{A}id").endswith("/updated-in-november/"))
    assert entry.findtext(f"{A}published") == "2026-03-01T00:00:00Z"
    assert entry.findtext(f"{A}updated") == "2026-11-10T00:00:00Z"
    assert entry.find(f"{A}category").get("term") == "procurement"


@pytest.mark.parametrize("page, feeds", [
    ("index.html", ["feed.xml", "atom.xml"]),
    ("case-studies/old-procurement/index.html", ["../../feed.xml", "../../atom.xml"]),
    ("themes/procurement/index.html", ["../../feed.xml", "../../atom.xml", "feed.xml", "atom.xml"]),
])
def test_pages_advertise_their_feeds_in_the_head(newsletter_hub, page, feeds):
    head = (newsletter_hub.site / page).read_text(encoding="utf-8").split("</head>")[0]
    advertised = re.findall(r'<link rel="alternate" type="application/(?:rss|atom)\+xml" title="[^"]+" href="([^"]+)">',
                            head)
    assert advertised == feeds  # relative, so a local or offline copy never calls the public host
    for href in advertised:
        assert (newsletter_hub.site / page).parent.joinpath(href).resolve().is_file()


def test_the_real_site_has_a_valid_feed_for_the_hub_and_each_theme(site, hub):
    for folder, count in [("", len(hub.case_studies))] + [
            (f"themes/{theme}/", len(hub.select(theme=theme))) for theme in hub.themes]:
        for name, reader in READERS.items():
            items = reader(site / folder / name)
            assert len(items) == min(count, FEED_SIZE), f"{folder}{name}"
            assert {slug_of(item["link"]) for item in items} <= set(hub.case_studies)
        if folder:  # each theme page advertises its own feeds once, beside the hub's
            head = (site / folder / "index.html").read_text(encoding="utf-8").split("</head>")[0]
            assert head.count('<link rel="alternate" type="application/rss+xml"') == 2 and 'href="feed.xml"' in head
