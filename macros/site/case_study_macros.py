"""Page macros over the case studies: lists, counts, savings summaries and tables, leagues and headline figures.
Each takes the Hub and the page's source path first (`site/macros.py` binds them); figures come from `figures/`,
every computed table is also exported as CSV and JSON with a link under it."""

from __future__ import annotations

import pandas as pd

from ..figures import attribution, leagues
from ..figures.headlines import count_case_studies, savings_headlines
from ..figures.savings import (
    BASIS_LABELS, KIND_GROUPS, KIND_LABELS, SAVING_BASES_OR_ALL, STATUS_LABELS, savings_by_kind as sum_by_kind,
    summarise_savings, total_savings,
)
from ..figures.selection import LEGACY_SORTS, SORTS, sort_case_studies
from . import urls
from .exports import ExportTable, export_table, name_export
from .facets import filter_query, saving_value
from .format import BASIS_AFTER_AMOUNT, format_money, plural
from .html.charts import render_headline
from .html.lists import render_case_study_list
from .html.savings_tables import BASIS_COLUMNS, render_entity_savings, render_savings_by_kind, render_savings_summary
from .html.text import esc, render_register_name
from .league_tables import render_leagues
from .macro_arguments import MacroError, check_choice, check_filters, describe_filters, scope_words

LISTED_AT_MOST = 50  # by case_study_list, so a page calling it stays small as the hub grows
HEADLINE_FIGURES = ("delivered", "forecast", "investment", "case_studies", "authorities", "datasets")
SAVINGS_FIGURES = ("delivered", "forecast")


def case_study_list(hub, page_uri: str, sort: str = "newest", limit: int | None = None, **filters) -> str:
    """Case studies matching filters, e.g. `{{ case_study_list(theme="procurement", sort="saving-total", limit=5) }}`.
    Sorts: newest (the newest figures first, by the day their source reported them), added (the newest on the hub
    first, by the day added or last updated), title, saving-total (the largest delivered total over a period first),
    saving-a-year, saving-one-off (the largest delivered saving on that basis first); the names older pages use
    (savings, savings-a-year, savings-one-off) sort the same. `authority` and `sub_region` list the case studies naming a
    council, each with the savings credited to it; `area` the area-wide work that covered an area. At most
    LISTED_AT_MOST are listed, however many match: beyond, the first of them and a link to all of them on the
    case-study index, filtered and sorted the same way, so a page stays small as the hub grows."""
    check_choice("case_study_list", "sort", sort, [*SORTS, *LEGACY_SORTS])
    chosen = sort_case_studies(hub.select(**check_filters(hub, "case_study_list", filters)), sort)
    credited = {name: value for name, value in filters.items() if name in attribution.COUNCIL_FILTERS}
    wanted = chosen[:limit] if limit else chosen
    shown = wanted[:LISTED_AT_MOST]
    listing = render_case_study_list(shown, hub, page_uri, credited=credited)
    if len(shown) == len(wanted):
        return listing
    order = LEGACY_SORTS.get(sort, sort)
    query = {**filter_query(filters), **({"sort": order} if order != "newest" else {})}
    return (listing + f'<p class="hub-more-link"><a href="{esc(urls.case_study_index_href(page_uri, query))}">'
            f"All {len(chosen):,}, {esc(SORTS[order].label[0].lower() + SORTS[order].label[1:])}, on the "
            "case-study index</a></p>\n")


def case_study_count(hub, page_uri: str, **filters) -> int:
    """How many published case studies match filters, e.g. `{{ case_study_count(theme="procurement") }}`."""
    return len(hub.select(**check_filters(hub, "case_study_count", filters)))


def savings_summary(hub, page_uri: str, caption: str | None = None, **filters) -> str:
    """Delivered and forecast savings by basis for matching case studies, e.g. `{{ savings_summary(partnership="em-iep") }}`."""
    slugs = [cs.slug for cs in hub.select(**check_filters(hub, "savings_summary", filters))]
    described = describe_filters(hub, filters)
    caption = caption or "Savings reported in case studies" + (f" ({described})" if described else "")
    savings = hub.savings_of(slugs, **filters)  # under a council's name, only the savings credited to it
    html = render_savings_summary(savings, caption)
    if savings.empty:
        return html
    sums, _ = summarise_savings(savings)
    frame = sums.rename(index=BASIS_LABELS, columns=STATUS_LABELS).rename_axis("basis").reset_index()
    return html + export_table(hub, page_uri, name_export("savings-summary", **filters),
                               ExportTable(caption, frame, ["Amounts in pounds; bases are never added together."],
                                           units=dict.fromkeys(frame.columns[1:], "GBP")))


def savings_table(hub, page_uri: str, by: str, caption: str | None = None, **filters) -> str:
    """Savings by entity, delivered and forecast apart, each basis in its own column, e.g. `{{ savings_table(by="sub_region") }}`."""
    check_choice("savings_table", "by", by, list(leagues.ENTITY_REGISTERS))
    frame = hub.select_frame(**check_filters(hub, "savings_table", filters))
    scope = hub.savings_of(frame.index, **filters)
    savings = leagues.savings_by_entity(frame, scope, by)
    counts = leagues.count_by_entity(frame, by)
    register = leagues.ENTITY_REGISTERS[by]
    names = {entity_id: hub.registers[register][entity_id].name for entity_id in counts.index}
    order = sorted(counts.index, key=lambda entity_id: names[entity_id].lower())
    described = describe_filters(hub, filters)
    caption = caption or f"Savings by {leagues.ENTITY_HEADINGS[by].lower()}" + (f" ({described})" if described else "")
    notes = ["One-off amounts, amounts a year and totals over a period are in separate columns and never added. "
             + (f"{leagues.OVERLAP[by][0].upper()}{leagues.OVERLAP[by][1:]}; the case studies column counts the case "
                f"studies {leagues.MEMBERSHIP[by]}. " if by in leagues.OVERLAP else "")
             + (leagues.NOT_CREDITED + " " if by in leagues.SHARED_ENTITIES else "")
             + "— means no figure of that kind was reported."]
    if savings.overlapping:
        notes.append(f"The rows overlap, so a column adds up to more than the total of the {len(frame)} case studies "
                     f"{scope_words(hub, filters)}: the delivered columns add up to "
                     f"{format_money(savings.total('delivered'))}, and those case studies delivered "
                     f"{format_money(total_savings(scope, 'delivered'))}, each counted once (bases added as stated).")
    columns = [(status, basis) for status in STATUS_LABELS for basis in BASIS_LABELS]
    records = [{"id": entity_id, "name": names[entity_id],
                **{f"{s}_{b}": savings.amount(entity_id, s, b) for s, b in columns},
                "case_studies": int(counts[entity_id])} for entity_id in order]
    html = render_entity_savings(by, [(i, render_register_name(hub, page_uri, register, i)) for i in order],
                                 savings, counts, caption, notes)
    return html + export_table(hub, page_uri, name_export("savings-by", by, **filters),
                               ExportTable(caption, pd.DataFrame(records), notes, units={
                                   **{f"{s}_{b}": "GBP" for s, b in columns}, "case_studies": "count"}))


def league_table(hub, page_uri: str, by: str, metric: str = "delivered", basis: str = "all",
                 limit: int | None = None, min_case_studies: int = 1, caption: str | None = None,
                 credit: str = "full", **filters) -> str:
    """Rank entities by a metric over case studies, e.g. `{{ league_table(by="sub_region", metric="roi") }}`.
    Metrics: delivered, forecast, roi, cashable_share, case_studies. Savings count only for the councils they are
    credited to (those a case study names, less any a saving's own `authorities` leaves out) and their
    sub-regions, never for the councils an area-wide case study covered. `credit`, for savings by authority or
    sub-region: "full" (a saving credited to several councils counts in full for each), "equal-share" (each saving
    split equally among the councils it is credited to), or "both" (the full-credit table, and the equal-share one
    beside it where it changes the order)."""
    check_choice("league_table", "by", by, list(leagues.LEAGUE_ENTITIES))
    check_choice("league_table", "metric", metric, list(leagues.LEAGUE_METRICS))
    check_choice("league_table", "basis", basis, list(SAVING_BASES_OR_ALL))
    check_choice("league_table", "credit", credit, [*leagues.CREDITS, "both"])
    if credit != "full" and (by not in leagues.SHARED_ENTITIES or metric not in leagues.SHARED_METRICS):
        raise MacroError(f"league_table: credit={credit!r} applies only to by='authority' or by='sub_region' with "
                         "metric='delivered' or 'forecast' — leave credit out for other tables")
    return render_leagues(hub, page_uri, by, metric, basis, limit, min_case_studies, caption, credit,
                          check_filters(hub, "league_table", filters))


def headline(hub, page_uri: str, figure: str, label: str | None = None, basis: str = "all", kind: str | None = None,
             **filters) -> str:
    """A headline number with its label and source, linked to the list of case studies it counts, e.g.
    `{{ headline("delivered", basis="per-year", kind="cashable", partnership="em-iep") }}`.
    Figures: delivered, forecast, investment, case_studies, authorities, datasets. Savings are on one basis
    (per-year, one-off or total) and of one kind (cashable; non-cashable, with the savings whose kind the source
    does not state; cost-avoidance; income): without `kind`, one headline for each kind, never one sum."""
    check_choice("headline", "figure", figure, list(HEADLINE_FIGURES))
    check_choice("headline", "basis", basis, list(SAVING_BASES_OR_ALL))
    check_choice("headline", "kind", kind, list(KIND_GROUPS))
    chosen = hub.select(**check_filters(hub, "headline", filters))
    described = describe_filters(hub, filters)
    scope = f" ({described})" if described else ""
    if figure in SAVINGS_FIGURES:
        if basis == "all":
            raise MacroError(f"headline: {figure} needs basis='per-year', 'one-off' or 'total' — amounts on "
                             "different bases are never added into one figure (savings_by_kind shows all three)")
        found = savings_headlines(hub.savings_of([cs.slug for cs in chosen], **filters), figure, basis, kind)
        if not found:
            return render_headline("none", label or f"savings {figure} {BASIS_AFTER_AMOUNT[basis]}{scope}",
                                   "No case study reports one.")
        # A label written for the page names the figure; with several kinds each headline adds its own kind.
        return "".join(render_savings_headline(
            page_uri, each, f"{label} ({KIND_LABELS[each.kind].lower()})" if label and not kind else label, scope,
            filters) for each in found)
    counts = count_case_studies(chosen)
    if figure == "investment":
        value = format_money(counts.investment)
        default = f"invested in {counts.investment_stated} case studies that state it{scope}"
        source = "Sum of the investment stated in the case studies; those that state none are left out."
        href = urls.case_study_index_href(page_uri, filter_query(filters, "investment"))
    elif figure == "case_studies":
        value, default, source = f"{counts.case_studies:,}", f"case studies{scope}", "Published case studies in the hub."
        href = urls.case_study_index_href(page_uri, filter_query(filters))
    elif figure == "authorities":
        value, default = f"{counts.authorities:,}", f"authorities named in case studies{scope}"
        source = "Councils the case studies name as taking part; area-wide work names none."
        href = urls.href(page_uri, urls.register_index("authorities"))
    else:
        value, default, source = f"{len(hub.datasets):,}", "datasets from partnership reports", "Programme datasets."
        href = urls.href(page_uri, urls.DATASETS)
    return render_headline(value, label or default, esc(source), href)


def render_savings_headline(page_uri: str, figure, label, scope: str, filters) -> str:
    words = KIND_LABELS[figure.kind].lower()
    status, basis = figure.status, figure.basis
    default = (f"{words} savings {status} {BASIS_AFTER_AMOUNT[basis]}, in "
               f"{plural(figure.case_studies, 'case study', 'case studies')}{scope}")
    source = (f"Sum of the {status} {words} savings stated {BASIS_AFTER_AMOUNT[basis]}"
              + (" (one year each)" if basis == "per-year" else "") + ". Other kinds and bases are shown apart.")
    href = urls.case_study_index_href(page_uri, filter_query(filters, saving_value(status, figure.kind, basis)))
    return render_headline(format_money(figure.amount), label or default, esc(source), href)


def savings_by_kind(hub, page_uri: str, status: str = "delivered", caption: str | None = None, **filters) -> str:
    """Savings of one status by kind (cashable; non-cashable or kind not stated; cost avoidance; income) and basis,
    each figure linked to the case studies it counts, e.g. `{{ savings_by_kind(partnership="lga") }}`. Kinds and
    bases are never added together."""
    check_choice("savings_by_kind", "status", status, list(STATUS_LABELS))
    chosen = hub.select(**check_filters(hub, "savings_by_kind", filters))
    sums, counts = sum_by_kind(hub.savings_of([cs.slug for cs in chosen], **filters), status)
    described = describe_filters(hub, filters)
    caption = caption or f"Savings {status}, by kind and basis" + (f" ({described})" if described else "")
    notes = [f"Sums of the {status} savings the case studies state, each kind and basis apart: amounts a year "
             "(one year each), one-off amounts and totals over a period are never added together, nor are the "
             "kinds. Savings whose kind the source does not state are shown with non-cashable savings, never as "
             "cashable. Each figure links to the case studies it counts." +
             (" Forecasts are never counted as delivered." if status == "delivered" else "")]
    html = render_savings_by_kind(sums, counts, caption, notes, lambda kind, basis: urls.case_study_index_href(
        page_uri, filter_query(filters, saving_value(status, kind, basis))))
    records = [{"kind": kind, "label": label,
                **{basis: (float(sums.at[kind, basis]) if counts.at[kind, basis] else None) for basis in BASIS_COLUMNS},
                **{f"{basis}_case_studies": int(counts.at[kind, basis]) for basis in BASIS_COLUMNS}}
               for kind, label in KIND_LABELS.items()]
    return html + export_table(hub, page_uri, name_export("savings-by-kind", status, **filters),
                               ExportTable(caption, pd.DataFrame(records), notes, units={
                                   **{basis: "GBP" for basis in BASIS_COLUMNS},
                                   **{f"{basis}_case_studies": "count" for basis in BASIS_COLUMNS}}))
