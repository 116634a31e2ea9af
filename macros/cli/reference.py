"""`pkhub reference`: the field reference generated from the content models, printed, written into CONTRIBUTING.md
between its markers, or checked to be current there."""

from __future__ import annotations

import sys
from pathlib import Path

from ..site.field_reference import GUIDE, insert_field_reference, render_field_reference


def add_parser(commands) -> None:
    command = commands.add_parser("reference", help="print the field reference generated from the content models")
    action = command.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write it into {GUIDE} between its markers")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {GUIDE} does not hold the current reference")
    command.set_defaults(run=run)


def run(args, out=None) -> int:
    out = sys.stdout if out is None else out
    reference = render_field_reference()
    if not (args.write or args.check):
        print(reference, end="", file=out)
        return 0
    path = Path(args.root) / GUIDE
    text = path.read_text(encoding="utf-8")
    updated = insert_field_reference(text, reference)
    if args.check:
        if updated != text:
            print(f"{GUIDE}: the field reference is out of date — run `pkhub reference --write` and commit {GUIDE}",
                  file=out)
            return 1
        print(f"{GUIDE}: the field reference is current.", file=out)
        return 0
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{GUIDE}: field reference updated.", file=out)
    else:
        print(f"{GUIDE}: the field reference was already current.", file=out)
    return 0
