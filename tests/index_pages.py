"""The case-study index read as readers read it: without JavaScript, its first page, then every page its page links
lead to, and the case studies they list in order; with it, the data its script filters, and what a filter shows."""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs

PAGE_LINK = re.compile(r'<a href="([^"]+)"(?: aria-current="page")?>\d+</a>')
LIST = re.compile(r'<ul class="hub-case-list" id="hub-case-list"[^>]*>(.*?)</ul>', re.S)
ITEM_LINK = re.compile(r'<li><a href="([^"]+)">')


def read_index_pages(site: Path) -> dict[str, str]:
    """Site folder ('case-studies/', 'case-studies/page/2/') -> the page, for every page reached from the first."""
    pages, todo = {}, ["case-studies/"]
    while todo:
        folder = todo.pop(0)
        if folder in pages:
            continue
        pages[folder] = (site / folder / "index.html").read_text(encoding="utf-8")
        nav = pages[folder].split('<nav class="hub-pagination"', 1)
        if len(nav) == 2:
            for href in PAGE_LINK.findall(nav[1].split("</nav>", 1)[0]):
                todo.append(posixpath.normpath(posixpath.join(folder, href)) + "/")
    return pages


def listed_case_studies(site: Path) -> list[str]:
    """The slugs the index's pages list, in the order they list them."""
    slugs = []
    pages = read_index_pages(site)
    for folder in sorted(pages, key=lambda f: (f != "case-studies/", int(f.rstrip("/").rsplit("/", 1)[-1])
                                             if f != "case-studies/" else 0)):
        listing = LIST.search(pages[folder])
        for href in ITEM_LINK.findall(listing.group(1)) if listing else []:
            slugs.append(posixpath.normpath(posixpath.join(folder, href)).removeprefix("case-studies/"))
    return slugs


def read_index_data(site: Path) -> list[dict]:
    """The data the index's script filters, each case study's filter values written out as the script finds them:
    the authority types, regions and sub-regions of the councils it names, every area its area covers, and its
    `credit` values ('authority=blaby|cashable-total') from whom its savings are credited to."""
    data = json.loads((site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    councils = data["councils"]
    items = []
    for item in data["items"]:
        filters = {key: list(values) for key, values in item["filters"].items()}
        named = filters.get("authority", [])
        for key in ("type", "region", "subregion"):
            filters[key] = sorted({councils[a][key] for a in named if councils[a][key]})
        filters["area"] = sorted({covered for area in filters.get("area", []) for covered in data["covers"][area]})
        credit = set()
        for credited, values in item.get("credit", []):
            for authority in credited if credited is not None else named:
                for key, value in councils[authority].items():
                    if value:
                        credit.update(f"{key}={value}|{wanted}" for wanted in values)
        filters["credit"] = sorted(credit)
        items.append({"slug": item["href"].strip("/"), **filters})
    return items


COUNCIL_FACETS = ("authority", "type", "region", "subregion")


def filter_index(items: list[dict], query: dict) -> set[str]:
    """The case studies the index's script shows for a query: with a council filter, the savings filter matches the
    savings credited to such a council (the "credit" values)."""
    savings = query.get("delivered")
    councils = [key for key in COUNCIL_FACETS if key in query]
    if not savings or savings == "investment" or not councils:
        return {item["slug"] for item in items if all(value in item.get(key, []) for key, value in query.items())}
    plain = {key: value for key, value in query.items() if key != "delivered"}
    wanted = [f"{key}={query[key]}|{'yes' if savings == 'no' else savings}" for key in councils]
    return {item["slug"] for item in items if all(value in item.get(key, []) for key, value in plain.items())
            and all((value in item.get("credit", [])) != (savings == "no") for value in wanted)}


CASE_STUDY_LINK = re.compile(r'href="(?:\.\./)*case-studies/([a-z0-9-]+)/"')
FILTERED_INDEX_LINK = re.compile(r'href="(?:\.\./)*case-studies/\?([^"#]+)"')


def reached_case_studies(site: Path, page_html: str) -> set[str]:
    """The case studies a page leads to: those it links, and those the case-study index shows under each link to it
    with filters (a list that shows the first of many links to all of them there)."""
    reached = set(CASE_STUDY_LINK.findall(page_html))
    queries = set(FILTERED_INDEX_LINK.findall(page_html))
    if queries:
        items = read_index_data(site)
        for query in queries:
            chosen = {key: values[0] for key, values in parse_qs(html.unescape(query)).items() if key != "sort"}
            reached |= filter_index(items, chosen)
    return reached
