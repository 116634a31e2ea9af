"""The newsletter digest, as the site and editors publish it: the changes of a range of days (`figures/changes.py`)
in three forms — email-safe HTML, plain text and Markdown — and the "What's new" page of the latest month, with
the three forms to download."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from ..figures.changes import Digest, DigestEntry, latest_month, select_digest
from . import urls
from .format import describe_reported, format_date, plural
from .html.text import esc, render_link
from .markdown import escape_md, page_header
from .passthrough import html_block

FORMATS = ("html", "text", "markdown")
SUFFIXES = {"html": "html", "text": "txt", "markdown": "md"}
CAMPAIGN_TAGS = {"utm_source": "newsletter", "utm_medium": "email"}  # + utm_campaign: the campaign's name

# Inline styles only: email clients drop <style> blocks and never run scripts.
STYLE = {
    "box": "font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2933;",
    "h2": "font-size: 20px; line-height: 1.3; margin: 0 0 12px 0; color: #1f2933;",
    "h3": "font-size: 17px; line-height: 1.3; margin: 20px 0 8px 0; color: #1a237e;",
    "p": "margin: 0 0 14px 0;",
    "a": "color: #1a237e; font-weight: bold; text-decoration: underline;",
    "when": "color: #52606d; font-size: 13px;",
}


def describe_range(since: dt.date, until: dt.date) -> str:
    if since == until:
        return f"on {format_date(since)}"
    return f"between {format_date(since)} and {format_date(until)}"


def describe_heading(digest: Digest) -> str:
    span = format_date(digest.since) + (f" to {format_date(digest.until)}" if digest.until != digest.since else "")
    return f"New and updated case studies, {span}"


def describe_empty(digest: Digest) -> str:
    return f"No case studies were published or updated {describe_range(digest.since, digest.until)}."


def describe_when(entry: DigestEntry, capital: bool = False) -> str:
    """'new, 1 December 2026 · figures reported April 2011' ('New, …' where it opens a line): the day of the change
    on the hub, which orders the digest, and the age of the figures, which readers judge them by."""
    text = f"{entry.change}, {format_date(entry.date)} · {describe_reported(entry.case_study)}"
    return text[0].upper() + text[1:] if capital else text


def newsletter_link(site_url: str, campaign: str | None = None):
    """Absolute case-study addresses, tagged for the campaign when one is named."""
    query = {**CAMPAIGN_TAGS, "utm_campaign": campaign} if campaign else None
    return lambda cs: urls.case_study_url(site_url, cs.slug, query)


def render_html(digest: Digest, url_of) -> str:
    """Email-safe HTML: a fragment with inline styles, no classes, no scripts."""
    parts = [f'<div style="{STYLE["box"]}">', f'<h2 style="{STYLE["h2"]}">{esc(describe_heading(digest))}</h2>']
    for theme, entries in digest.sections:
        parts.append(f'<h3 style="{STYLE["h3"]}">{esc(theme.name)}</h3>')
        for entry in entries:
            cs = entry.case_study
            parts.append(f'<p style="{STYLE["p"]}"><a href="{esc(url_of(cs))}" style="{STYLE["a"]}">{esc(cs.title)}</a>'
                         f'<br><span style="{STYLE["when"]}">{esc(describe_when(entry, capital=True))}</span><br>{esc(cs.summary)}</p>')
    if not digest.sections:
        parts.append(f'<p style="{STYLE["p"]}">{esc(describe_empty(digest))}</p>')
    return "\n".join(parts) + "\n</div>\n"


def render_text(digest: Digest, url_of) -> str:
    """Plain text wrapped for email; addresses on lines of their own so they are never broken."""
    heading = describe_heading(digest)
    lines = [heading, "=" * len(heading), ""]
    for theme, entries in digest.sections:
        lines += [theme.name, "-" * len(theme.name), ""]
        for entry in entries:
            cs = entry.case_study
            lines += textwrap.wrap(cs.title, 72) + [describe_when(entry, capital=True)] + textwrap.wrap(cs.summary, 72) + [url_of(cs), ""]
    if not digest.sections:
        lines += [describe_empty(digest), ""]
    return "\n".join(lines)


def render_markdown(digest: Digest, url_of, level: int = 2) -> str:
    """Markdown with `level` as the heading level of the digest (themes one below)."""
    lines = [f"{'#' * level} {escape_md(describe_heading(digest))}", ""] if level else []
    for theme, entries in digest.sections:
        lines += [f"{'#' * (max(level, 1) + 1)} {escape_md(theme.name)}", ""]
        for entry in entries:
            cs = entry.case_study
            lines.append(f"- [**{escape_md(cs.title)}**]({url_of(cs)}) — {describe_when(entry)}  \n  {escape_md(cs.summary)}")
        lines.append("")
    if not digest.sections:
        lines += [escape_md(describe_empty(digest)), ""]
    return "\n".join(lines)


RENDERERS = {"html": render_html, "text": render_text, "markdown": render_markdown}


def render_digest(digest: Digest, output_format: str, url_of) -> str:
    return RENDERERS[output_format](digest, url_of)


# --- On the site: the latest month ---------------------------------------------------------------

def render_digest_page(hub, today: dt.date) -> str:
    since, until = latest_month(hub, today)
    digest = select_digest(hub, since, until)
    month = f"{since:%B %Y}"
    page = urls.DIGEST
    downloads = " · ".join(
        f'<a href="{esc(urls.file_href(page, f"{urls.DIGEST_DOWNLOADS}.{SUFFIXES[form]}"))}" download>{label}</a>'
        for form, label in (("html", "email HTML"), ("text", "plain text"), ("markdown", "Markdown")))
    feeds = "".join(f'<li>{esc(theme.name)}: {render_feed_links(page, urls.feed_folder(theme.id))}</li>\n'
                    for theme in hub.themes.values())
    return (
        page_header(f"What's new: {month}", f"Case studies published or updated in {month}, grouped by theme, "
                    "ready for newsletters.", "digest")
        + f"# What's new: {month}\n"
        + html_block(f"<p>{plural(len(digest.entries), 'case study', 'case studies')} published or updated "
                     f"{esc(describe_range(since, until))}, grouped by theme, the latest change first: the day given "
                     "first is the day the hub added or updated each one, then when its figures were reported. "
                     f"{render_link('The case-study index', urls.href(page, urls.CASE_STUDIES))} lists every case "
                     "study with the newest figures first.</p>\n")
        + render_digest_listing(digest, page)
        + "\n## For newsletters\n\n"
        + f'<p class="hub-downloads">This digest, ready to paste, with full addresses: {downloads}.</p>\n\n'
        + "For another period, or with a campaign tag on every link, editors run "
        + "`make digest SINCE=2026-10-01 UNTIL=2026-10-31 CAMPAIGN=autumn-2026` in the hub's repository.\n\n"
        + "## Feeds\n\n"
        + f"New and updated case studies, for feed readers and newsletter tools: {render_feed_links(page, '')}. "
        + "By theme:\n\n"
        + f'<ul class="hub-feed-list">\n{feeds}</ul>\n'
    )


def render_digest_listing(digest: Digest, page: str) -> str:
    """The digest as the "What's new" page lists it: a heading for each theme (Markdown, so the page's table of
    contents has it), and its case studies as HTML."""
    if not digest.sections:
        return html_block(f"<p>{esc(describe_empty(digest))}</p>\n")
    parts = []
    for theme, entries in digest.sections:
        items = "".join(
            f'<li><a href="{esc(urls.href(page, urls.case_study_page(entry.case_study.slug)))}">'
            f"<strong>{esc(entry.case_study.title)}</strong></a> — {esc(describe_when(entry))}<br>"
            f"{esc(entry.case_study.summary)}</li>\n" for entry in entries)
        parts.append(f"\n## {escape_md(theme.name)}\n" + html_block(f'<ul class="hub-case-list">\n{items}</ul>\n'))
    return "".join(parts)


def render_feed_links(page: str, folder: str) -> str:
    return (f'<a href="{esc(urls.file_href(page, folder + urls.RSS))}">RSS</a> · '
            f'<a href="{esc(urls.file_href(page, folder + urls.ATOM))}">Atom</a>')


def digest_pages(hub, existing: set[str], today: dt.date) -> list[tuple[str, str]]:
    """(source path, Markdown) of the "What's new" page, unless a hand-written page has its address."""
    return [] if urls.DIGEST in existing else [(urls.DIGEST, render_digest_page(hub, today))]


def write_digest_downloads(hub, site_dir: Path, site_url: str, today: dt.date) -> None:
    """The site page's digest in the three forms, with absolute links, beside the page."""
    digest = select_digest(hub, *latest_month(hub, today))
    absolute = newsletter_link(site_url)
    for form, suffix in SUFFIXES.items():
        path = site_dir / f"{urls.DIGEST_DOWNLOADS}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_digest(digest, form, absolute), encoding="utf-8")
