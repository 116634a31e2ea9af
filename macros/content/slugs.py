"""The record of published case-study addresses (data/published-slugs.txt): an address once published keeps working."""

from __future__ import annotations

import sys
from pathlib import Path

from .problems import Problem, closest
from .validation import Content, check_repository

RECORD = "data/published-slugs.txt"
HEADER = """\
# Every case-study address the hub has published: /case-studies/<slug>/.
# Each slug here must stay a published case study's file name or be listed under its aliases:,
# so that links in newsletters, reports and search engines keep working (`pkhub check` checks it).
# `pkhub slugs --update` appends new ones; the deploy workflow runs it after publishing main.
# To withdraw a case study on purpose, delete its line in the same pull request and say why.
"""


def read_record(root: Path) -> list[tuple[int, str]]:
    """(line, slug) for every slug recorded; nothing when the hub keeps no record."""
    path = Path(root) / RECORD
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        slug = line.strip()
        if slug and not slug.startswith("#"):
            entries.append((number, slug))
    return entries


def published_addresses(content: Content) -> dict[str, str]:
    """Every slug the site serves -> the published case study it shows: current slugs and aliases."""
    addresses = {}
    for case_study in content.case_studies:
        if not case_study.draft:
            addresses[case_study.slug] = case_study.slug
            addresses.update({alias: case_study.slug for alias in case_study.aliases})
    return addresses


def check_published_slugs(root: Path, content: Content) -> list[Problem]:
    """A recorded slug that is neither a published case study's slug nor one of its aliases is a broken address."""
    served = published_addresses(content)
    valid = {case_study.slug for case_study in content.case_studies}
    drafts = {case_study.slug for case_study in content.case_studies if case_study.draft}
    problems = []
    for line, slug in read_record(root):
        if slug in served:
            continue
        if slug in drafts:
            problems.append(Problem(
                RECORD, line, "published slug",
                f"case_studies/{slug}.md was published and is now a draft: /case-studies/{slug}/ would stop working",
                f"remove draft: true; to withdraw it on purpose, delete this line in the same pull request"))
        elif slug in content.paths and slug not in valid:
            continue  # the file is there but has problems of its own, reported with them
        else:
            guesses = closest(slug, sorted(content.paths), n=1)
            target = f"case_studies/{guesses[0]}.md" if guesses else "the renamed case study"
            problems.append(Problem(
                RECORD, line, "published slug",
                f"/case-studies/{slug}/ was published but no case study has the slug {slug!r} or lists it under aliases:",
                f"if you renamed the file, add 'aliases: [{slug}]' to {target}; "
                "to withdraw it on purpose, delete this line in the same pull request"))
    return problems


def update_record(root: Path, content: Content) -> list[str]:
    """Append every published address not yet recorded; return the slugs added."""
    path = Path(root) / RECORD
    recorded = {slug for _, slug in read_record(root)}
    new = sorted(set(published_addresses(content)) - recorded)
    if not new and path.exists():
        return []
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{slug}\n" for slug in new), encoding="utf-8")
    return new


def add_slugs_command(commands) -> None:
    command = commands.add_parser("slugs", help=f"check or update the record of published slugs ({RECORD})")
    command.add_argument("--update", action="store_true",
                         help="append the addresses published now (run after publishing; the deploy workflow does)")
    command.add_argument("--from", dest="source", type=Path, default=None, metavar="ROOT",
                         help="record what another checkout publishes (CI: the pull request's base branch)")


def run_slugs(args, out=None) -> int:
    out = sys.stdout if out is None else out
    if args.update:
        content, _ = check_repository(args.source or args.root)
        added = update_record(args.root, content)
        print(f"{RECORD}: {len(added)} new slug{'s' if len(added) != 1 else ''} recorded"
              + "".join(f"\n  {slug}" for slug in added), file=out)
        return 0
    content, _ = check_repository(args.root)
    problems = check_published_slugs(args.root, content)
    for problem in problems:
        print(problem, file=out)
    print(f"{len(read_record(args.root))} published slugs recorded; {len(problems)} missing.", file=out)
    return 1 if problems else 0
