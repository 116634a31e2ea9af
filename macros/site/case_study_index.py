"""The case-study index: every case study, the newest figures first (by the day their source reported them), on
pages of PAGE_SIZE at stable addresses (/case-studies/, /case-studies/page/2/, …), and the data its filter form reads
(`urls.CASE_STUDY_INDEX_DATA`): each case study's listing, filter values and sort keys, fetched by
docs/javascripts/hub-search.js only when a reader filters or sorts. So no page grows with the hub, and without
JavaScript the pages still list every case study."""

from __future__ import annotations

import json

from ..content.memo import Same, reuse
from ..figures.selection import DATES, SORTS
from . import urls
from .facets import (
    CREDIT, build_facets, case_study_facets, council_values, credit_groups, sort_keys, sorted_amounts,
)
from .html.forms import render_filter_form
from .html.lists import describe_case_study, render_case_study_list, render_pagination
from .html.text import render_link
from .markdown import GeneratedPage, page_header
from .passthrough import html_block

PAGE_SIZE = 100
CHANGES = "What's new"
ORDER_WORDS = "the newest figures first (by the day their source reported them)"  # the order of the pages
DERIVED = {"type", "region", "subregion", CREDIT}  # the script finds these from the councils a case study names
SCRIPT = "javascripts/hub-search.js"  # loaded by the page's template (page.meta.hub_scripts), not its content
BROWSE = (("theme", urls.register_index("themes")), ("authority", urls.register_index("authorities")),
          ("sub-region", urls.register_index("sub_regions")), ("partnership", urls.register_index("partnerships")),
          ("year", urls.YEARS))


def case_study_index_pages(hub) -> list[GeneratedPage]:
    """The index's pages; the first carries the filter form, which lists from every page once a filter is chosen."""
    case_studies = list(hub.case_studies.values())  # the newest figures first
    count = len(case_studies)
    pages = [urls.case_study_index_page(number) for number in range(1, max(1, -(-count // PAGE_SIZE)) + 1)]
    generated = []
    for number, uri in enumerate(pages):
        chosen = case_studies[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        browse = ", ".join(render_link(text, urls.href(uri, to)) for text, to in BROWSE)
        first, last = number * PAGE_SIZE + 1, number * PAGE_SIZE + len(chosen)
        shown = (f"All {count:,} case studies, {ORDER_WORDS}." if len(pages) == 1 else
                 f"{count:,} case studies, {ORDER_WORDS}: {first:,} to {last:,} on this page.")
        intro = (f'<p><span id="hub-index-count">{shown}</span> Browse them by {browse}, or '
                 f'{render_link("search", urls.href(uri, urls.SEARCH))} their full text. '
                 + render_link(CHANGES, urls.href(uri, urls.DIGEST)) + " lists those the hub added or updated "
                 "lately.</p>\n")
        nav = render_pagination(uri, pages, number, "Pages of the case-study index")
        if number == 0:
            form = render_filter_form(build_facets(hub), "index")
            title, description = "Case studies", "Every case study in the hub, the newest figures first."
        else:
            form = (f'<p class="hub-note">To filter and sort every case study, use the form on '
                    f'{render_link("the first page", urls.href(uri, pages[0]))}.</p>\n')
            title = f"Case studies, page {number + 1}"
            description = f"Case studies {first:,} to {last:,}, the newest figures first."
        # The first page's list names the data its script lists from once a reader filters or sorts.
        data = {"data_source": urls.file_href(uri, urls.CASE_STUDY_INDEX_DATA), "data_total": str(count)} \
            if number == 0 else {}
        listing = render_case_study_list(chosen, hub, uri, id="hub-case-list", **data)
        generated.append(GeneratedPage(uri, page_header(title, description, "index",
                                                        **({"hub_scripts": [SCRIPT]} if number == 0 else {}))
                                       + f"# {title}\n" + html_block(intro + form + listing + nav)))
    return generated


def render_case_study_index_data(hub) -> str:
    """Every case study as the index's script lists, filters and sorts it: its address from the index, title,
    summary and facts, filter values (`facets.facet_values`), sort keys and what each "largest saving" sort shows.

    Kept small, as it is fetched whole. Given once at the top: each council's value under each council facet
    (`councils`), from which the script finds a case study's authority types, regions and sub-regions and whom its
    savings are credited to (`credit`: `facets.credit_groups`); what each area covers (`covers`), as an area-wide
    case study gives its area alone; and the text of a "largest saving" sort with nothing to show (`unshown`). No
    empty values, no title sort key (the script sorts by the title), no amount of 0."""
    items, unshown = [], {}
    for cs in hub.case_studies.values():
        item, missing = reuse(hub.memo, "index item", cs.slug, (Same(cs), Same(hub.registers)),
                              lambda: render_index_item(cs, hub))
        items.append(item)
        unshown.update(missing)
    return json.dumps({
        "count": len(items),
        "councils": {a.id: council_values(a) for a in hub.authorities.values()},
        "covers": {area: sorted(covered) for area, covered in hub.areas.regions.items()},
        "unshown": unshown, "items": items,
    }, ensure_ascii=False, separators=(",", ":"))


def render_index_item(cs, hub) -> tuple[dict, dict[str, str]]:
    """One case study's entry in the index's data, and the text of each "largest saving" sort it has nothing to
    show for; made from the case study and the registers alone, so a preview makes it again only when they change."""
    filters = {key: values for key, values in case_study_facets(hub)[cs.slug].items()
               if values and key not in DERIVED}
    if cs.area:
        filters["area"] = [cs.area]
    keys, shown = sort_keys(cs), sorted_amounts(cs)
    sort, unshown = {key: keys[key] for key in DATES}, {}
    for key, sorting in SORTS.items():
        if sorting.basis and sorting.amount(cs):
            sort[key] = keys[key]
        elif sorting.basis:
            unshown[key] = shown.pop(key)
    item = {"href": urls.href(urls.CASE_STUDIES, urls.case_study_page(cs.slug)), "title": cs.title,
            "summary": cs.summary, "facts": " · ".join(describe_case_study(cs, hub)), "filters": filters,
            "sort": sort}
    if credit := credit_groups(cs):
        item["credit"] = credit
    if shown:
        item["shown"] = shown
    return item, unshown


def case_study_index_files(hub) -> list[tuple[str, str]]:
    """(site path, content) of the files beside the index's pages."""
    return [(urls.CASE_STUDY_INDEX_DATA, render_case_study_index_data(hub))]

