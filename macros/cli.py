"""The `pkhub` command for editors: `pkhub check` validates everything without building."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .digest import add_digest_command, run_digest
from .figures import add_figures_commands, run_compare, run_figures
from .hub import Hub
from .reference import add_reference_command, run_reference
from .scaffold import add_new_command, run_new
from .slug_record import add_slugs_command, check_published_slugs, run_slugs
from .validate import check_repository


def run_check(root: Path, output_format: str = "text", out=sys.stdout) -> int:
    """Validate every file and reconcile every dataset; print all problems at once. Exit status 1 if any."""
    started = time.perf_counter()
    content, problems = check_repository(root)
    problems += Hub(root, content).reconciliation_problems()
    problems += check_published_slugs(root, content)
    problems = sorted(set(problems))
    for problem in problems:
        print(problem.as_github_annotation() if output_format == "github" else str(problem), file=out)
    elapsed = time.perf_counter() - started
    published = sum(1 for cs in content.case_studies if not cs.draft)
    drafts = len(content.case_studies) - published
    if problems:
        print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} found; fix them and run the check again.",
              file=out)
        return 1
    print(f"All good: {published} case studies ({drafts} drafts), {len(content.datasets)} datasets checked "
          f"in {elapsed:.2f} s.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pkhub", description="Partnership Knowledge Hub tools for editors.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the hub repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every case study and data file, without building")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints GitHub Actions annotations so problems show on the pull request")
    for add_command in (add_new_command, add_reference_command, add_slugs_command, add_figures_commands):
        add_command(commands)
    add_digest_command(commands)
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.root, args.format)
    editors_commands = {"new": run_new, "reference": run_reference, "slugs": run_slugs, "figures": run_figures,
                        "compare": run_compare}
    if args.command in editors_commands:
        return editors_commands[args.command](args)
    if args.command == "digest":
        return run_digest(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
