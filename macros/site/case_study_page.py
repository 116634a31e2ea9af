"""A case study's page: its facts, savings as stated, outcomes, body, source, related case studies, and what it
tells the search index."""

from __future__ import annotations

from ..content import models
from ..content.memo import Same, reuse
from .format import describe_period, describe_reported, format_date, format_money, format_partial_date
from .html.savings_tables import render_savings_list
from .html.text import esc, render_link, render_source_line
from .markdown import GeneratedPage, escape_md, page_header
from .passthrough import html_block
from .search import render_case_study_search_data
from .urls import case_study_page, href, register_page, year_page

REGISTER_OF = {"authority": "authorities", "programme": "programmes", "theme": "themes"}  # what related ones share


def render_case_study_page(cs: models.CaseStudy, hub) -> str:
    """The page's Markdown: its title, the body as the editor wrote it, and the rest as HTML Markdown leaves alone."""
    uri = case_study_page(cs.slug)

    def linked(register: str, item_id: str) -> str:
        return render_link(hub.registers[register][item_id].name, href(uri, register_page(register, item_id)))

    facts = [("Partnership", linked("partnerships", cs.partnership))]
    if cs.programme:
        facts.append(("Programme", esc(hub.programmes[cs.programme].name)))
    if cs.authorities:
        facts.append(("Authorities", ", ".join(linked("authorities", a) for a in cs.authorities)))
    if cs.area:
        facts.append(("Area", render_area(hub, cs.area, uri) + (
            " — area-wide work; the source names no councils taking part" if not cs.authorities
            else " — the source also describes the work as area-wide")))
    facts.append(("Themes", ", ".join(linked("themes", t) for t in cs.themes)))
    if cs.period:
        facts.append(("Period", esc(describe_period(cs.period))))
    facts.append(("Investment", format_money(cs.investment, exact=True) if cs.investment is not None
                  else "not stated in the source"))
    # Side by side: when the source reported the figures, which readers judge them by, and when the hub added them.
    facts.append(("Figures reported", f"{esc(format_partial_date(cs.source.date))} ("
                  + render_link(f"all case studies reported in {cs.year}", href(uri, year_page(cs.year))) + ")"))
    dates = f"published {format_date(cs.published)}" + (f", updated {format_date(cs.updated)}" if cs.updated else "")
    facts.append(("On the hub", dates))
    panel = "\n".join(f"<dt>{name}</dt>\n<dd>{value}</dd>" for name, value in facts)

    head = [f'<p class="hub-summary">{esc(cs.summary)}</p>\n', f'<div class="hub-facts">\n<dl>\n{panel}\n</dl>\n</div>\n']
    if cs.savings:
        head.append(render_savings_list(cs, hub, uri))
    if cs.outcomes:
        head.append("<p><strong>Outcomes</strong></p>\n<ul>\n" + "\n".join(f"<li>{esc(o)}</li>" for o in cs.outcomes)
                    + "\n</ul>\n")
    if cs.contact:
        contact = cs.contact
        who = ", ".join(esc(x) for x in (contact.name, contact.role, contact.organisation) if x)
        if contact.email:
            who += f' — <a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>'
        head.append(f"<p><strong>Contact:</strong> {who}</p>\n")
    return "".join([
        page_header(cs.title, cs.summary, "case-study", hub_slug=cs.slug),
        f"# {escape_md(cs.title)}\n", html_block("".join(head)),
        cs.body.strip() + "\n",
        html_block(f'<p class="hub-source" id="source">Source: {render_source_line(cs.source)}</p>\n'),
        render_related(cs, hub),
        html_block(render_case_study_search_data(cs, hub)),
    ])


def render_area(hub, area_id: str, from_uri: str) -> str:
    """An area's name, linked where it has a page (sub-regions do; regions and England do not)."""
    if area_id in hub.sub_regions:
        return render_link(hub.sub_regions[area_id].name, href(from_uri, register_page("sub_regions", area_id)))
    return esc(hub.area_name(area_id))


def render_related(cs: models.CaseStudy, hub) -> str:
    """A 'Related case studies' section, each with what it has in common with this one and the age of its figures.
    Its heading stays Markdown, between the section's start and its list, so it has the anchor and permalink every
    heading has."""
    related = hub.related.get(cs.slug, [])
    if not related:
        return ""
    uri = case_study_page(cs.slug)
    items = []
    for entry in related:
        other = hub.case_studies[entry.slug]
        shared = ", ".join(esc(hub.registers[REGISTER_OF[kind]][item].name) for kind, item in entry.shared)
        items.append(f'<li>{render_link(other.title, href(uri, case_study_page(other.slug)))}<br>\n'
                     f"<small>In common: {shared} · {esc(describe_reported(other))}</small></li>")
    # Kept out of the search index: other studies' titles here would make this page match searches for them.
    return (html_block('<section class="hub-related" data-pagefind-ignore="all">') + "## Related case studies\n"
            + html_block("<ul>\n" + "\n".join(items) + "\n</ul>\n</section>"))


def page_inputs(cs: models.CaseStudy, hub) -> tuple:
    """Everything `render_case_study_page` reads: the case study, the registers (names, aliases, areas), and its
    related case studies with what they share. Those are compared whole, by value (the same object, unchanged, at
    once), so a page shows whatever it comes to show of them (title, dates) as they are now."""
    related = tuple((entry, hub.case_studies[entry.slug]) for entry in hub.related.get(cs.slug, []))
    return Same(cs), Same(hub.registers), related


def case_study_pages(hub) -> list[GeneratedPage]:
    """Every published case study's page; in a preview, made again only when what it shows changed."""
    return [GeneratedPage(case_study_page(cs.slug), reuse(hub.memo, "page", case_study_page(cs.slug),
                                                          page_inputs(cs, hub), lambda: render_case_study_page(cs, hub)))
            for cs in hub.case_studies.values()]
