"""`pkhub new`: a case-study file written from the template (case_study_template.md, its `{names}` filled in), its
slug made from the title and checked against every slug taken, the values not given asked for in a terminal."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from pathlib import Path
from typing import Callable

from ..content.fields import REGISTER_ITEM
from ..content.load import load_sources
from ..content.registers import UnknownName, resolve_area, resolve_id, resolve_ids, suggest_partnership
from ..content.settings import SLUG_LENGTH, TITLE_LENGTH
from ..content.slugs import SLUG_RULE, address_of, file_of, is_slug, slugify, suggest_free_slug, taken_slugs
from ..content.validation import validate_sources

TEMPLATE = Path(__file__).with_name("case_study_template.md")


class ScaffoldError(ValueError):
    """Something an editor gave that cannot make a case study; the message says what to give instead."""


PROBLEMS = (ScaffoldError, UnknownName)


def check_slug(slug: str, taken: dict[str, str], authorities: list[str]) -> str:
    if not is_slug(slug):
        raise ScaffoldError(f"{slug!r} cannot be a slug: use {SLUG_RULE}")
    if slug in taken:
        free = suggest_free_slug(slug, authorities, taken)
        raise ScaffoldError(f"the slug {slug!r} is taken: {taken[slug]}. Give a more specific title, "
                            f"or choose the slug with --slug (e.g. --slug {free})")
    return slug


def _wrapped(prefix: str, words: list[str], indent: str = "#   ") -> str:
    return "\n".join(textwrap.wrap(", ".join(words), 100, initial_indent=prefix, subsequent_indent=indent,
                                   break_on_hyphens=False))


def render_template(title: str, partnership: str, authorities: list[str], themes: list[str], registers: dict,
                    today: dt.date, area: str | None = None) -> str:
    """The new file: every field explained in a comment; what only the editor knows marked REPLACE."""
    programmes = [p.id for p in registers["programmes"].values() if p.partnership == partnership]
    area_name = (registers["regions"].get(area) or registers["sub_regions"].get(area)).name if area else ""
    return TEMPLATE.read_text(encoding="utf-8").format(
        title=json.dumps(title, ensure_ascii=False),
        partnership_ids=_wrapped("#   ", list(registers["partnerships"])),
        partnership=partnership,
        programme_ids=_wrapped("#   for this partnership: ", programmes) if programmes
        else "#   (none for this partnership yet)",
        programme_example=programmes[0] if programmes else "programme-id",
        authorities_chosen=", ".join(f"{registers['authorities'][a].name} ({a})" for a in authorities) or "none",
        authorities_line=f"authorities: [{', '.join(authorities)}]" if authorities
        else "# authorities: [council-id, council-id]",
        area_chosen=f" Now: {area_name} ({area})." if area else "",
        area_line=f"area: {area}" if area else "# area: east-midlands",
        theme_ids=_wrapped("#   ", list(registers["themes"])),
        themes=", ".join(themes),
        today=today.isoformat(),
    )


Ask = Callable[[str], str]


def ask_until_valid(ask: Ask, question: str, parse: Callable[[str], object], out):
    while True:
        try:
            return parse(ask(question))
        except PROBLEMS as error:
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
        if not TITLE_LENGTH[0] <= len(text) <= TITLE_LENGTH[1]:
            low, high = TITLE_LENGTH
            raise ScaffoldError(f"a title has {low}–{high} characters; this one has {len(text)}")
        if not slug:
            check_slug(slugify(text, SLUG_LENGTH[1]), taken, list(authorities) or ([area] if area else []))
        return text

    def parse_ids(name: str):
        def parse(text: str) -> list[str]:
            ids = resolve_ids([text], registers, name)
            if not ids:
                raise ScaffoldError(f"give at least one {REGISTER_ITEM[name]}")
            return ids
        return parse

    def parse_councils_or_area(text: str) -> tuple[list[str], str | None]:
        if not text.strip():
            return [], None
        try:
            return resolve_ids([text], registers, "authorities"), None
        except UnknownName as error:
            try:
                return [], resolve_area(text, registers)
            except UnknownName:
                raise ScaffoldError(f"{error}; or, for work the source names no council for, give its area") from None

    if ask:
        title = parse_title(title) if title else ask_until_valid(ask, "Title: ", parse_title, out)
        authorities = resolve_ids(authorities, registers, "authorities")
        if not authorities and not area:
            authorities, area = ask_until_valid(ask, AUTHORITIES_QUESTION, parse_councils_or_area, out)
            if not authorities and not area:
                area = ask_until_valid(ask, AREA_QUESTION, lambda text: resolve_area(text, registers), out)
        if not themes:
            print(_wrapped("Themes: ", list(registers["themes"]), "  "), file=out)
        themes = resolve_ids(themes, registers, "themes") or ask_until_valid(
            ask, "Themes (ids, separated by commas): ", parse_ids("themes"), out)
        if not partnership:
            default = suggest_partnership(authorities, registers, area)
            print(_wrapped("Partnerships: ", list(registers["partnerships"]), "  "), file=out)
            partnership = ask_until_valid(
                ask, f"Partnership [{default}]: " if default else "Partnership: ",
                lambda text: resolve_id(text or default or "", registers, ("partnerships",)), out)
    else:
        title = parse_title(_need(title, "--title"))
        if not authorities and not area:
            raise ScaffoldError("give --authority, or --area for work the source names no council for "
                                "(or run it in a terminal to be asked)")
        authorities = resolve_ids(authorities, registers, "authorities")
        themes = resolve_ids(_need(themes, "--theme"), registers, "themes")
    if partnership:
        partnership = resolve_id(partnership, registers, ("partnerships",))
    else:
        partnership = suggest_partnership(authorities, registers, area)
        if not partnership:
            raise ScaffoldError("give --partnership, one of: " + ", ".join(registers["partnerships"]))
        whose = (f"{registers['authorities'][authorities[0]].name}'s sub-region" if authorities and
                 registers["authorities"][authorities[0]].sub_region else f"the area {area}")
        print(f"Partnership: {partnership} (the partnership of {whose}; give --partnership to choose another)",
              file=out)
    slug = check_slug(slug or slugify(title, SLUG_LENGTH[1]), taken, authorities or ([area] if area else []))
    return slug, render_template(title, partnership, authorities, themes, registers, today or dt.date.today(), area)


def add_parser(commands) -> None:
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
    command.set_defaults(run=run)


def run(args, ask: Ask | None = None, out=None, today: dt.date | None = None) -> int:
    out = sys.stdout if out is None else out
    root = Path(args.root)
    if ask is None and sys.stdin.isatty():
        ask = input
    try:
        slug, text = plan_case_study(root, args.title, args.authority, args.theme, args.partnership, args.slug,
                                     ask, out, today, getattr(args, "area", None))
    except PROBLEMS as error:
        print(f"pkhub new: {error}", file=sys.stderr if out is sys.stdout else out)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nNothing written.", file=out)
        return 1
    path = root / file_of(slug)
    print(f"Slug: {slug} — the file {file_of(slug)}, the address {address_of(slug)}", file=out)
    if ask and not args.yes and ask("Write it? [Y/n] ").strip().lower() not in ("", "y", "yes"):
        print("Nothing written.", file=out)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {file_of(slug)}. Next: write over every line marked REPLACE (the comments explain each "
          f"field), run `make check` until it says All good, and preview with `make serve` at "
          f"http://127.0.0.1:8000{address_of(slug)}", file=out)
    return 0
