"""What a page puts in its head for link previews and feed discovery, and a case study's citation line."""

from __future__ import annotations

from urllib.parse import urljoin

from .feeds import feed_links
from .format import format_date

CITATION_SITE = "Partnership Knowledge Hub"


def describe_preview(meta: dict, title: str, canonical_url: str, config, published=None, updated=None) -> list[tuple]:
    """Open Graph and Twitter card tags as (attribute, name, content): summary or description, canonical URL."""
    site_name = config.get("site_name") or ""
    description = meta.get("description") or config.get("site_description") or ""
    title = meta.get("title") or title or site_name
    extra = config.get("extra") or {}
    image = extra.get("og_image")
    if image:
        image = urljoin(config.get("site_url") or "", image)
    case_study = meta.get("hub_kind") == "case-study"
    tags = [
        ("property", "og:site_name", site_name),
        ("property", "og:type", "article" if case_study else "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", canonical_url),
        ("property", "og:locale", "en_GB"),
    ]
    if image:
        tags.append(("property", "og:image", image))
        if extra.get("og_image_alt"):
            tags.append(("property", "og:image:alt", extra["og_image_alt"]))
    if case_study and published:
        tags.append(("property", "article:published_time", published.isoformat()))
        tags.append(("property", "article:modified_time", (updated or published).isoformat()))
    tags += [
        ("name", "twitter:card", "summary_large_image" if image else "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    if image:
        tags.append(("name", "twitter:image", image))
    return [tag for tag in tags if tag[2]]


def describe_citation(cs, url: str, site_name: str = CITATION_SITE) -> dict:
    """'Partnership Knowledge Hub, <title>, <url>, published <date>' in parts the template marks up."""
    published = format_date(cs.published)
    return {"site": site_name, "title": cs.title, "url": url, "published": published,
            "text": f"{site_name}, {cs.title}, {url}, published {published}"}


def add_page_head(hub, page, config) -> None:
    """Fill page.meta with what overrides/ renders: preview tags, feed links and, for a case study, the citation."""
    meta = page.meta
    cs = hub.case_studies.get(meta.get("hub_slug", "")) if meta.get("hub_kind") == "case-study" else None
    url = page.canonical_url or ""
    title = config.get("site_name") if page.is_homepage else page.title  # the home page is the site, not "Home"
    meta["hub_preview"] = describe_preview(meta, title, url, config,
                                           cs.published if cs else None, cs.updated if cs else None)
    if config.get("site_url"):
        meta["hub_feeds"] = feed_links(page.url, meta.get("hub_kind", ""), meta.get("title") or page.title or "",
                                       config.get("site_name") or "")
    if cs:
        meta["hub_citation"] = describe_citation(cs, url, config.get("site_name") or CITATION_SITE)
