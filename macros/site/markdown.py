"""Markdown for generated pages: text escaped so Markdown shows it as written, links between pages, front matter,
and the lists of case studies the browse pages show."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..content import models
from ..figures import attribution
from .format import describe_delivered
from .urls import case_study_page, link


def escape_md(text: str) -> str:
    """Text that Markdown will show exactly as written."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|!{}])", r"\\\1", text)


def md_link(text: str, from_uri: str, to_uri: str) -> str:
    return f"[{escape_md(text)}]({link(from_uri, to_uri)})"


def render_links(pairs, from_uri: str) -> str:
    """Comma-separated Markdown links from (text, uri) pairs."""
    return ", ".join(md_link(text, from_uri, uri) for text, uri in pairs)


def front_matter(**fields) -> str:
    import yaml
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: one front matter per generated page
    return "---\n" + yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def render_case_study_list(case_studies: list[models.CaseStudy], hub, from_uri: str, savings: bool = True,
                           empty: str = "No published case studies yet.", credited: dict | None = None) -> str:
    """A list of case studies with their summaries, for index and browse pages. `savings=False` leaves their
    amounts out, for lists of work a page shows but does not credit (area-wide work covering a council).
    `credited` (council filters, e.g. {"authority": "blaby"}) shows only the savings credited to that council."""
    if not case_studies:
        return f"*{escape_md(empty)}*\n"
    items = []
    for cs in case_studies:
        partnership = hub.partnerships[cs.partnership].short_name
        facts = [escape_md(partnership), str(cs.year)]
        if cs.area and not savings:
            facts.append(f"area-wide: {escape_md(hub.area_name(cs.area))}")
        shown = cs.savings if not credited else \
            [s for s in cs.savings if attribution.credited_to(cs, s, hub.authorities, **credited)]
        delivered = describe_delivered(shown) if savings else ""
        if delivered:
            facts.append(escape_md(delivered))
        if savings and len(shown) < len(cs.savings):
            whom = credited_words(hub, credited)
            facts.append(escape_md(f"its other savings are not credited to {whom}" if shown else
                                   f"its savings are not credited to {whom}"))
        items.append(
            f"- {md_link(cs.title, from_uri, case_study_page(cs.slug))}  \n"
            f"  {escape_md(cs.summary)}  \n  <small>{' · '.join(facts)}</small>"
        )
    return "\n".join(items) + "\n"


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


@dataclass(frozen=True)
class GeneratedPage:
    uri: str        # source path inside docs, e.g. "case-studies/shared-legal-service.md"
    markdown: str


def page_header(title: str, description: str, kind: str, **extra) -> str:
    """A generated page's front matter: never rendered through Jinja (contributed text is data, not a template)."""
    return front_matter(title=title, description=description, render_macros=False, hub_kind=kind, **extra)
