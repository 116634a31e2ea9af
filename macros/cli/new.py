"""`pkhub new`: a case-study file written from the template, its slug derived from the title and checked first."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Callable

from ..content import models
from ..content.load import load_sources
from ..content.problems import closest
from ..content.slugs import RECORD, read_record
from ..content.validation import validate_sources

SLUG_MAX = 80


class ScaffoldError(Exception):
    """Something an editor gave that cannot make a case study; the message says what to give instead."""


def derive_slug(title: str) -> str:
    """The address a title gives: 'Leicester’s £1.2m shared ICT & HR' -> 'leicesters-1-2m-shared-ict-and-hr'."""
    text = unicodedata.normalize("NFKD", title.replace("&", " and ")).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX + 1].rsplit("-", 1)[0]
    return slug


def taken_slugs(root: Path, sources=None) -> dict[str, str]:
    """Every slug a new case study may not take, with what already holds it."""
    sources = sources or load_sources(root)
    taken = {slug: f"it was published before and is kept in {RECORD}" for _, slug in read_record(root)}
    for source in sources.case_studies:
        aliases = source.data.get("aliases") if isinstance(source.data, dict) else None
        for alias in aliases if isinstance(aliases, list) else []:
            taken[str(alias)] = f"it is an old address (alias) of {source.path}"
    for source in sources.case_studies:
        taken[Path(source.path).stem] = f"{source.path} exists"
    return taken


def suggest_free_slug(slug: str, authorities: list[str], taken) -> str:
    """A free slug close to a taken one: the first authority (or the area) added, else a number."""
    for candidate in [f"{slug}-{derive_slug(a)}" for a in authorities[:1]] + [f"{slug}-{n}" for n in range(2, 100)]:
        candidate = candidate[:SLUG_MAX].strip("-")
        if candidate not in taken:
            return candidate
    return slug


def check_slug(slug: str, taken: dict[str, str], authorities: list[str]) -> str:
    if not (3 <= len(slug) <= SLUG_MAX and models.SLUG.match(slug)):
        raise ScaffoldError(f"{slug!r} cannot be a slug: use 3–{SLUG_MAX} lower-case letters, digits and single hyphens")
    if slug in taken:
        free = suggest_free_slug(slug, authorities, taken)
        raise ScaffoldError(f"the slug {slug!r} is taken: {taken[slug]}. Give a more specific title, "
                            f"or choose the slug with --slug (e.g. --slug {free})")
    return slug


def resolve_id(text: str, register: dict, name: str) -> str:
    """The register id an editor means by an id, a name or an alias ('Notts CC'); unknown ones get suggestions."""
    wanted = text.strip()
    if wanted in register or wanted.lower() in register:
        return wanted if wanted in register else wanted.lower()
    for item_id, item in register.items():
        spellings = [getattr(item, "name", ""), getattr(item, "short_name", ""), *getattr(item, "aliases", [])]
        if wanted.lower() in (spelling.lower() for spelling in spellings if spelling):
            return item_id
    names = {getattr(item, "name", item_id): item_id for item_id, item in register.items()}
    suggestions = closest(wanted, list(register)) or [names[n] for n in closest(wanted, list(names))]
    item = models.REGISTER_ITEM[name]
    hint = ("did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?") if suggestions else "no close match"
    raise ScaffoldError(f"unknown {item} {wanted!r} — {hint} (ids are listed in data/{name}.yaml)")


def resolve_ids(texts, register: dict, name: str) -> list[str]:
    ids = []
    for text in texts:
        for part in (p for p in re.split(r"\s*,\s*", text) if p):
            item_id = resolve_id(part, register, name)
            if item_id not in ids:
                ids.append(item_id)
    return ids


AREA_REGISTERS = {"regions": "region", "sub_regions": "sub-region"}


def resolve_area(text: str, registers: dict) -> str:
    """The region or sub-region an editor means by an id or a name ('Leicestershire', 'East Midlands')."""
    wanted = text.strip()
    for name in AREA_REGISTERS:
        try:
            return resolve_id(wanted, registers[name], name)
        except ScaffoldError:
            continue
    areas = {**registers["regions"], **registers["sub_regions"]}
    names = {item.name: item_id for item_id, item in areas.items()}
    suggestions = closest(wanted, list(areas)) or [names[n] for n in closest(wanted, list(names))]
    hint = ("did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?") if suggestions else "no close match"
    raise ScaffoldError(f"unknown area {wanted!r} — {hint} (ids are listed in data/regions.yaml and "
                        "data/sub_regions.yaml)")


def suggest_partnership(authorities: list[str], registers: dict, area: str | None = None) -> str | None:
    """The partnership whose sub-regional work covered the first authority (or the area), where the registers say;
    for a region, its one partnership, if it has only one."""
    sub_regions = [registers["authorities"][a].sub_region for a in authorities] + [area]
    for sub_region in (registers["sub_regions"].get(s or "") for s in sub_regions):
        if sub_region and sub_region.partnership:
            return sub_region.partnership
    region = registers["regions"].get(area or "")
    if region:
        of_region = [p.id for p in registers["partnerships"].values() if p.region == region.name]
        if len(of_region) == 1:
            return of_region[0]
    return None


def _wrapped(prefix: str, words: list[str], indent: str = "#   ") -> str:
    return "\n".join(textwrap.wrap(", ".join(words), 100, initial_indent=prefix, subsequent_indent=indent,
                                   break_on_hyphens=False))


def render_template(title: str, partnership: str, authorities: list[str], themes: list[str], registers: dict,
                    today: dt.date, area: str | None = None) -> str:
    """The new file: every field explained in a comment; what only the editor knows marked REPLACE."""
    programmes = [p.id for p in registers["programmes"].values() if p.partnership == partnership]
    chosen = ", ".join(f"{registers['authorities'][a].name} ({a})" for a in authorities) or "none"
    authorities_line = (f"authorities: [{', '.join(authorities)}]" if authorities
                        else "# authorities: [council-id, council-id]")
    area_name = (registers["regions"].get(area) or registers["sub_regions"].get(area)).name if area else ""
    area_line = f"area: {area}" if area else "# area: east-midlands"
    area_now = f" Now: {area_name} ({area})." if area else ""
    programme_line = _wrapped("#   for this partnership: ", programmes) if programmes else "#   (none for this partnership yet)"
    return f"""\
---
# A case study for the hub. Fill in every line marked REPLACE, then run `make check`: it lists what is
# still missing, with the line and what to write. Lines starting with # are comments for you: the site
# ignores them and you may delete them. Every field is described in CONTRIBUTING.md (Field reference).

# title (required): 5–120 characters. You may change it later; the address, the file name, stays.
title: {json.dumps(title, ensure_ascii=False)}

# summary (required): 20–300 characters of plain text (no links or HTML): what was done, by whom, and
# what it achieved. It is shown in lists, search results, feeds, link previews and newsletters.
summary: >-
  REPLACE with one or two sentences: what was done, by whom, and what it achieved.

# partnership (required): the partnership whose work it was, an id from data/partnerships.yaml:
{_wrapped("#   ", list(registers["partnerships"]))}
partnership: {partnership}

# programme (optional): the partnership programme that funded it, an id from data/programmes.yaml;
{programme_line}
# programme: {programmes[0] if programmes else "programme-id"}

# authorities (optional): the councils the source names as taking part, ids from data/authorities.yaml. Name only
#   councils the source names (or fixes, as in "the seven Nottinghamshire districts"); never fill the list
#   in from a sub-region. Now: {chosen}.
{authorities_line}

# area (optional): for work the source describes as area-wide without naming the councils, the region or sub-region,
#   an id from data/regions.yaml or data/sub_regions.yaml. Give authorities, area, or both.{area_now}
{area_line}

# themes (required): the kinds of work it covers, ids from data/themes.yaml:
{_wrapped("#   ", list(registers["themes"]))}
themes: [{", ".join(themes)}]

# published (required): the day it was added to the hub, YYYY-MM-DD, not in the future.
published: {today.isoformat()}

# source (required): the document every fact and figure below comes from.
source:
  # document: its title, as printed.
  document: "REPLACE with the title of the source document"
  # date: when it was published: "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes.
  date: "REPLACE with YYYY-MM-DD"
  # section (optional): where in it: item, page, paragraph or table.
  # section: "Item 6, paragraph 3.1"
  # url (optional): where readers can find the document.
  # url: https://www.example.gov.uk/board-papers.pdf

# period (optional): when the work ran: start and optional end, each "YYYY" or "YYYY-MM".
# period: {{start: "2009", end: "2011"}}

# investment (optional): the grant or funding put in, in whole pounds: 50000, not "£50k".
# investment: 50000

# savings (optional): one entry for each saving the source states, amounts in whole pounds.
#   type: cashable (only where the source says so) | non-cashable | cost-avoidance | income
#         | unstated (the source gives the amount but not its kind)
#   status: delivered | forecast (forecasts are never counted as delivered)
#   basis: one-off | per-year | total (over several years: then give years: too); a figure the
#         source gives for one year only is one-off, not per-year
#   quote: the source's own words that give the figure, with the amount as printed (at most 300
#         characters; … marks words left out). It is shown beside the figure.
#   authorities (optional): the councils, of those listed above, this saving belongs to, where the source
#         gives it for some of them only, e.g. [melton]; [] where it gives it for the area as a whole (then
#         no council is credited with it; needs area:). Left out, the saving counts for every council above.
# savings:
#   - amount: 677000
#     type: cashable
#     status: delivered
#     basis: per-year
#     quote: "cashable savings of £677k a year"
#     note: what the figure covers, in the source's words

# outcomes (optional): results that are not money, one line each.
# outcomes:
#   - Decisions made in 5 days instead of 20

# contact (optional): someone readers may ask. Only with their consent to be named here.
# contact:
#   name: Ann Officer
#   role: Head of Legal Services
#   organisation: the council's name
#   email: ann.officer@example.gov.uk

# updated (optional): the day of a later change readers should know of, YYYY-MM-DD.
# updated: {today.isoformat()}

# aliases (optional): the case study's former slugs, after renaming its file (see CONTRIBUTING.md).
# aliases: [old-slug]

# draft (optional): true keeps it off the site while it is still checked. Leave it out to publish.
# draft: true
---

## The challenge

REPLACE with the problem the councils faced.

## What was done

REPLACE with what they did, who took part, and how it was paid for.

## Results

REPLACE with what changed, with the figures the source gives.

## Lessons

REPLACE with the lessons the source itself draws, or delete this section if it draws none.
"""


Ask = Callable[[str], str]


def ask_until_valid(ask: Ask, question: str, parse: Callable[[str], object], out):
    while True:
        try:
            return parse(ask(question))
        except ScaffoldError as error:
            print(f"  {error}", file=out)


def _need(value, flag: str):
    if not value:
        raise ScaffoldError(f"give {flag} (or run it in a terminal to be asked)")
    return value


AUTHORITIES_QUESTION = "Authorities (ids or names, separated by commas; Enter if the source names none): "
AREA_QUESTION = "Area of the work (a region or sub-region, id or name): "


def plan_case_study(root: Path, title=None, authorities=(), themes=(), partnership=None, slug=None,
                    ask: Ask | None = None, out=sys.stdout, today: dt.date | None = None,
                    area: str | None = None) -> tuple[str, str]:
    """(slug, file text) for a new case study; values not given are asked for when `ask` is given. A case study
    names councils, an area, or both: asked for councils, an editor may answer with none (then the area is asked
    for) or with the area itself."""
    sources = load_sources(root)
    content, _ = validate_sources(sources, today)
    registers = content.registers
    taken = taken_slugs(root, sources)
    area = resolve_area(area, registers) if area else None

    def parse_title(text: str) -> str:
        text = " ".join(text.split())
        if not 5 <= len(text) <= 120:
            raise ScaffoldError(f"a title has 5–120 characters; this one has {len(text)}")
        if not slug:
            check_slug(derive_slug(text), taken, list(authorities) or ([area] if area else []))
        return text

    def parse_ids(name: str):
        def parse(text: str) -> list[str]:
            ids = resolve_ids([text], registers[name], name)
            if not ids:
                raise ScaffoldError(f"give at least one {models.REGISTER_ITEM[name]}")
            return ids
        return parse

    def parse_councils_or_area(text: str) -> tuple[list[str], str | None]:
        if not text.strip():
            return [], None
        try:
            return resolve_ids([text], registers["authorities"], "authorities"), None
        except ScaffoldError as error:
            try:
                return [], resolve_area(text, registers)
            except ScaffoldError:
                raise ScaffoldError(f"{error}; or, for work the source names no council for, give its area") from None

    if ask:
        title = parse_title(title) if title else ask_until_valid(ask, "Title: ", parse_title, out)
        authorities = resolve_ids(authorities, registers["authorities"], "authorities")
        if not authorities and not area:
            authorities, area = ask_until_valid(ask, AUTHORITIES_QUESTION, parse_councils_or_area, out)
            if not authorities and not area:
                area = ask_until_valid(ask, AREA_QUESTION, lambda text: resolve_area(text, registers), out)
        if not themes:
            print(_wrapped("Themes: ", list(registers["themes"]), "  "), file=out)
        themes = resolve_ids(themes, registers["themes"], "themes") or ask_until_valid(
            ask, "Themes (ids, separated by commas): ", parse_ids("themes"), out)
        if not partnership:
            default = suggest_partnership(authorities, registers, area)
            print(_wrapped("Partnerships: ", list(registers["partnerships"]), "  "), file=out)
            partnership = ask_until_valid(
                ask, f"Partnership [{default}]: " if default else "Partnership: ",
                lambda text: resolve_id(text or default or "", registers["partnerships"], "partnerships"), out)
    else:
        title = parse_title(_need(title, "--title"))
        if not authorities and not area:
            raise ScaffoldError("give --authority, or --area for work the source names no council for "
                                "(or run it in a terminal to be asked)")
        authorities = resolve_ids(authorities, registers["authorities"], "authorities")
        themes = resolve_ids(_need(themes, "--theme"), registers["themes"], "themes")
    if partnership:
        partnership = resolve_id(partnership, registers["partnerships"], "partnerships")
    else:
        partnership = suggest_partnership(authorities, registers, area)
        if not partnership:
            raise ScaffoldError("give --partnership, one of: " + ", ".join(registers["partnerships"]))
        whose = (f"{registers['authorities'][authorities[0]].name}'s sub-region" if authorities and
                 registers["authorities"][authorities[0]].sub_region else f"the area {area}")
        print(f"Partnership: {partnership} (the partnership of {whose}; give --partnership to choose another)",
              file=out)
    slug = check_slug(slug or derive_slug(title), taken, authorities or ([area] if area else []))
    return slug, render_template(title, partnership, authorities, themes, registers, today or dt.date.today(), area)


def add_new_command(commands) -> None:
    command = commands.add_parser("new", help="start a new case study from the template")
    command.add_argument("--title", help="the case study's title; its address (slug) is made from it")
    command.add_argument("--authority", action="append", default=[], metavar="ID",
                         help="an authority the source names as taking part: id or name (repeat, or separate by commas)")
    command.add_argument("--area", metavar="ID",
                         help="for area-wide work: the region or sub-region, id or name (with or without --authority)")
    command.add_argument("--theme", action="append", default=[], metavar="ID", help="a theme (repeat for more)")
    command.add_argument("--partnership", metavar="ID",
                         help="default: the partnership of the authority's sub-region, or of the area")
    command.add_argument("--slug", help="choose the slug instead of deriving it from the title")
    command.add_argument("--yes", action="store_true", help="write without asking to confirm")


def run_new(args, ask: Ask | None = None, out=None, today: dt.date | None = None) -> int:
    out = sys.stdout if out is None else out
    root = Path(args.root)
    if ask is None and sys.stdin.isatty():
        ask = input
    try:
        slug, text = plan_case_study(root, args.title, args.authority, args.theme, args.partnership, args.slug,
                                     ask, out, today, getattr(args, "area", None))
    except ScaffoldError as error:
        print(f"pkhub new: {error}", file=sys.stderr if out is sys.stdout else out)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nNothing written.", file=out)
        return 1
    path = root / "case_studies" / f"{slug}.md"
    print(f"Slug: {slug} — the file case_studies/{slug}.md, the address /case-studies/{slug}/", file=out)
    if ask and not args.yes and ask("Write it? [Y/n] ").strip().lower() not in ("", "y", "yes"):
        print("Nothing written.", file=out)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote case_studies/{slug}.md. Next: write over every line marked REPLACE (the comments explain each "
          f"field), run `make check` until it says All good, and preview with `make serve` at "
          f"http://127.0.0.1:8000/case-studies/{slug}/", file=out)
    return 0
