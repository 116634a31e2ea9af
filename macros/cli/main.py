"""The `pkhub` command's entry point: one subcommand for each module of this package."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import check, digest, figures, new, reference, slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pkhub", description="Partnership Knowledge Hub tools for editors.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the hub repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in (check, new, reference, slugs, figures, digest):
        command.add_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)
