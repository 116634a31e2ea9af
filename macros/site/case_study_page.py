"""A case study's page: its facts, savings as stated, outcomes, body, source, related case studies, and what it
tells the search index."""

from __future__ import annotations

from ..content import models
from .format import format_date, format_money
from .html.savings_tables import render_savings_list
from .html.text import esc, render_source_line
from .markdown import GeneratedPage, escape_md, md_link, page_header, render_links
from .search import render_case_study_search_data
from .urls import case_study_page, register_page, year_page

REGISTER_OF = {"authority": "authorities", "programme": "programmes", "theme": "themes"}  # what related ones share


def render_case_study_page(cs: models.CaseStudy, hub) -> str:
    uri = case_study_page(cs.slug)
    facts = [
        ("Partnership", md_link(hub.partnerships[cs.partnership].name, uri, register_page("partnerships", cs.partnership))),
    ]
    if cs.programme:
        facts.append(("Programme", escape_md(hub.programmes[cs.programme].name)))
    if cs.authorities:
        facts.append(("Authorities", render_links(
            ((hub.authorities[a].name, register_page("authorities", a)) for a in cs.authorities), uri)))
    if cs.area:
        facts.append(("Area", render_area(hub, cs.area, uri) + (
            " — area-wide work; the source names no councils taking part" if not cs.authorities
            else " — the source also describes the work as area-wide")))
    facts.append(("Themes", render_links(((hub.themes[t].name, register_page("themes", t)) for t in cs.themes), uri)))
    if cs.period:
        facts.append(("Period", escape_md(cs.period.label)))
    facts.append(("Investment", format_money(cs.investment, exact=True) if cs.investment is not None
                  else "not stated in the source"))
    facts.append(("Reported in", md_link(str(cs.year), uri, year_page(cs.year))))
    dates = f"published {format_date(cs.published)}" + (f", updated {format_date(cs.updated)}" if cs.updated else "")
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


def render_area(hub, area_id: str, from_uri: str) -> str:
    """An area's name, linked where it has a page (sub-regions do; regions and England do not)."""
    if area_id in hub.sub_regions:
        return md_link(hub.sub_regions[area_id].name, from_uri, register_page("sub_regions", area_id))
    return escape_md(hub.area_name(area_id))


def render_related(cs: models.CaseStudy, hub) -> str:
    """A 'Related case studies' section, each with what it has in common with this one."""
    related = hub.related.get(cs.slug, [])
    if not related:
        return ""
    uri = case_study_page(cs.slug)
    items = []
    for entry in related:
        other = hub.case_studies[entry.slug]
        shared = ", ".join(escape_md(hub.registers[REGISTER_OF[kind]][item].name) for kind, item in entry.shared)
        items.append(f"- {md_link(other.title, uri, case_study_page(other.slug))}  \n"
                     f"  <small>In common: {shared}</small>")
    # Kept out of the search index: other studies' titles here would make this page match searches for them.
    return ('<section class="hub-related" data-pagefind-ignore="all" markdown>\n\n## Related case studies\n\n'
            + "\n".join(items) + "\n\n</section>\n\n")


def case_study_pages(hub) -> list[GeneratedPage]:
    return [GeneratedPage(case_study_page(cs.slug), render_case_study_page(cs, hub)) for cs in hub.case_studies.values()]
