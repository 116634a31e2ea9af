"""The newsletter digest of case studies new or updated in a date range: `pkhub digest` and the "What's new" page."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlencode

import yaml

from ..content import models
from .html.tables import case_study_uri, esc, escape_md, front_matter, link

FORMATS = ("html", "text", "markdown")
SUFFIXES = {"html": "html", "text": "txt", "markdown": "md"}
PAGE = "digest/index.md"
DOWNLOAD = "digest/newsletter"  # + .html/.txt/.md: the site page's digest, ready to paste

# Inline styles only: email clients drop <style> blocks and never run scripts.
STYLE = {
    "box": "font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2933;",
    "h2": "font-size: 20px; line-height: 1.3; margin: 0 0 12px 0; color: #1f2933;",
    "h3": "font-size: 17px; line-height: 1.3; margin: 20px 0 8px 0; color: #1a237e;",
    "p": "margin: 0 0 14px 0;",
    "a": "color: #1a237e; font-weight: bold; text-decoration: underline;",
    "when": "color: #52606d; font-size: 13px;",
}


@dataclass(frozen=True)
class DigestEntry:
    case_study: models.CaseStudy
    change: str      # "new" or "updated"
    date: dt.date

    @property
    def label(self) -> str:
        return f"{self.change}, {self.date:%-d %B %Y}"

    @property
    def heading_label(self) -> str:
        return self.label[0].upper() + self.label[1:]


@dataclass(frozen=True)
class Digest:
    since: dt.date
    until: dt.date
    sections: list[tuple[models.Theme, list[DigestEntry]]]

    @property
    def entries(self) -> list[DigestEntry]:
        return [entry for _, entries in self.sections for entry in entries]

    @property
    def heading(self) -> str:
        span = f"{self.since:%-d %B %Y}" + (f" to {self.until:%-d %B %Y}" if self.until != self.since else "")
        return f"New and updated case studies, {span}"

    @property
    def empty_note(self) -> str:
        return f"No case studies were published or updated {describe_range(self.since, self.until)}."


def describe_range(since: dt.date, until: dt.date) -> str:
    if since == until:
        return f"on {since:%-d %B %Y}"
    return f"between {since:%-d %B %Y} and {until:%-d %B %Y}"


def describe_change(cs: models.CaseStudy, since: dt.date, until: dt.date) -> DigestEntry | None:
    """A case study is new if published in the range, else updated if its last update is in it."""
    if since <= cs.published <= until:
        return DigestEntry(cs, "new", cs.published)
    if cs.updated and since <= cs.updated <= until:
        return DigestEntry(cs, "updated", cs.updated)
    return None


def select_digest(hub, since: dt.date, until: dt.date) -> Digest:
    """Published case studies new or updated in [since, until], under their first theme, newest first."""
    by_theme: dict[str, list[DigestEntry]] = {}
    for cs in hub.case_studies.values():
        entry = describe_change(cs, since, until)
        if entry:
            by_theme.setdefault(cs.themes[0], []).append(entry)
    sections = [(theme, sorted(by_theme[theme.id], key=lambda e: (-e.date.toordinal(), e.case_study.title.lower())))
                for theme in hub.themes.values() if theme.id in by_theme]
    return Digest(since, until, sections)


def latest_month(hub, today: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month of the most recent publication or update (this month if there is none)."""
    latest = max((cs.updated or cs.published for cs in hub.case_studies.values()), default=today)
    return latest.replace(day=1), latest.replace(day=calendar.monthrange(latest.year, latest.month)[1])


# --- Links -----------------------------------------------------------------------------------------

def newsletter_link(site_url: str, campaign: str | None = None) -> Callable[[models.CaseStudy], str]:
    """Absolute case-study addresses, tagged for the campaign when one is named."""
    base = site_url.rstrip("/") + "/"
    query = "?" + urlencode({"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": campaign}) \
        if campaign else ""
    return lambda cs: f"{base}case-studies/{cs.slug}/{query}"


# --- The three forms -----------------------------------------------------------------------------

def render_html(digest: Digest, url_of) -> str:
    """Email-safe HTML: a fragment with inline styles, no classes, no scripts."""
    parts = [f'<div style="{STYLE["box"]}">', f'<h2 style="{STYLE["h2"]}">{esc(digest.heading)}</h2>']
    for theme, entries in digest.sections:
        parts.append(f'<h3 style="{STYLE["h3"]}">{esc(theme.name)}</h3>')
        for entry in entries:
            cs = entry.case_study
            parts.append(f'<p style="{STYLE["p"]}"><a href="{esc(url_of(cs))}" style="{STYLE["a"]}">{esc(cs.title)}</a>'
                         f'<br><span style="{STYLE["when"]}">{esc(entry.heading_label)}</span><br>{esc(cs.summary)}</p>')
    if not digest.sections:
        parts.append(f'<p style="{STYLE["p"]}">{esc(digest.empty_note)}</p>')
    return "\n".join(parts) + "\n</div>\n"


def render_text(digest: Digest, url_of) -> str:
    """Plain text wrapped for email; addresses on lines of their own so they are never broken."""
    lines = [digest.heading, "=" * len(digest.heading), ""]
    for theme, entries in digest.sections:
        lines += [theme.name, "-" * len(theme.name), ""]
        for entry in entries:
            cs = entry.case_study
            lines += textwrap.wrap(cs.title, 72) + [entry.heading_label] + textwrap.wrap(cs.summary, 72) + [url_of(cs), ""]
    if not digest.sections:
        lines += [digest.empty_note, ""]
    return "\n".join(lines)


def render_markdown(digest: Digest, url_of, level: int = 2) -> str:
    """Markdown with `level` as the heading level of the digest (themes one below)."""
    lines = [f"{'#' * level} {escape_md(digest.heading)}", ""] if level else []
    for theme, entries in digest.sections:
        lines += [f"{'#' * (max(level, 1) + 1)} {escape_md(theme.name)}", ""]
        for entry in entries:
            cs = entry.case_study
            lines.append(f"- [**{escape_md(cs.title)}**]({url_of(cs)}) — {entry.label}  \n  {escape_md(cs.summary)}")
        lines.append("")
    if not digest.sections:
        lines += [escape_md(digest.empty_note), ""]
    return "\n".join(lines)


RENDERERS = {"html": render_html, "text": render_text, "markdown": render_markdown}


def render_digest(digest: Digest, output_format: str, url_of) -> str:
    return RENDERERS[output_format](digest, url_of)


# --- On the site: the latest month ---------------------------------------------------------------

def render_digest_page(hub, today: dt.date) -> str:
    since, until = latest_month(hub, today)
    digest = select_digest(hub, since, until)
    month = f"{since:%B %Y}"
    downloads = " · ".join(f'<a href="newsletter.{SUFFIXES[form]}" download>{label}</a>'
                           for form, label in (("html", "email HTML"), ("text", "plain text"), ("markdown", "Markdown")))
    feeds = "".join(f'<li>{esc(theme.name)}: <a href="../themes/{esc(theme.id)}/feed.xml">RSS</a> · '
                    f'<a href="../themes/{esc(theme.id)}/atom.xml">Atom</a></li>\n' for theme in hub.themes.values())
    return (
        front_matter(title=f"What's new: {month}", description=f"Case studies published or updated in {month}, "
                     "grouped by theme, ready for newsletters.", render_macros=False, hub_kind="digest")
        + f"# What's new: {month}\n\n"
        + f"{len(digest.entries)} case stud{'y' if len(digest.entries) == 1 else 'ies'} published or updated "
        + f"{describe_range(since, until)}, grouped by theme.\n\n"
        + render_markdown(digest, lambda cs: link(PAGE, case_study_uri(cs.slug)), level=0)
        + "\n## For newsletters\n\n"
        + f'<p class="hub-downloads">This digest, ready to paste, with full addresses: {downloads}.</p>\n\n'
        + "For another period, or with a campaign tag on every link, editors run "
        + "`make digest SINCE=2026-10-01 UNTIL=2026-10-31 CAMPAIGN=autumn-2026` in the hub's repository.\n\n"
        + "## Feeds\n\n"
        + 'New and updated case studies, for feed readers and newsletter tools: <a href="../feed.xml">RSS</a> · '
        + '<a href="../atom.xml">Atom</a>. By theme:\n\n'
        + f'<ul class="hub-feed-list">\n{feeds}</ul>\n'
    )


def digest_pages(hub, existing: set[str], today: dt.date) -> list[tuple[str, str]]:
    """(source path, Markdown) of the "What's new" page, unless a hand-written page has its address."""
    return [] if PAGE in existing else [(PAGE, render_digest_page(hub, today))]


def write_digest_downloads(hub, site_dir: Path, site_url: str, today: dt.date) -> None:
    """The site page's digest in the three forms, with absolute links, beside the page."""
    digest = select_digest(hub, *latest_month(hub, today))
    absolute = newsletter_link(site_url)
    for form, suffix in SUFFIXES.items():
        path = site_dir / f"{DOWNLOAD}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_digest(digest, form, absolute), encoding="utf-8")


# --- `pkhub digest` ----------------------------------------------------------------------------------

def read_site_url(root: Path) -> str:
    """site_url from mkdocs.yml, read without running MkDocs (tags such as !ENV are ignored)."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    path = root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) if path.exists() else {}
    return (config or {}).get("site_url") or ""


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-11-01") from None


def add_digest_command(commands) -> None:
    parser = commands.add_parser("digest", help="a newsletter section of case studies published or updated in a "
                                 "date range, grouped by theme")
    parser.add_argument("--since", type=parse_date, required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--until", type=parse_date, help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument("--campaign", help="append ?utm_source=newsletter&utm_medium=email&utm_campaign=NAME to links")
    parser.add_argument("--format", choices=FORMATS, default="html", dest="output_format",
                        help="email-safe HTML (default), plain text or Markdown")
    parser.add_argument("--output", type=Path, metavar="FOLDER",
                        help="write all three forms into FOLDER (digest.html, digest.txt, digest.md) instead")
    parser.add_argument("--site-url", help="the address links start with (default: site_url in mkdocs.yml)")


def run_digest(args, out=None, err=None) -> int:
    from ..figures.hub import build_hub
    from ..content.problems import ContentError

    out, err = out or sys.stdout, err or sys.stderr  # looked up now, so redirected streams are honoured

    until = args.until or dt.date.today()
    if args.since > until:
        print(f"pkhub digest: --since {args.since} is after --until {until}", file=err)
        return 2
    site_url = args.site_url or read_site_url(args.root)
    if not site_url:
        print("pkhub digest: links must be absolute: set site_url in mkdocs.yml or pass --site-url", file=err)
        return 2
    try:
        hub = build_hub(args.root)
    except ContentError as error:
        print(error, file=err)
        return 1
    digest = select_digest(hub, args.since, until)
    absolute = newsletter_link(site_url, args.campaign)
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        for form, suffix in SUFFIXES.items():
            (args.output / f"digest.{suffix}").write_text(render_digest(digest, form, absolute), encoding="utf-8")
        print(f"{len(digest.entries)} case studies {describe_range(args.since, until)}: "
              f"written to {args.output}/digest.html, digest.txt and digest.md", file=out)
    else:
        out.write(render_digest(digest, args.output_format, absolute))
    return 0
