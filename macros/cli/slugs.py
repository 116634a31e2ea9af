"""`pkhub slugs`: check the record of published case-study addresses, or append the addresses published now."""

from __future__ import annotations

import sys
from pathlib import Path

from ..content.settings import PUBLISHED_SLUGS
from ..content.slugs import check_published_slugs, read_record, update_record
from ..content.validation import check_repository


def add_parser(commands) -> None:
    command = commands.add_parser("slugs", help=f"check or update the record of published slugs ({PUBLISHED_SLUGS})")
    command.add_argument("--update", action="store_true",
                         help="append the addresses published now (run after publishing; the deploy workflow does)")
    command.add_argument("--from", dest="source", type=Path, default=None, metavar="ROOT",
                         help="record what another checkout publishes (CI: the pull request's base branch)")
    command.set_defaults(run=run)


def run(args, out=None) -> int:
    out = sys.stdout if out is None else out
    if args.update:
        content, _ = check_repository(args.source or args.root)
        added = update_record(args.root, content)
        print(f"{PUBLISHED_SLUGS}: {len(added)} new slug{'s' if len(added) != 1 else ''} recorded"
              + "".join(f"\n  {slug}" for slug in added), file=out)
        return 0
    content, _ = check_repository(args.root)
    problems = check_published_slugs(args.root, content)
    for problem in problems:
        print(problem, file=out)
    print(f"{len(read_record(args.root))} published slugs recorded; {len(problems)} missing.", file=out)
    return 1 if problems else 0
