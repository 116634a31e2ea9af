"""Generated pages: one per case study, and browse pages by theme, authority, sub-region, partnership,
year and dataset. Generated pages never pass through Jinja: case-study text is data, not a template."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import models
from .html.tables import (
    case_study_uri, dataset_uri, esc, escape_md, format_money, front_matter, md_link, register_uri,
    render_case_study_list, render_dataset_table, render_links, render_savings_list, render_savings_summary,
    render_datapackage_note, render_downloads, render_source_line, year_uri,
)
from .datapackage import CASE_STUDIES_PATH, PACKAGE_PATH
from .html.forms import SCRIPT, render_case_study_index_page, render_search_page
from ..figures.mentions import render_mentions
from ..figures.related import render_related
from .search import render_case_study_search_data, render_dataset_search_data


@dataclass(frozen=True)
class GeneratedPage:
    uri: str        # source path inside docs, e.g. "case-studies/shared-legal-service.md"
    markdown: str


def page_header(title: str, description: str, kind: str, **extra) -> str:
    return front_matter(title=title, description=description, render_macros=False, hub_kind=kind, **extra)


# --- Case study ---------------------------------------------------------------------------------

def render_case_study_page(cs: models.CaseStudy, hub) -> str:
    uri = case_study_uri(cs.slug)
    facts = [
        ("Partnership", md_link(hub.partnerships[cs.partnership].name, uri, register_uri("partnerships", cs.partnership))),
    ]
    if cs.programme:
        facts.append(("Programme", escape_md(hub.programmes[cs.programme].name)))
    if cs.authorities:
        facts.append(("Authorities", render_links(
            ((hub.authorities[a].name, register_uri("authorities", a)) for a in cs.authorities), uri)))
    if cs.area:
        facts.append(("Area", render_area(hub, cs.area, uri) + (
            " — area-wide work; the source names no councils taking part" if not cs.authorities
            else " — the source also describes the work as area-wide")))
    facts.append(("Themes", render_links(((hub.themes[t].name, register_uri("themes", t)) for t in cs.themes), uri)))
    if cs.period:
        facts.append(("Period", escape_md(cs.period.label)))
    facts.append(("Investment", format_money(cs.investment, exact=True) if cs.investment is not None
                  else "not stated in the source"))
    facts.append(("Reported in", md_link(str(cs.year), uri, year_uri(cs.year))))
    dates = f"published {cs.published:%-d %B %Y}" + (f", updated {cs.updated:%-d %B %Y}" if cs.updated else "")
    facts.append(("On the hub", dates))
    panel = "\n".join(f"{name}\n:   {value}\n" for name, value in facts)

    parts = [
        page_header(cs.title, cs.summary, "case-study", hub_slug=cs.slug),
        f"# {escape_md(cs.title)}\n\n",
        f'<p class="hub-summary">{esc(cs.summary)}</p>\n\n',
        f'<div class="hub-facts" markdown>\n\n{panel}\n</div>\n\n',
    ]
    if cs.savings:
        parts.append(render_savings_list(cs, hub, uri) + "\n")
    if cs.outcomes:
        parts.append("**Outcomes**\n\n" + "\n".join(f"- {escape_md(o)}" for o in cs.outcomes) + "\n\n")
    if cs.contact:
        contact = cs.contact
        who = ", ".join(escape_md(x) for x in (contact.name, contact.role, contact.organisation) if x)
        if contact.email:
            who += f" — <{contact.email}>"
        parts.append(f"**Contact:** {who}\n\n")
    parts.append(cs.body.strip() + "\n\n")
    parts.append(f'<p class="hub-source" id="source">Source: {render_source_line(cs.source)}</p>\n')
    parts.append("\n" + render_related(cs, hub))
    parts.append(render_case_study_search_data(cs, hub))
    return "".join(parts)


# --- Browse pages -------------------------------------------------------------------------------

def render_area(hub, area_id: str, from_uri: str) -> str:
    """An area's name, linked where it has a page (sub-regions do; regions and England do not)."""
    if area_id in hub.sub_regions:
        return md_link(hub.sub_regions[area_id].name, from_uri, register_uri("sub_regions", area_id))
    return escape_md(hub.area_name(area_id))


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


def _index_table(rows, headings, caption) -> str:
    """An index page's table as HTML with its caption: Python-Markdown's tables take no class or caption (an
    attribute list after one showed as text). Cells come as Markdown (`md_link`, `escape_md`) or numbers: each is
    converted here, its links to pages' source files made into the addresses MkDocs serves them at."""
    import re

    import markdown

    inline = markdown.Markdown()

    def served_address(source: str) -> str:
        """'x' -> 'x/', '../a/index' -> '../a/': a relative link to a page's source file (less '.md') as its address."""
        folder, _, name = source.rpartition("/")
        return ((folder + "/" if folder else "") + ("" if name == "index" else name + "/")) or "./"

    def cell(value) -> tuple[str, str]:
        if isinstance(value, int):
            return f"{value:,}", ' class="hub-num"'
        inline.reset()
        converted = inline.convert(str(value)).removeprefix("<p>").removesuffix("</p>")
        return re.sub(r'href="([^"#]+)\.md"', lambda m: f'href="{served_address(m.group(1))}"', converted), ""

    head = "".join(f'<th scope="col">{esc(heading)}</th>' for heading in headings)
    body = []
    for row in rows:
        (first, _), *rest = [cell(value) for value in row]
        body.append(f'<tr><th scope="row">{first}</th>'
                    + "".join(f"<td{attributes}>{text}</td>" for text, attributes in rest) + "</tr>")
    return (f'<table class="hub-table">\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n")


def theme_pages(hub, guides: set[str]) -> list[GeneratedPage]:
    pages = []
    for theme in hub.themes.values():
        uri = register_uri("themes", theme.id)
        intro = escape_md(theme.description)
        guide = f"guides/{theme.id}.md"
        if guide in guides:
            intro += f"\n\nRead the {md_link(f'guide to {theme.name.lower()}', uri, guide)}: lessons drawn from these case studies."
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, theme.name, theme.description, "theme", intro, hub.select(theme=theme.id))))
    rows = [(md_link(t.name, "themes/index.md", register_uri("themes", t.id)), len(hub.select(theme=t.id)))
            for t in hub.themes.values()]
    pages.append(GeneratedPage("themes/index.md", page_header("Themes", "Case studies by theme.", "index")
                               + "# Themes\n\n" + _index_table(rows, ["Theme", "Case studies"], "Every theme in the hub.")))
    return pages


def authority_pages(hub) -> list[GeneratedPage]:
    pages = []
    for authority in hub.authorities.values():
        uri = register_uri("authorities", authority.id)
        facts = [f"**Type:** {authority.type.replace('-', ' ')}", f"**Region:** {escape_md(authority.region)}"]
        if authority.sub_region:
            sub = hub.sub_regions[authority.sub_region]
            facts.append(f"**Sub-region:** {md_link(sub.name, uri, register_uri('sub_regions', sub.id))}")
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
            + render_mentions(hub, "authorities", authority.id, uri)))
    rows = []
    for a in sorted(hub.authorities.values(), key=lambda a: a.name):
        sub = hub.sub_regions[a.sub_region].name if a.sub_region else ""
        rows.append((md_link(a.name, "authorities/index.md", register_uri("authorities", a.id)),
                     a.type.replace("-", " "), escape_md(a.region), escape_md(sub), len(hub.select(authority=a.id)),
                     len(hub.select(covering_authority=a.id))))
    pages.append(GeneratedPage("authorities/index.md", page_header("Authorities", "Case studies by authority.", "index")
                               + "# Authorities\n\n" + _index_table(
                                   rows, ["Authority", "Type", "Region", "Sub-region", "Case studies naming it",
                                          "Area-wide work covering it"],
                                   "Every authority named in the hub's case studies and source documents.")
                               + _league_section(hub, "authorities/index.md", "authority")))
    return pages


def _league_section(hub, uri: str, by: str) -> str:
    """The savings league of an index page: full credit, and the equal-share table beside it where the order differs."""
    from .case_study_macros import league_table

    if hub.savings.empty:
        return ""
    return ("\n## Ranked by savings delivered\n\n"
            + league_table(hub, uri, by=by, metric="delivered", credit="both"))


def sub_region_pages(hub) -> list[GeneratedPage]:
    pages = []
    for sub in hub.sub_regions.values():
        uri = register_uri("sub_regions", sub.id)
        members = [a for a in hub.authorities.values() if a.sub_region == sub.id]
        intro = escape_md(sub.description or "")
        if sub.partnership_name:
            intro = f"**{escape_md(sub.partnership_name)}.** " + intro
        if members:
            intro += "\n\n**Authorities:** " + render_links(
                ((a.name, register_uri("authorities", a.id)) for a in members), uri)
        note = (f'<p class="hub-note">Savings credited to councils in {esc(sub.name)}: those of the case studies that '
                "name one, less any the source gives for councils elsewhere only or for an area as a whole; each "
                "saving counted once here however many of its councils it is credited to. Area-wide work that "
                "covered the sub-region is listed below and not counted.</p>\n")
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, sub.name, f"Case studies from {sub.name}.", "sub-region", intro, hub.select(sub_region=sub.id),
            f"Savings credited to councils in {sub.name}", note, {"sub_region": sub.id})
            + _covered_section(hub, uri, sub.name, hub.select(covering_sub_region=sub.id))
            + render_mentions(hub, "sub_regions", sub.id, uri)))
    rows = [(md_link(s.name, "sub-regions/index.md", register_uri("sub_regions", s.id)), escape_md(s.region),
             len(hub.select(sub_region=s.id)), len(hub.select(covering_sub_region=s.id)))
            for s in hub.sub_regions.values()]
    pages.append(GeneratedPage("sub-regions/index.md", page_header("Sub-regions", "Case studies by sub-region.", "index")
                               + "# Sub-regions\n\n" + _index_table(
                                   rows, ["Sub-region", "Region", "Case studies naming its councils",
                                          "Area-wide work covering it"], "Sub-regions and their partnerships.")
                               + _league_section(hub, "sub-regions/index.md", "sub_region")))
    return pages


def partnership_pages(hub, existing: set[str]) -> list[GeneratedPage]:
    pages = []
    for p in hub.partnerships.values():
        uri = register_uri("partnerships", p.id)
        if uri in existing:  # a hand-written page owns this address and lists its case studies by macro
            continue
        intro = f"{escape_md(p.description or '')}\n\n**Region:** {escape_md(p.region)}  \n**Period:** {escape_md(p.period.label)}"
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, p.name, p.description or p.name, "partnership", intro, hub.select(partnership=p.id))))
    rows = [(md_link(p.name, "partnerships/index.md", register_uri("partnerships", p.id)), escape_md(p.region),
             escape_md(p.period.label), len(hub.select(partnership=p.id))) for p in hub.partnerships.values()]
    if "partnerships/index.md" not in existing:
        pages.append(GeneratedPage("partnerships/index.md",
                                   page_header("Partnerships", "Case studies by partnership.", "index")
                                   + "# Partnerships\n\n" + _index_table(
                                       rows, ["Partnership", "Region", "Period", "Case studies"],
                                       "The improvement and efficiency partnerships whose work the hub records.")))
    return pages


def year_pages(hub) -> list[GeneratedPage]:
    pages = []
    for year in hub.years():
        uri = year_uri(year)
        pages.append(GeneratedPage(uri, _slice_page(
            hub, uri, f"Reported in {year}", f"Case studies from source documents of {year}.", "year",
            f"Case studies drawn from source documents published in {year}.", hub.select(year=year))))
    rows = [(md_link(str(y), "years/index.md", year_uri(y)), len(hub.select(year=y))) for y in hub.years()]
    pages.append(GeneratedPage("years/index.md", page_header("Years", "Case studies by the year they were reported.", "index")
                               + "# Years\n\n" + _index_table(rows, ["Year reported", "Case studies"],
                                                                "Case studies by the year of their source document.")))
    return pages


def dataset_pages(hub) -> list[GeneratedPage]:
    pages = []
    for dataset in hub.datasets.values():
        uri = dataset_uri(dataset.id)
        partnership = hub.partnerships[dataset.partnership]
        intro = escape_md(dataset.description or "")
        facts = (f"**Partnership:** {md_link(partnership.name, uri, register_uri('partnerships', partnership.id))}  \n"
                 f"**Period:** {escape_md(dataset.period.label)}")
        notes = f"\n\n{escape_md(dataset.notes)}\n" if dataset.notes else ""
        table = render_dataset_table(dataset, hub.totals[dataset.id], hub, uri) + render_downloads(
            uri, f"datasets/{dataset.id}.csv", f"datasets/{dataset.id}.json", "this dataset")
        pages.append(GeneratedPage(uri, page_header(dataset.title, dataset.description or dataset.title, "dataset")
                                   + f"# {escape_md(dataset.title)}\n\n{intro}\n\n{facts}\n\n{table}{notes}"
                                   + render_dataset_search_data(dataset, hub)))
    rows = [(md_link(d.title, "datasets/index.md", dataset_uri(d.id)), escape_md(hub.partnerships[d.partnership].short_name),
             escape_md(d.period.label), len(d.rows)) for d in hub.datasets.values()]
    pages.append(GeneratedPage("datasets/index.md", page_header("Data", "The published figures of each programme.", "index")
                               + "# Data\n\nThe tables of figures published in the partnerships' reports, "
                               "with units, unknown values kept unknown and totals checked against those printed.\n\n"
                               + render_datapackage_note("datasets/index.md", PACKAGE_PATH, CASE_STUDIES_PATH) + "\n"
                               + _index_table(rows, ["Dataset", "Partnership", "Period", "Rows"], "Every dataset in the hub.")))
    return pages


def case_study_pages(hub) -> list[GeneratedPage]:
    pages = [GeneratedPage(case_study_uri(cs.slug), render_case_study_page(cs, hub)) for cs in hub.case_studies.values()]
    pages.append(GeneratedPage("case-studies/index.md",
                               page_header("Case studies", "Every case study in the hub, newest first.", "index",
                                           hub_scripts=[SCRIPT])
                               + f"# Case studies\n\n{len(hub.case_studies)} case studies, newest first. "
                               "Browse them by [theme](../themes/index.md), [authority](../authorities/index.md), "
                               "[sub-region](../sub-regions/index.md), [partnership](../partnerships/index.md) "
                               "or [year](../years/index.md), or [search](../search.md) their full text.\n\n"
                               + render_case_study_index_page(hub)))
    return pages


def reference_pages() -> list[GeneratedPage]:
    from .macro_reference import render_macro_reference
    return [GeneratedPage("reference/macros.md", page_header(
        "Page macros", "The macros good-practice pages call to compute figures at build time.", "reference")
        + render_macro_reference())]


def contribute_pages(hub) -> list[GeneratedPage]:
    from .field_reference import render_contribute_page
    return [GeneratedPage("contribute.md", render_contribute_page(hub.root))]


def generate_pages(hub, existing: set[str]) -> list[GeneratedPage]:
    """Every generated page; `existing` are the hand-written pages' source paths (they win)."""
    guides = {uri for uri in existing if uri.startswith("guides/")}
    pages = [
        *case_study_pages(hub), *theme_pages(hub, guides), *authority_pages(hub), *sub_region_pages(hub),
        *partnership_pages(hub, existing), *year_pages(hub), *dataset_pages(hub), *reference_pages(),
        *contribute_pages(hub),
        GeneratedPage("search.md", page_header("Search", "Search and filter the hub's case studies, datasets and guides.",
                                               "search", hub_scripts=[SCRIPT]) + render_search_page(hub)),
    ]
    return [page for page in pages if page.uri not in existing]


def render_redirect_page(target_url: str, title: str = "Moved", preview: list[tuple] = (), policy: str = "") -> str:
    """A redirect that works on any static host: meta refresh, canonical link and a plain link; with the target's
    preview tags, so an old address pasted into an email or post still shows the case study's card."""
    target = esc(target_url)
    tags = "".join(f'<meta {attribute}="{esc(name)}" content="{esc(content)}">\n' for attribute, name, content in preview)
    return (
        f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + (f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n' if policy else "")
        + f"<title>{esc(title)}</title>\n"
        f"<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n{tags}"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n"
        f"<p>This case study has moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n"
    )
