"""The `pkhub` command's entry point: one subcommand for each module of this package."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

# Each subcommand and the module that adds it. Only the module of the command run is imported (all of them for the
# help that lists them): `pkhub check`, which the pre-commit hook runs on every commit, then does not import pandas,
# which `figures` and `digest` need (0.3 s of the 1.5 s it takes at 1,000 case studies).
COMMANDS = {"check": "check", "new": "new", "reference": "reference", "slugs": "slugs", "figures": "figures",
            "compare": "figures", "digest": "digest"}


def named_command(argv: list[str] | None) -> str | None:
    """The subcommand `argv` names, if it names one."""
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--root")
    first.add_argument("command", nargs="?")
    known, _ = first.parse_known_args(argv)
    return known.command if known.command in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pkhub", description="Partnership Knowledge Hub tools for editors.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the hub repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    command = named_command(argv)
    for module in dict.fromkeys([COMMANDS[command]] if command else COMMANDS.values()):
        importlib.import_module(f"{__package__}.{module}").add_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)
