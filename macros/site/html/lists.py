"""List components: case studies with their summaries and facts (browse pages, the case-study index and the data it
filters, the `case_study_list` macro), and the links between the pages of a long list. Every text escaped."""

from __future__ import annotations

from ...content import models
from ...figures import attribution
from .. import urls
from ..format import describe_dates, describe_delivered
from .text import esc

EMPTY = "No published case studies yet."


def credited_words(hub, credited: dict) -> str:
    """Whom a council filter names, in words: 'Blaby District Council', 'councils in Nottinghamshire'."""
    name, value = next((name, value) for name, value in credited.items() if value is not None)
    if name == "authority":
        return hub.authorities[value].name
    if name == "sub_region":
        return f"councils in {hub.sub_regions[value].name}"
    if name == "authority_type":
        return f"{value.replace('-', ' ')} councils"
    return f"councils in {value}"


def describe_case_study(cs: models.CaseStudy, hub, savings: bool = True, credited: dict | None = None) -> list[str]:
    """A listed case study's facts, as text: its partnership, when its figures were reported and when the hub added
    or updated it, and its delivered savings. `savings=False` leaves the amounts out (area-wide work a page lists
    but does not credit); `credited` (council filters, e.g. {"authority": "blaby"}) counts only the savings
    credited to that council and says whom the rest are not."""
    facts = [hub.partnerships[cs.partnership].short_name, *describe_dates(cs)]
    if cs.area and not savings:
        facts.append(f"area-wide: {hub.area_name(cs.area)}")
    if not savings:
        return facts
    shown = cs.savings if not credited else \
        [s for s in cs.savings if attribution.credited_to(cs, s, hub.authorities, **credited)]
    if delivered := describe_delivered(shown):
        facts.append(delivered)
    if len(shown) < len(cs.savings):
        whom = credited_words(hub, credited)
        facts.append(f"its other savings are not credited to {whom}" if shown else
                     f"its savings are not credited to {whom}")
    return facts


def render_case_study_item(cs: models.CaseStudy, hub, from_uri: str, facts: list[str]) -> str:
    return (f'<li><a href="{esc(urls.href(from_uri, urls.case_study_page(cs.slug)))}">{esc(cs.title)}</a>'
            f'<br>{esc(cs.summary)}<br><small>{" · ".join(esc(fact) for fact in facts)}</small></li>')


def render_case_study_list(case_studies: list[models.CaseStudy], hub, from_uri: str, savings: bool = True,
                           empty: str = EMPTY, credited: dict | None = None, **attributes: str) -> str:
    """Case studies, each linked, with its summary and facts (`describe_case_study`); `attributes` are the list's
    (`id="hub-case-list"`, `data_total="120"`)."""
    if not case_studies:
        return f'<p class="hub-note"><em>{esc(empty)}</em></p>\n'
    items = "\n".join(render_case_study_item(cs, hub, from_uri, describe_case_study(cs, hub, savings, credited))
                      for cs in case_studies)
    extra = "".join(f' {name.replace("_", "-")}="{esc(value)}"' for name, value in attributes.items())
    return f'<ul class="hub-case-list"{extra}>\n{items}\n</ul>\n'


def render_pagination(from_uri: str, pages: list[str], current: int, label: str) -> str:
    """Links to every page of a long list (`pages`: their source paths, in order), the current one marked."""
    if len(pages) < 2:
        return ""
    links = []
    if current > 0:
        links.append(f'<a href="{esc(urls.href(from_uri, pages[current - 1]))}">Previous</a>')
    for number, page in enumerate(pages):
        if number == current:
            links.append(f'<a href="./" aria-current="page">{number + 1}</a>')
        else:
            links.append(f'<a href="{esc(urls.href(from_uri, page))}">{number + 1}</a>')
    if current < len(pages) - 1:
        links.append(f'<a href="{esc(urls.href(from_uri, pages[current + 1]))}">Next</a>')
    return (f'<nav class="hub-pagination" aria-label="{esc(label)}"><ul>'
            + "".join(f"<li>{link}</li>" for link in links) + "</ul></nav>\n")
