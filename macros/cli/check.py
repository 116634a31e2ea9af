"""`pkhub check`: every file validated and every dataset reconciled without building; every problem printed at
once, as text or as GitHub annotations on the pull request's lines."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..content.slugs import check_published_slugs
from ..content.validation import check_repository
from ..figures.reconciliation import check_totals, reconcile_datasets


def add_parser(commands) -> None:
    check = commands.add_parser("check", help="check every case study and data file, without building")
    check.add_argument("paths", nargs="*", metavar="FILE",
                       help="only report the problems these changed files cause (the pre-commit hook passes them); "
                            "the whole hub is still checked")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints GitHub Actions annotations so problems show on the pull request")
    check.set_defaults(run=lambda args: run_check(args.root, args.format, paths=args.paths or None))


def run_check(root: Path, output_format: str = "text", out=sys.stdout, paths: list[str] | None = None) -> int:
    """Validate every file and reconcile every dataset; print all problems at once. Exit status 1 if any.
    With `paths` (the changed files, as the pre-commit hook passes them) the whole hub is still checked, since ids
    must exist in the registers, but only the problems those files cause are printed (see `problems_for_paths`)."""
    started = time.perf_counter()
    content, problems = check_repository(root)
    problems += check_totals(reconcile_datasets(content.datasets), content.total_lines)
    problems += check_published_slugs(root, content)
    problems = sorted(set(problems))
    shown = problems if paths is None else problems_for_paths(problems, root, paths)
    for problem in shown:
        print(problem.as_github_annotation() if output_format == "github" else str(problem), file=out)
    elapsed = time.perf_counter() - started
    published = sum(1 for cs in content.case_studies if not cs.draft)
    drafts = len(content.case_studies) - published
    elsewhere = len(problems) - len(shown)
    others = (f" ({elsewhere} more in other files: `make check` lists them)" if elsewhere else "")
    if shown:
        print(f"\n{len(shown)} problem{'s' if len(shown) != 1 else ''} found; fix them and run the check again.{others}",
              file=out)
        return 1
    checked = (f"{len(paths)} changed file{'s' if len(paths) != 1 else ''} checked against the whole hub"
               if paths is not None else
               f"{published} case studies ({drafts} drafts), {len(content.datasets)} datasets checked")
    print(f"All good: {checked} in {elapsed:.2f} s.{others}", file=out)
    return 0


# Files every page depends on: a change to a register or the slug record can break any case study or dataset.
WHOLE_HUB_FILES = ("data/",)
OWN_FILES = ("case_studies/", "data/datasets/")


def problems_for_paths(problems: list, root: Path, paths: list[str]) -> list:
    """The problems a change to `paths` can have caused: those in the files themselves, and those in the registers
    and the slug record (a deleted or renamed case study shows there); every problem when a register changed."""
    changed = {relative_path(root, path) for path in paths}
    if any(path.startswith(WHOLE_HUB_FILES) and not path.startswith(OWN_FILES) for path in changed):
        return problems
    return [problem for problem in problems if problem.path in changed or not problem.path.startswith(OWN_FILES)]


def relative_path(root: Path, path: str) -> str:
    """A path as problems name it: relative to the hub, with forward slashes."""
    resolved = (Path.cwd() / path).resolve()
    try:
        return resolved.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
