"""A league as the site shows it: the ranked table, the rule each figure follows, what its rows add up to beside
the total of the case studies in scope, and its export. Computed in `figures/leagues.py`."""

from __future__ import annotations

from ..figures import leagues
from .exports import ExportTable, export_table, name_export
from .format import BASIS_AMOUNTS, format_metric
from .html.tables import render_ranked_table, shared_rank_notes
from .html.text import esc, render_register_name
from .macro_arguments import describe_filters, scope_words

METRIC_UNITS = {"delivered": "GBP", "forecast": "GBP", "roi": "ratio", "cashable_share": "ratio", "case_studies": "count"}
SAME_ORDER = ('<p class="hub-note">Splitting each saving equally among the councils it is credited to gives the same '
              "order, so the equal-share table is not shown.</p>\n")


def render_leagues(hub, page_uri: str, by: str, metric: str, basis: str = "all", limit: int | None = None,
                   min_case_studies: int = 1, caption: str | None = None, credit: str = "full",
                   filters: dict | None = None) -> str:
    """The league of the case studies matching `filters`; with credit "both", the full-credit table and the
    equal-share one beside it where it changes the order."""
    filters = filters or {}
    frame = hub.select_frame(**filters)
    savings = hub.savings_of(frame.index, **filters)
    if credit == "both":
        full = leagues.compute_league_table(frame, savings, by, metric, basis, min_case_studies)
        shared = leagues.compute_league_table(frame, savings, by, metric, basis, min_case_studies, "equal-share")
        html = render_league(hub, page_uri, full, limit, caption, filters)
        if shared.order() == full.order():
            return html + SAME_ORDER
        return html + render_league(hub, page_uri, shared, limit, caption, filters)
    league = leagues.compute_league_table(frame, savings, by, metric, basis, min_case_studies, credit)
    return render_league(hub, page_uri, league, limit, caption, filters)


def render_league(hub, page_uri: str, league: leagues.League, limit: int | None, caption: str | None,
                  filters: dict) -> str:
    """A league as a ranked table with its rule, what its rows add up to, and its export."""
    by, metric = league.entity, league.metric
    table = league.table.head(limit) if limit else league.table
    metric_label = leagues.LEAGUE_METRICS[metric]
    described = describe_filters(hub, filters)
    equal = league.credit == "equal-share"
    caption = (caption or f"{leagues.ENTITY_PLURALS[by]} ranked by {metric_label.lower()}"
               + (f" ({described})" if described else "")) + (", each saving split equally" if equal else "")
    register = leagues.ENTITY_REGISTERS[by]
    rows = [(r.rank, bool(r.tied), render_register_name(hub, page_uri, register, r.id), format_metric(r.value, metric),
             str(r.case_studies)) for r in table.itertuples()]
    scope = scope_words(hub, filters)
    notes = [league.rule, *describe_league_totals(league, scope, limit), *shared_rank_notes(table["tied"])]
    left_out = [(entity_id, hub.registers[register][entity_id].name) for entity_id in league.left_out]
    extra = None if metric == "case_studies" else "Case studies"
    html = (render_ranked_table(rows, caption, leagues.ENTITY_HEADINGS[by], metric_label, notes, extra)
            + render_left_out(hub, page_uri, league, left_out, scope))
    if left_out:
        notes.append(describe_left_out(league, scope, sorted((name for _, name in left_out), key=str.lower)) + ".")
    export = table.assign(name=[hub.registers[register][i].name for i in table["id"]])[
        ["rank", "id", "name", "value", "case_studies", "evidence"]]
    parts = ("league", by, metric, league.basis, "equal-share" if equal else None, limit)
    return html + export_table(hub, page_uri, name_export(*parts, **filters), ExportTable(caption, export, notes, units={
        "rank": "rank", "value": METRIC_UNITS[metric], "case_studies": "count", "evidence": "count"}))


LEFT_OUT_LISTED = 12  # more names than this fold away behind the sentence that says why they are left out


def describe_left_out(league: leagues.League, scope: str, names: list[str] | None = None) -> str:
    """'2 partnerships are left out, as none of their case studies matching Procurement reports a delivered total
    over a period'; with `names`, followed by them. `scope`: 'in the hub', 'matching …' (`scope_words`)."""
    count, one = league.excluded, league.excluded == 1
    what = leagues.ENTITY_HEADINGS[league.entity].lower() if one else leagues.ENTITY_PLURALS[league.entity].lower()
    case_studies = "case studies" if scope == "in the hub" else f"case studies {scope}"
    text = f"{count} {what} {'is' if one else 'are'} left out, as {league.left_out_reason(one, case_studies)}"
    return text + (": " + ", ".join(names) if names else "")


def render_left_out(hub, page_uri: str, league: leagues.League, left_out: list[tuple[str, str]], scope: str) -> str:
    """Which entities have no row and why, each linked to its page; a long list folded under the reason."""
    if not left_out:
        return ""
    register = leagues.ENTITY_REGISTERS[league.entity]
    names = ", ".join(render_register_name(hub, page_uri, register, entity_id)
                      for entity_id, _ in sorted(left_out, key=lambda pair: pair[1].lower()))
    reason = esc(describe_left_out(league, scope))
    if len(left_out) <= LEFT_OUT_LISTED:
        return f'<p class="hub-note hub-left-out">{reason}: {names}.</p>\n'
    return (f'<details class="hub-note hub-left-out"><summary>{reason}.</summary>\n'
            f"<p>{names}.</p>\n</details>\n")


NOT_IN_A_ROW = {
    "authority": ("area-wide work, whose source names no council, and savings the source gives for an area as a "
                  "whole"),
    "sub_region": ("area-wide work, whose source names no council, savings the source gives for an area as a whole, "
                   "and councils outside any sub-region"),
    "programme": "case studies outside any programme",
}
NOT_IN_A_ROW_COUNTED = {  # the same for rows of case studies
    "authority": "area-wide work, whose source names no council",
    "sub_region": "area-wide work, whose source names no council, and councils outside any sub-region",
    "programme": "case studies outside any programme",
}


def describe_league_totals(league, scope: str, shown: int | None = None) -> list[str]:
    """What the rows of a league add up to beside the total of the case studies in scope, each counted once, and
    why the two differ: said plainly under every table whose figures add. `scope`: 'in the hub', 'matching …'."""
    if league.rows_total is None or league.table.empty:
        return []
    count = league.metric == "case_studies"

    def amount(value) -> str:
        text = format_metric(value, league.metric)
        return f"{text} case stud{'y' if value == 1 else 'ies'}" if count else text

    n = league.scope_case_studies
    basis = "" if league.basis == "all" else f" ({BASIS_AMOUNTS[league.basis]})"
    what = "" if count else f" {league.metric}{basis} in the {n} case stud{'y' if n == 1 else 'ies'}"
    owner = "the hub's total" if scope == "in the hub" else f"the total {scope}"
    total = f"{owner} of {amount(league.scope_total)}{what}, each counted once"
    subject = "The rows" if shown is None or shown >= len(league.table) else \
        f"All {len(league.table)} rows of this table (the first {shown} shown)"
    rows = amount(league.rows_total)
    if league.overlaps:
        text = (f"{subject} add up to {rows}, more than {total}: "
                f"{leagues.overlap_reason(league.entity, league.metric) or 'a case study counts in several rows'}.")
    elif league.uncounted:
        text = f"{subject} add up to {rows}, less than {total}."
    else:
        text = f"{subject} add up to {rows}, {total}."
    if league.uncounted:
        text += (f" {amount(league.uncounted)} of that total {'are' if count and league.uncounted != 1 else 'is'} "
                 f"in no row: {(NOT_IN_A_ROW_COUNTED if count else NOT_IN_A_ROW).get(league.entity, 'case studies in no row')}.")
    return [text]
