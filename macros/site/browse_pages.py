"""Browse pages: one for each theme, authority, sub-region, partnership and year, with its savings and case studies,
and their index pages. Under a council's name only the savings credited to it count (`attribution`).

A page stays the same size however many case studies it has: up to LISTED_IN_FULL it lists them all; beyond, it
shows how many there are by theme (or partnership), the NEWEST with the newest figures (by the day their source
reported them) and, on each basis, the LARGEST with the
largest delivered savings, and links to all of them on the case-study index and the search page, filtered to the
page's council, theme, partnership or year (README, "Browse pages")."""

from __future__ import annotations

from ..content.memo import Same, reuse
from ..figures import attribution
from ..figures.savings import largest_delivered_savings
from .facets import filter_query
from .format import describe_period
from .html.lists import credited_words, render_case_study_list
from .html.savings_tables import BASIS_COLUMNS, render_largest_savings, render_savings_summary
from .html.tables import render_dataset_rows, render_index_table
from .html.text import esc, render_link, render_paragraphs
from .league_tables import render_leagues
from .markdown import GeneratedPage, escape_md, page_header
from .passthrough import html_block
from .urls import (
    DIGEST, YEARS, case_study_index_href, dataset_page, guide_page, href, register_index, register_page, search_href,
    year_page,
)

THEMES, AUTHORITIES = register_index("themes"), register_index("authorities")
SUB_REGIONS, PARTNERSHIPS = register_index("sub_regions"), register_index("partnerships")

LISTED_IN_FULL = 30   # a page with up to this many case studies lists them all
NEWEST = 20           # beyond, it lists those with the newest figures
LARGEST = 10          # and, on each basis, those with the largest delivered savings
COVERED_NEWEST = 10   # area-wide work that covered a council: the newest figures, beyond LISTED_IN_FULL
ORDER_NOTE = "The newest figures first, by the day their source reported them."  # above a full list
CHANGES = "What's new"


def index_link(text: str, index: str, page: str) -> str:
    """A row's name on an index page, linked to its page."""
    return render_link(text, href(index, page))


def _savings_section(hub, slugs: list[str], caption: str, note: str, credited: dict | None) -> str:
    own = hub.savings_of(slugs, **(credited or {}))
    if own.empty and not hub.savings_of(slugs).empty:
        savings = (f'<p class="hub-note">{esc(caption)}: none. The savings these case studies report are credited to '
                   "other councils or to an area as a whole.</p>\n")
    else:
        savings = render_savings_summary(own, caption)
    return "## Savings\n" + html_block(note + savings)


def _count_rows(hub, uri: str, filters: dict, by: str) -> list[tuple[str, int]]:
    """How many of the page's case studies fall under each theme (or partnership), most first, each linked to the
    case-study index filtered to them."""
    register = {"theme": hub.themes, "partnership": hub.partnerships}[by]
    counted = [(len(hub.select(**filters, **{by: item.id})), item) for item in register.values()]
    return [(render_link(item.name, case_study_index_href(uri, filter_query({**filters, by: item.id}))), count)
            for count, item in sorted(counted, key=lambda pair: (-pair[0], pair[1].name)) if count]


def _largest_section(hub, uri: str, slugs: list[str], credited: dict | None, query: dict) -> str:
    """On each basis, the case studies with the largest delivered savings (on a council's page, credited to it)."""
    savings = hub.savings_of(slugs, **(credited or {}))
    whom = f" credited to {credited_words(hub, credited)}" if credited else ""
    tables = []
    for basis, sort in (("per-year", "saving-a-year"), ("one-off", "saving-one-off"), ("total", "saving-total")):
        largest = largest_delivered_savings(savings, basis, LARGEST)
        if largest.empty:
            continue
        words = BASIS_COLUMNS[basis].lower()
        caption = f"Largest delivered savings{whom}: {words}"
        tables.append(render_largest_savings([hub.case_studies[slug] for slug in largest["slug"]], largest, caption, uri)
                      + f'<p class="hub-more-link"><a href="{esc(case_study_index_href(uri, {**query, "sort": sort}))}">'
                      f"All {len(slugs):,} sorted by their largest delivered saving ({esc(words)})</a></p>\n")
    if not tables:
        return ""
    return "\n### Largest delivered savings\n" + html_block("".join(tables))


def _case_studies_section(hub, uri: str, case_studies, filters: dict, credited: dict | None, by: str,
                          described: str) -> str:
    """The page's case studies: all of them (the newest figures first), or how many by `by`, those with the newest
    figures and the largest savings, with links to all of them filtered on the case-study index and the search page.
    `described`: 'name Blaby District Council'."""
    count = len(case_studies)
    heading = f"## Case studies ({count:,})\n"
    if count <= LISTED_IN_FULL:
        order = f'<p class="hub-note">{esc(ORDER_NOTE)}</p>\n' if count > 1 else ""
        return heading + html_block(order + render_case_study_list(case_studies, hub, uri, credited=credited))
    query = filter_query(filters)
    every = case_study_index_href(uri, query)
    search = search_href(uri, {**query, "kind": "case-study"})
    intro = (f'<p class="hub-all">{count:,} case studies {esc(described)}. Here are how many there are by {by}, the '
             f"{NEWEST} with the newest figures and those with the largest delivered savings. "
             f'<a href="{esc(every)}">See all {count:,}</a> on the case-study index, to filter and sort them, or '
             f'<a href="{esc(search)}">search their text</a>.</p>\n')
    counts = render_index_table(_count_rows(hub, uri, filters, by), [by.capitalize(), "Case studies"],
                                f"Case studies that {described}, by {by}")
    slugs = [cs.slug for cs in case_studies]
    return (heading + html_block(intro)
            + f"\n### By {by}\n" + html_block(counts)
            + f"\n### The {NEWEST} with the newest figures\n"
            + html_block('<p class="hub-note">Those whose sources reported their figures most recently. '
                         + render_link(CHANGES, href(uri, DIGEST)) + " lists the case studies the hub added or "
                         "updated lately.</p>\n"
                         + render_case_study_list(case_studies[:NEWEST], hub, uri, credited=credited)
                         + f'<p class="hub-more-link"><a href="{esc(every)}">All {count:,}, the newest figures first'
                         "</a></p>\n")
            + _largest_section(hub, uri, slugs, credited, query))


def _browse_page(hub, uri: str, listed: tuple, make, *inputs) -> GeneratedPage:
    """A browse page; in a preview, made again only when what it reads changed: the registers, the datasets, the
    case studies it lists (`listed`: each list of them it shows; their counts by theme or partnership and their
    savings come from these) and any other `inputs`."""
    # The case studies compared by value: the same object (unchanged) at once, another (edited) field by field.
    read = (Same(hub.registers), Same(hub.content.datasets), tuple(map(tuple, listed)), inputs)
    return GeneratedPage(uri, reuse(hub.memo, "page", uri, read, make))


def _slice_page(hub, uri: str, title: str, description: str, kind: str, intro: str, filters: dict, described: str,
                caption: str | None = None, note: str = "", credited: dict | None = None, by: str = "theme",
                case_studies: list | None = None) -> str:
    """A browse page: its savings summary and its case studies (`filters` choose them, as `Hub.select` takes them,
    unless they are given). `credited` (a council filter) counts and shows only the savings credited to that
    council or sub-region (`attribution`). `intro` is HTML."""
    case_studies = hub.select(**filters) if case_studies is None else case_studies
    caption = caption or f"Savings reported in {title} case studies"
    return (page_header(title, description, kind)
            + f"# {escape_md(title)}\n" + html_block(intro)
            + _savings_section(hub, [cs.slug for cs in case_studies], caption, note, credited)
            + _case_studies_section(hub, uri, case_studies, filters, credited, by, described))


def _covered_section(hub, uri: str, name: str, case_studies, area: str | None) -> str:
    """Area-wide work that covered a council or sub-region: listed apart, without amounts, never credited; beyond
    LISTED_IN_FULL those with the newest figures, with a link to all the area-wide work covering `area` (the
    council's sub-region, region or England: the same case studies, less any that names the council)."""
    if not case_studies:
        return ""
    count = len(case_studies)
    note = (f'<p class="hub-note">Work the source describes as area-wide across a sub-region, a region or England, '
            f"without naming the councils taking part. It covered {esc(name)} as part of its area; its savings are "
            f"not credited to {esc(name)} and are not in the figures above.</p>\n")
    shown = case_studies
    if count > LISTED_IN_FULL and area:
        shown = case_studies[:COVERED_NEWEST]
        note += (f'<p class="hub-all">The {COVERED_NEWEST} of {count:,} with the newest figures (by the day their '
                 "source reported them) are listed. "
                 f'<a href="{esc(case_study_index_href(uri, {"area": area}))}">See all the area-wide work covering '
                 f"{esc(hub.area_name(area))}</a> on the case-study index.</p>\n")
    elif count > 1:
        note += f'<p class="hub-note">{esc(ORDER_NOTE)}</p>\n'
    return (f"\n## Work that covered {escape_md(name)} ({count:,})\n"
            + html_block(note + render_case_study_list(shown, hub, uri, savings=False)))


def _paragraph(*lines: str) -> str:
    """Lines of HTML as one paragraph, a line break between them."""
    return "<p>" + "<br>\n".join(line for line in lines if line) + "</p>\n" if any(lines) else ""


def theme_pages(hub, guides: set[str]) -> list[GeneratedPage]:
    pages = []
    for theme in hub.themes.values():
        uri = register_page("themes", theme.id)
        intro = render_paragraphs(theme.description)
        guide = guide_page(theme.id)
        if guide in guides:
            intro += (f'<p>Read the {render_link(f"guide to {theme.name.lower()}", href(uri, guide))}: lessons drawn '
                      "from these case studies.</p>\n")
        listed = hub.select(theme=theme.id)
        pages.append(_browse_page(hub, uri, (listed,), lambda: _slice_page(
            hub, uri, theme.name, theme.description, "theme", intro, {"theme": theme.id},
            f"are about {theme.name.lower()}", by="partnership", case_studies=listed), intro))
    rows = [(index_link(t.name, THEMES, register_page("themes", t.id)), len(hub.select(theme=t.id)))
            for t in hub.themes.values()]
    pages.append(GeneratedPage(THEMES, page_header("Themes", "Case studies by theme.", "index")
                               + "# Themes\n" + html_block(render_index_table(rows, ["Theme", "Case studies"],
                                                                              "Every theme in the hub."))))
    return pages


def authority_pages(hub) -> list[GeneratedPage]:
    pages = []
    for authority in hub.authorities.values():
        uri = register_page("authorities", authority.id)
        facts = [f"<strong>Type:</strong> {esc(authority.type.replace('-', ' '))}",
                 f"<strong>Region:</strong> {esc(authority.region)}"]
        if authority.sub_region:
            sub = hub.sub_regions[authority.sub_region]
            facts.append(f"<strong>Sub-region:</strong> {render_link(sub.name, href(uri, register_page('sub_regions', sub.id)))}")
        if authority.aliases:
            facts.append("<strong>Also written as:</strong> " + ", ".join(esc(a) for a in authority.aliases))
        description = f"Case studies and figures naming {authority.name}."
        note = (f'<p class="hub-note">Savings credited to {esc(authority.name)}: those of the case studies that name it, '
                "less any the source gives for other councils only or for an area as a whole. A saving credited to "
                "several councils counts in full on each one's page. Area-wide work that covered it is listed below "
                "and not counted.</p>\n")
        listed, covered = hub.select(authority=authority.id), hub.select(covering_authority=authority.id)
        pages.append(_browse_page(hub, uri, (listed, covered), lambda: _slice_page(
            hub, uri, authority.name, description, "authority", _paragraph(*facts), {"authority": authority.id},
            f"name {authority.name}", f"Savings credited to {authority.name}", note, {"authority": authority.id},
            case_studies=listed)
            + _covered_section(hub, uri, authority.name, covered, attribution.narrowest_area(authority.id, hub.areas))
            + _mentions_section(hub, "authorities", authority.id, uri)))
    rows = []
    for a in sorted(hub.authorities.values(), key=lambda a: a.name):
        sub = hub.sub_regions[a.sub_region].name if a.sub_region else ""
        rows.append((index_link(a.name, AUTHORITIES, register_page("authorities", a.id)),
                     esc(a.type.replace("-", " ")), esc(a.region), esc(sub), len(hub.select(authority=a.id)),
                     len(hub.select(covering_authority=a.id))))
    pages.append(GeneratedPage(AUTHORITIES, page_header("Authorities", "Case studies by authority.", "index")
                               + "# Authorities\n" + html_block(render_index_table(
                                   rows, ["Authority", "Type", "Region", "Sub-region", "Case studies naming it",
                                          "Area-wide work covering it"],
                                   "Every authority named in the hub's case studies and source documents."))
                               + _league_section(hub, AUTHORITIES, "authority")))
    return pages


def _league_section(hub, uri: str, by: str) -> str:
    """The savings league of an index page: full credit, and the equal-share table beside it where the order differs."""
    if hub.savings.empty:
        return ""
    return "\n## Ranked by savings delivered\n" + html_block(render_leagues(hub, uri, by, "delivered", credit="both"))


def sub_region_pages(hub) -> list[GeneratedPage]:
    pages = []
    for sub in hub.sub_regions.values():
        uri = register_page("sub_regions", sub.id)
        members = [a for a in hub.authorities.values() if a.sub_region == sub.id]
        intro = render_paragraphs(sub.description)
        if sub.partnership_name:  # in bold, opening the first paragraph
            lead = f"<strong>{esc(sub.partnership_name)}.</strong>"
            intro = intro.replace("<p>", f"<p>{lead} ", 1) if intro else f"<p>{lead}</p>\n"
        if members:
            intro += "<p><strong>Authorities:</strong> " + ", ".join(
                render_link(a.name, href(uri, register_page("authorities", a.id))) for a in members) + "</p>\n"
        note = (f'<p class="hub-note">Savings credited to councils in {esc(sub.name)}: those of the case studies that '
                "name one, less any the source gives for councils elsewhere only or for an area as a whole; each "
                "saving counted once here however many of its councils it is credited to. Area-wide work that "
                "covered the sub-region is listed below and not counted.</p>\n")
        listed, covered = hub.select(sub_region=sub.id), hub.select(covering_sub_region=sub.id)
        pages.append(_browse_page(hub, uri, (listed, covered), lambda: _slice_page(
            hub, uri, sub.name, f"Case studies from {sub.name}.", "sub-region", intro, {"sub_region": sub.id},
            f"name councils in {sub.name}", f"Savings credited to councils in {sub.name}", note,
            {"sub_region": sub.id}, case_studies=listed)
            + _covered_section(hub, uri, sub.name, covered, sub.id)
            + _mentions_section(hub, "sub_regions", sub.id, uri)))
    rows = [(index_link(s.name, SUB_REGIONS, register_page("sub_regions", s.id)), esc(s.region),
             len(hub.select(sub_region=s.id)), len(hub.select(covering_sub_region=s.id)))
            for s in hub.sub_regions.values()]
    pages.append(GeneratedPage(SUB_REGIONS, page_header("Sub-regions", "Case studies by sub-region.", "index")
                               + "# Sub-regions\n" + html_block(render_index_table(
                                   rows, ["Sub-region", "Region", "Case studies naming its councils",
                                          "Area-wide work covering it"], "Sub-regions and their partnerships."))
                               + _league_section(hub, SUB_REGIONS, "sub_region")))
    return pages


def partnership_pages(hub, existing: set[str]) -> list[GeneratedPage]:
    pages = []
    for p in hub.partnerships.values():
        uri = register_page("partnerships", p.id)
        if uri in existing:  # a hand-written page owns this address and lists its case studies by macro
            continue
        intro = render_paragraphs(p.description) + _paragraph(
            f"<strong>Region:</strong> {esc(p.region)}", f"<strong>Period:</strong> {esc(describe_period(p.period))}")
        listed = hub.select(partnership=p.id)
        pages.append(_browse_page(hub, uri, (listed,), lambda: _slice_page(
            hub, uri, p.name, p.description or p.name, "partnership", intro, {"partnership": p.id},
            f"come from {p.name}", case_studies=listed)))
    rows = [(index_link(p.name, PARTNERSHIPS, register_page("partnerships", p.id)), esc(p.region),
             esc(describe_period(p.period)), len(hub.select(partnership=p.id))) for p in hub.partnerships.values()]
    if PARTNERSHIPS not in existing:
        pages.append(GeneratedPage(PARTNERSHIPS,
                                   page_header("Partnerships", "Case studies by partnership.", "index")
                                   + "# Partnerships\n" + html_block(render_index_table(
                                       rows, ["Partnership", "Region", "Period", "Case studies"],
                                       "The improvement and efficiency partnerships whose work the hub records."))))
    return pages


def year_pages(hub) -> list[GeneratedPage]:
    pages = []
    for year in hub.years():
        uri = year_page(year)
        listed = hub.select(year=year)
        pages.append(_browse_page(hub, uri, (listed,), lambda: _slice_page(
            hub, uri, f"Reported in {year}", f"Case studies from source documents of {year}.", "year",
            f"<p>Case studies drawn from source documents published in {year}.</p>\n", {"year": year},
            f"were reported in {year}", case_studies=listed)))
    rows = [(index_link(str(y), YEARS, year_page(y)), len(hub.select(year=y))) for y in hub.years()]
    pages.append(GeneratedPage(YEARS, page_header("Years", "Case studies by the year they were reported.", "index")
                               + "# Years\n" + html_block(render_index_table(
                                   rows, ["Year reported", "Case studies"],
                                   "Case studies by the year of their source document."))))
    return pages


def _mentions_section(hub, register: str, item_id: str, from_uri: str) -> str:
    """A 'In the datasets' section: every dataset row naming this authority or sub-region, with its dataset linked."""
    entries = hub.mentions.get((register, item_id), [])
    if not entries:
        return ""
    name = hub.registers[register][item_id].name
    parts = ["\n## In the datasets\n" + html_block(
        f"<p>Rows of the partnerships' published tables that name {esc(name)}. Each table links to its dataset, "
        "where its source and totals are shown.</p>\n")]
    for dataset, rows in entries:
        parts.append(f"\n### {escape_md(dataset.title)}\n" + html_block(
            render_dataset_rows(dataset, rows, hub, name)
            + f'<p class="hub-source">From the dataset {render_link(dataset.title, href(from_uri, dataset_page(dataset.id)))}.</p>\n'))
    return "".join(parts)
