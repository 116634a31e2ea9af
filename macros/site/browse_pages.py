"""Browse pages: one for each theme, authority, sub-region, partnership and year, with its savings and case studies,
and their index pages. Under a council's name only the savings credited to it count (`attribution`)."""

from __future__ import annotations

from .html.savings_tables import render_savings_summary
from .html.tables import render_dataset_rows, render_index_table
from .html.text import esc, render_link
from .league_tables import render_leagues
from .markdown import (
    GeneratedPage, escape_md, md_link, page_header, render_case_study_list, render_links,
)
from .urls import YEARS, dataset_page, guide_page, href, register_index, register_page, year_page

THEMES, AUTHORITIES = register_index("themes"), register_index("authorities")
SUB_REGIONS, PARTNERSHIPS = register_index("sub_regions"), register_index("partnerships")


def index_link(text: str, index: str, page: str) -> str:
    """A row's name on an index page, linked to its page."""
    return render_link(text, href(index, page))


def _slice_page(hub, uri: str, title: str, description: str, kind: str, intro: str, case_studies,
                caption: str | None = None, note: str = "", credited: dict | None = None) -> str:
    """A browse page: its savings summary and its case studies. `credited` (a council filter) counts and shows only
    the savings credited to that council or sub-region (`attribution`)."""
    slugs = [cs.slug for cs in case_studies]
    caption = caption or f"Savings reported in {title} case studies"
    own = hub.savings_of(slugs, **(credited or {}))
    if own.empty and not hub.savings_of(slugs).empty:
        savings = (f'<p class="hub-note">{esc(caption)}: none. The savings these case studies report are credited to '
                   "other councils or to an area as a whole.</p>\n")
    else:
        savings = render_savings_summary(own, caption)
    count = len(case_studies)
    return (
        page_header(title, description, kind)
        + f"# {escape_md(title)}\n\n{intro}\n\n"
        + f"## Savings\n\n{note}{savings}\n"
        + f"## Case studies ({count})\n\n{render_case_study_list(case_studies, hub, uri, credited=credited)}"
    )


def _covered_section(hub, uri: str, name: str, case_studies) -> str:
    """Area-wide work that covered a council or sub-region: listed apart, without amounts, never credited."""
    if not case_studies:
        return ""
    return (f"\n## Work that covered {escape_md(name)} ({len(case_studies)})\n\n"
            f'<p class="hub-note">Work the source describes as area-wide across a sub-region, a region or England, '
            f"without naming the councils taking part. It covered {esc(name)} as part of its area; its savings are "
            f"not credited to {esc(name)} and are not in the figures above.</p>\n\n"
            + render_case_study_list(case_studies, hub, uri, savings=False))


def theme_pages(hub, guides: set[str]) -> list[GeneratedPage]:
    pages = []
    for theme in hub.themes.values():
        uri = register_page("themes", theme.id)
        intro = escape_md(theme.description)
        guide = guide_page(theme.id)
        if guide in guides:
            intro += f"\n\nRead the {md_link(f'guide to {theme.name.lower()}', uri, guide)}: lessons drawn from these case studies."
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, theme.name, theme.description, "theme", intro, hub.select(theme=theme.id))))
    rows = [(index_link(t.name, THEMES, register_page("themes", t.id)), len(hub.select(theme=t.id)))
            for t in hub.themes.values()]
    pages.append(GeneratedPage(THEMES, page_header("Themes", "Case studies by theme.", "index")
                               + "# Themes\n\n" + render_index_table(rows, ["Theme", "Case studies"], "Every theme in the hub.")))
    return pages


def authority_pages(hub) -> list[GeneratedPage]:
    pages = []
    for authority in hub.authorities.values():
        uri = register_page("authorities", authority.id)
        facts = [f"**Type:** {authority.type.replace('-', ' ')}", f"**Region:** {escape_md(authority.region)}"]
        if authority.sub_region:
            sub = hub.sub_regions[authority.sub_region]
            facts.append(f"**Sub-region:** {md_link(sub.name, uri, register_page('sub_regions', sub.id))}")
        if authority.aliases:
            facts.append("**Also written as:** " + ", ".join(escape_md(a) for a in authority.aliases))
        description = f"Case studies and figures naming {authority.name}."
        note = (f'<p class="hub-note">Savings credited to {esc(authority.name)}: those of the case studies that name it, '
                "less any the source gives for other councils only or for an area as a whole. A saving credited to "
                "several councils counts in full on each one's page. Area-wide work that covered it is listed below "
                "and not counted.</p>\n")
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, authority.name, description, "authority", "  \n".join(facts),
            hub.select(authority=authority.id), f"Savings credited to {authority.name}", note,
            {"authority": authority.id})
            + _covered_section(hub, uri, authority.name, hub.select(covering_authority=authority.id))
            + _mentions_section(hub, "authorities", authority.id, uri)))
    rows = []
    for a in sorted(hub.authorities.values(), key=lambda a: a.name):
        sub = hub.sub_regions[a.sub_region].name if a.sub_region else ""
        rows.append((index_link(a.name, AUTHORITIES, register_page("authorities", a.id)),
                     esc(a.type.replace("-", " ")), esc(a.region), esc(sub), len(hub.select(authority=a.id)),
                     len(hub.select(covering_authority=a.id))))
    pages.append(GeneratedPage(AUTHORITIES, page_header("Authorities", "Case studies by authority.", "index")
                               + "# Authorities\n\n" + render_index_table(
                                   rows, ["Authority", "Type", "Region", "Sub-region", "Case studies naming it",
                                          "Area-wide work covering it"],
                                   "Every authority named in the hub's case studies and source documents.")
                               + _league_section(hub, AUTHORITIES, "authority")))
    return pages


def _league_section(hub, uri: str, by: str) -> str:
    """The savings league of an index page: full credit, and the equal-share table beside it where the order differs."""
    if hub.savings.empty:
        return ""
    return ("\n## Ranked by savings delivered\n\n"
            + render_leagues(hub, uri, by, "delivered", credit="both"))


def sub_region_pages(hub) -> list[GeneratedPage]:
    pages = []
    for sub in hub.sub_regions.values():
        uri = register_page("sub_regions", sub.id)
        members = [a for a in hub.authorities.values() if a.sub_region == sub.id]
        intro = escape_md(sub.description or "")
        if sub.partnership_name:
            intro = f"**{escape_md(sub.partnership_name)}.** " + intro
        if members:
            intro += "\n\n**Authorities:** " + render_links(
                ((a.name, register_page("authorities", a.id)) for a in members), uri)
        note = (f'<p class="hub-note">Savings credited to councils in {esc(sub.name)}: those of the case studies that '
                "name one, less any the source gives for councils elsewhere only or for an area as a whole; each "
                "saving counted once here however many of its councils it is credited to. Area-wide work that "
                "covered the sub-region is listed below and not counted.</p>\n")
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, sub.name, f"Case studies from {sub.name}.", "sub-region", intro, hub.select(sub_region=sub.id),
            f"Savings credited to councils in {sub.name}", note, {"sub_region": sub.id})
            + _covered_section(hub, uri, sub.name, hub.select(covering_sub_region=sub.id))
            + _mentions_section(hub, "sub_regions", sub.id, uri)))
    rows = [(index_link(s.name, SUB_REGIONS, register_page("sub_regions", s.id)), esc(s.region),
             len(hub.select(sub_region=s.id)), len(hub.select(covering_sub_region=s.id)))
            for s in hub.sub_regions.values()]
    pages.append(GeneratedPage(SUB_REGIONS, page_header("Sub-regions", "Case studies by sub-region.", "index")
                               + "# Sub-regions\n\n" + render_index_table(
                                   rows, ["Sub-region", "Region", "Case studies naming its councils",
                                          "Area-wide work covering it"], "Sub-regions and their partnerships.")
                               + _league_section(hub, SUB_REGIONS, "sub_region")))
    return pages


def partnership_pages(hub, existing: set[str]) -> list[GeneratedPage]:
    pages = []
    for p in hub.partnerships.values():
        uri = register_page("partnerships", p.id)
        if uri in existing:  # a hand-written page owns this address and lists its case studies by macro
            continue
        intro = f"{escape_md(p.description or '')}\n\n**Region:** {escape_md(p.region)}  \n**Period:** {escape_md(p.period.label)}"
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, p.name, p.description or p.name, "partnership", intro, hub.select(partnership=p.id))))
    rows = [(index_link(p.name, PARTNERSHIPS, register_page("partnerships", p.id)), esc(p.region),
             esc(p.period.label), len(hub.select(partnership=p.id))) for p in hub.partnerships.values()]
    if PARTNERSHIPS not in existing:
        pages.append(GeneratedPage(PARTNERSHIPS,
                                   page_header("Partnerships", "Case studies by partnership.", "index")
                                   + "# Partnerships\n\n" + render_index_table(
                                       rows, ["Partnership", "Region", "Period", "Case studies"],
                                       "The improvement and efficiency partnerships whose work the hub records.")))
    return pages


def year_pages(hub) -> list[GeneratedPage]:
    pages = []
    for year in hub.years():
        uri = year_page(year)
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, f"Reported in {year}", f"Case studies from source documents of {year}.", "year",
            f"Case studies drawn from source documents published in {year}.", hub.select(year=year))))
    rows = [(index_link(str(y), YEARS, year_page(y)), len(hub.select(year=y))) for y in hub.years()]
    pages.append(GeneratedPage(YEARS, page_header("Years", "Case studies by the year they were reported.", "index")
                               + "# Years\n\n" + render_index_table(rows, ["Year reported", "Case studies"],
                                                                "Case studies by the year of their source document.")))
    return pages


def _mentions_section(hub, register: str, item_id: str, from_uri: str) -> str:
    """A 'In the datasets' section: every dataset row naming this authority or sub-region, with its dataset linked."""
    entries = hub.mentions.get((register, item_id), [])
    if not entries:
        return ""
    name = hub.registers[register][item_id].name
    parts = [f"## In the datasets\n\nRows of the partnerships' published tables that name {escape_md(name)}. "
             "Each table links to its dataset, where its source and totals are shown.\n\n"]
    for dataset, rows in entries:
        parts.append(f"### {md_link(dataset.title, from_uri, dataset_page(dataset.id))}\n\n"
                     + render_dataset_rows(dataset, rows, hub, name) + "\n")
    return "".join(parts)
