"""`pkhub reference`: the field reference generated from the content models and the limits from the content
settings, printed, written into CONTRIBUTING.md between their markers, or checked to be current there."""

from __future__ import annotations

import sys
from pathlib import Path

from ..site.field_reference import GUIDE, insert_references, render_field_reference
from ..site.limits_reference import render_limits


def add_parser(commands) -> None:
    command = commands.add_parser("reference", help="print the field reference and the limits, generated from the "
                                                    "content models and settings")
    action = command.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write it into {GUIDE} between its markers")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {GUIDE} does not hold the current reference")
    command.set_defaults(run=run)


def run(args, out=None) -> int:
    out = sys.stdout if out is None else out
    if not (args.write or args.check):
        print(render_field_reference() + "\n" + render_limits(), end="", file=out)
        return 0
    path = Path(args.root) / GUIDE
    text = path.read_text(encoding="utf-8")
    updated = insert_references(text)
    if args.check:
        if updated != text:
            print(f"{GUIDE}: the field reference or the limits are out of date — run `pkhub reference --write` and "
                  f"commit {GUIDE}", file=out)
            return 1
        print(f"{GUIDE}: the field reference and the limits are current.", file=out)
        return 0
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{GUIDE}: field reference and limits updated.", file=out)
    else:
        print(f"{GUIDE}: the field reference and the limits were already current.", file=out)
    return 0
