"""Slugs, a case study's permanent address: the one `slugify`, aliases (old slugs that redirect), and the record of
every address published (data/published-slugs.txt), which must keep working."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .load import Sources
from .parse import line_of
from .problems import Problem, closest
from .settings import CASE_STUDIES, CASE_STUDY_SITE_FOLDER, PUBLISHED_SLUGS, SLUG_LENGTH

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_RULE = f"{SLUG_LENGTH[0]}–{SLUG_LENGTH[1]} lower-case letters, digits and single hyphens"
RECORD_HEADER = """\
# Every case-study address the hub has published: /case-studies/<slug>/.
# Each slug here must stay a published case study's file name or be listed under its aliases:,
# so that links in newsletters, reports and search engines keep working (`pkhub check` checks it).
# `pkhub slugs --update` appends new ones; the deploy workflow runs it after publishing main.
# To withdraw a case study on purpose, delete its line in the same pull request and say why.
"""


def slugify(text: str, limit: int | None = None) -> str:
    """Lower-case letters, digits and single hyphens, as an editor would read the text aloud:
    'Leicester’s £1.2m shared ICT & HR' -> 'leicesters-1-2m-shared-ict-and-hr'. Cut at a word to `limit`."""
    text = unicodedata.normalize("NFKD", str(text).replace("&", " and ")).encode("ascii", "ignore").decode()
    text = re.sub(r"'", "", text.lower())  # "council's" is one word; the curly ’ went with the accents
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if limit and len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0]
        slug = slug[:limit].rstrip("-")  # one word longer than the limit is cut within it
    return slug


def is_slug(text: str) -> bool:
    return SLUG_LENGTH[0] <= len(text) <= SLUG_LENGTH[1] and SLUG_PATTERN.match(text) is not None


def address_of(slug: str) -> str:
    """The address a slug gives, as editors' messages name it: '/case-studies/<slug>/'."""
    return f"/{CASE_STUDY_SITE_FOLDER}/{slug}/"


def file_of(slug: str) -> str:
    return f"{CASE_STUDIES}/{slug}.md"


# --- Aliases ------------------------------------------------------------------------------------------------

def check_aliases(case_studies, sources: Sources) -> list[Problem]:
    """Every slug and alias names one case study only (`case_studies`: the valid ones)."""
    paths = {Path(source.path).stem: source for source in sources.case_studies}
    owner = {case_study.slug: case_study.slug for case_study in case_studies}
    problems = []
    for case_study in case_studies:
        source = paths[case_study.slug]
        for index, alias in enumerate(case_study.aliases):
            line = line_of(source.data, ("aliases", index))
            if alias in paths:
                problems.append(Problem(source.path, line, f"aliases[{index}]",
                                        f"alias {alias!r} is the slug of another case study ({file_of(alias)})",
                                        "remove the alias, or rename that file"))
            elif alias in owner and owner[alias] != case_study.slug:
                problems.append(Problem(source.path, line, f"aliases[{index}]",
                                        f"alias {alias!r} is already an alias of {file_of(owner[alias])}",
                                        "an old address can redirect to one page only; remove one of them"))
            else:
                owner[alias] = case_study.slug
    return problems


def taken_slugs(root: Path, sources: Sources) -> dict[str, str]:
    """Every slug a new case study may not take, with what already holds it."""
    taken = {slug: f"it was published before and is kept in {PUBLISHED_SLUGS}" for _, slug in read_record(root)}
    for source in sources.case_studies:
        aliases = source.data.get("aliases") if isinstance(source.data, dict) else None
        for alias in aliases if isinstance(aliases, list) else []:
            taken[str(alias)] = f"it is an old address (alias) of {source.path}"
    for source in sources.case_studies:
        taken[Path(source.path).stem] = f"{source.path} exists"
    return taken


def suggest_free_slug(slug: str, words: list[str], taken) -> str:
    """A free slug close to a taken one: the first of `words` (an authority or the area) added, else a number."""
    limit = SLUG_LENGTH[1]
    for candidate in [f"{slug}-{slugify(word)}" for word in words[:1]] + [f"{slug}-{n}" for n in range(2, 100)]:
        candidate = candidate[:limit].strip("-")
        if candidate not in taken:
            return candidate
    return slug


# --- The record of published addresses ----------------------------------------------------------------------

def read_record(root: Path) -> list[tuple[int, str]]:
    """(line, slug) for every slug recorded; nothing when the hub keeps no record."""
    path = Path(root) / PUBLISHED_SLUGS
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        slug = line.strip()
        if slug and not slug.startswith("#"):
            entries.append((number, slug))
    return entries


def published_addresses(content) -> dict[str, str]:
    """Every slug the site serves -> the published case study it shows: current slugs and aliases."""
    addresses = {}
    for case_study in content.case_studies:
        if not case_study.draft:
            addresses[case_study.slug] = case_study.slug
            addresses.update({alias: case_study.slug for alias in case_study.aliases})
    return addresses


def check_published_slugs(root: Path, content) -> list[Problem]:
    """A recorded slug that is neither a published case study's slug nor one of its aliases is a broken address
    (`content`: the validated content, `validation.Content`)."""
    served = published_addresses(content)
    valid = {case_study.slug for case_study in content.case_studies}
    drafts = {case_study.slug for case_study in content.case_studies if case_study.draft}
    problems = []
    for line, slug in read_record(root):
        if slug in served:
            continue
        if slug in drafts:
            problems.append(Problem(
                PUBLISHED_SLUGS, line, "published slug",
                f"{file_of(slug)} was published and is now a draft: {address_of(slug)} would stop working",
                "remove draft: true; to withdraw it on purpose, delete this line in the same pull request"))
        elif slug in content.paths and slug not in valid:
            continue  # the file is there but has problems of its own, reported with them
        else:
            guesses = closest(slug, sorted(content.paths), n=1)
            target = file_of(guesses[0]) if guesses else "the renamed case study"
            problems.append(Problem(
                PUBLISHED_SLUGS, line, "published slug",
                f"{address_of(slug)} was published but no case study has the slug {slug!r} or lists it under aliases:",
                f"if you renamed the file, add 'aliases: [{slug}]' to {target}; "
                "to withdraw it on purpose, delete this line in the same pull request"))
    return problems


def update_record(root: Path, content) -> list[str]:
    """Append every published address not yet recorded; return the slugs added."""
    path = Path(root) / PUBLISHED_SLUGS
    recorded = {slug for _, slug in read_record(root)}
    new = sorted(set(published_addresses(content)) - recorded)
    if not new and path.exists():
        return []
    text = path.read_text(encoding="utf-8") if path.exists() else RECORD_HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{slug}\n" for slug in new), encoding="utf-8")
    return new
