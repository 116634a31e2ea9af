"""List components: the filterable list of case studies, each item carrying its filter values and sort keys in
data-* attributes for docs/javascripts/hub-search.js (without it the list is complete, in its first order)."""

from __future__ import annotations

from ...content import models
from .. import urls
from ..facets import facet_values, sort_keys, sorted_amounts
from ..format import describe_delivered
from .text import esc


def render_case_study_index(case_studies: list[models.CaseStudy], hub, from_uri: str) -> str:
    """Every case study as a list item carrying its filter values and sort keys in data-* attributes."""
    items = []
    for cs in case_studies:
        data = {**facet_values(cs, hub), **{k: [v] for k, v in sort_keys(cs).items()}}
        attributes = "".join(f' data-{key}="{esc(" ".join(values))}"' for key, values in data.items())
        facts = [esc(hub.partnerships[cs.partnership].short_name), str(cs.year)]
        delivered = describe_delivered(cs.savings)
        if delivered:
            facts.append(esc(delivered))
        # What each "largest saving" sort ranks by; the script shows the one in force.
        amounts = "".join(f'<span class="hub-sorted-by" data-sort-shown="{key}" hidden><br>{esc(text)}</span>'
                          for key, text in sorted_amounts(cs).items())
        items.append(f'<li{attributes}><a href="{esc(urls.href(from_uri, urls.case_study_page(cs.slug)))}">{esc(cs.title)}</a>'
                     f'<br>{esc(cs.summary)}<br><small>{" · ".join(facts)}{amounts}</small></li>')
    if not items:
        return "*No published case studies yet.*\n"
    return '<ul class="hub-case-list" id="hub-case-list">\n' + "\n".join(items) + "\n</ul>\n"
