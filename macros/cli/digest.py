"""`pkhub digest` (`make digest`): the newsletter digest of the case studies published or updated in a range of
days, in email-safe HTML, plain text or Markdown, with absolute links tagged for a campaign when one is named."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..content.problems import ContentError
from ..figures.changes import select_digest
from ..figures.hub import build_hub
from ..site.digest import FORMATS, SUFFIXES, describe_range, newsletter_link, render_digest
from ..site.format import format_date
from ..site.site_address import PLACEHOLDER_SITE_URL

DEFAULT_DAYS = 30  # without --since: the last 30 days, the span of a monthly newsletter


def read_site_url(root: Path) -> str:
    """site_url as the build reads it from mkdocs.yml: MkDocs' own loader (INHERIT, !ENV), imported only here."""
    from mkdocs.config import load_config

    path = Path(root) / "mkdocs.yml"
    return (load_config(str(path)).site_url or "") if path.exists() else ""


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-11-01") from None


def add_parser(commands) -> None:
    parser = commands.add_parser("digest", help="a newsletter section of case studies published or updated in a "
                                 "date range, grouped by theme")
    parser.add_argument("--since", type=parse_date,
                        help=f"first day, YYYY-MM-DD (default: the last {DEFAULT_DAYS} days up to --until)")
    parser.add_argument("--until", type=parse_date, help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument("--campaign", help="append ?utm_source=newsletter&utm_medium=email&utm_campaign=NAME to links")
    parser.add_argument("--format", choices=FORMATS, default="html", dest="output_format",
                        help="email-safe HTML (default), plain text or Markdown")
    parser.add_argument("--output", type=Path, metavar="FOLDER",
                        help="write all three forms into FOLDER (digest.html, digest.txt, digest.md) instead")
    parser.add_argument("--site-url", help="the address links start with (default: site_url in mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr  # looked up now, so redirected streams are honoured

    until = args.until or dt.date.today()
    since = args.since or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    if not args.since:  # said on stderr, so the digest written to stdout stays the digest alone
        print(f"pkhub digest: the last {DEFAULT_DAYS} days, {format_date(since)} to {format_date(until)}"
              " (choose the first day with --since YYYY-MM-DD, or SINCE=YYYY-MM-DD with make digest)", file=err)
    if since > until:
        print(f"pkhub digest: --since {since} is after --until {until}", file=err)
        return 2
    site_url = args.site_url or read_site_url(args.root)
    if not site_url:
        print("pkhub digest: links must be absolute: set site_url in mkdocs.yml or pass --site-url", file=err)
        return 2
    if site_url.rstrip("/") == PLACEHOLDER_SITE_URL.rstrip("/"):  # said, not refused: a draft may be read first
        print(f"pkhub digest: links start with the placeholder address {PLACEHOLDER_SITE_URL}, not the site's: set "
              "HUB_SITE_URL (make digest HUB_SITE_URL=https://your-address/) or pass --site-url", file=err)
    try:
        hub = build_hub(args.root)
    except ContentError as error:
        print(error, file=err)
        return 1
    digest = select_digest(hub, since, until)
    absolute = newsletter_link(site_url, args.campaign)
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        for form, suffix in SUFFIXES.items():
            (args.output / f"digest.{suffix}").write_text(render_digest(digest, form, absolute), encoding="utf-8")
        print(f"{len(digest.entries)} case studies {describe_range(since, until)}: "
              f"written to {args.output}/digest.html, digest.txt and digest.md", file=out)
    else:
        out.write(render_digest(digest, args.output_format, absolute))
    return 0
