"""Macros that good-practice pages call. Each takes the Hub and the page's source path first; `define_env`
binds them. Arguments are checked: a bad one stops the build naming the page, the macro and the closest valid value.
Every computed table is also registered for export as CSV and JSON, with a link under it."""

from __future__ import annotations

import re

import pandas as pd

from ..figures import attribution, leagues
from ..figures import frames as compute
from .html import tables as render
from .exports import ExportTable, export_paths
from .facets import saving_value
from .html.forms import case_study_list_url
from ..content.problems import did_you_mean


class MacroError(Exception):
    """A macro called with an argument it cannot use."""


def by_largest_delivered(basis: str):
    """Sort key: the largest single delivered saving on one basis, as the search page's "largest saving" sorts."""
    def key(cs):
        largest = compute.largest_delivered(cs, basis)
        return (-(largest.amount if largest else 0), cs.title.lower())
    return key


SORTS = {
    "newest": lambda cs: (-cs.published.toordinal(), cs.title.lower()),
    "title": lambda cs: cs.title.lower(),
    "savings": by_largest_delivered("total"),
    "savings-a-year": by_largest_delivered("per-year"),
    "savings-one-off": by_largest_delivered("one-off"),
}
ENTITY_REGISTERS = {"partnership": "partnerships", "programme": "programmes", "theme": "themes",
                    "authority": "authorities", "sub_region": "sub_regions"}
ENTITY_HEADINGS = {"partnership": "Partnership", "programme": "Programme", "theme": "Theme",
                   "authority": "Authority", "sub_region": "Sub-region"}
METRIC_UNITS = {"delivered": "GBP", "forecast": "GBP", "roi": "ratio", "cashable_share": "ratio", "case_studies": "count"}
ENTITY_PLURALS = {"partnership": "Partnerships", "programme": "Programmes", "theme": "Themes",
                  "authority": "Authorities", "sub_region": "Sub-regions"}
HEADLINE_FIGURES = ("delivered", "forecast", "investment", "case_studies", "authorities", "datasets")


def check_choice(macro: str, argument: str, value, choices) -> None:
    if value is not None and value not in choices:
        raise MacroError(f"{macro}: {argument}={value!r} is not known — "
                         f"{did_you_mean(value, [str(c) for c in choices], f'{argument} values: ' + ', '.join(map(str, choices)))}")


def check_filters(hub, macro: str, filters: dict) -> dict:
    """Check filter values against the registers and the data, with suggestions."""
    known = {
        "partnership": hub.partnerships, "programme": hub.programmes, "theme": hub.themes,
        "authority": hub.authorities, "sub_region": hub.sub_regions,
        "authority_type": sorted({a.type for a in hub.authorities.values()}),
        "region": sorted({a.region for a in hub.authorities.values()}),
        "year": hub.years(),
        "area": [*hub.regions, *hub.sub_regions],
    }
    for name, value in filters.items():
        if name not in known:
            raise MacroError(f"{macro}: unknown filter {name!r} — {did_you_mean(name, list(known), 'filters')}")
        check_choice(macro, name, value, known[name])
    return filters


def export_id(*parts, **filters) -> str:
    words = [str(p) for p in parts if p not in (None, "")] + [f"{k}-{v}" for k, v in sorted(filters.items()) if v is not None]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")


def register_export(hub, page_uri: str, export: str, table: ExportTable) -> str:
    hub.exports[export] = table
    return render.render_downloads(page_uri, *export_paths(export))


def describe_filters(hub, filters: dict) -> str:
    """Filters in words, with register names rather than ids: "Procurement, Nottinghamshire County Council"."""
    words = []
    for name, value in filters.items():
        if value is None:
            continue
        if name in ENTITY_REGISTERS:
            words.append(entity_name(hub, name, value))
        elif name == "area":
            words.append(f"area-wide work covering {hub.area_name(value)}")
        else:
            words.append(f"{name.replace('_', ' ')} {str(value).replace('-', ' ')}")
    return ", ".join(words)


def entity_name(hub, entity: str, entity_id: str) -> str:
    return hub.registers[ENTITY_REGISTERS[entity]][entity_id].name


def entity_link(hub, page_uri: str, entity: str, entity_id: str) -> str:
    register = ENTITY_REGISTERS[entity]
    name = render.esc(entity_name(hub, entity, entity_id))
    if register == "programmes":
        return name
    return f'<a href="{render.esc(render._html_link(page_uri, render.register_uri(register, entity_id)))}">{name}</a>'


# --- Case-study macros ------------------------------------------------------------------------------

def case_study_list(hub, page_uri: str, sort: str = "newest", limit: int | None = None, **filters) -> str:
    """Case studies matching filters, e.g. `{{ case_study_list(theme="procurement", sort="savings", limit=5) }}`.
    Sorts: newest, title, savings (the largest delivered total over a period first), savings-a-year,
    savings-one-off (the largest delivered saving on that basis first). `authority`
    and `sub_region` list the case studies naming a council, each with the savings credited to it; `area` the
    area-wide work that covered an area."""
    check_choice("case_study_list", "sort", sort, list(SORTS))
    chosen = sorted(hub.select(**check_filters(hub, "case_study_list", filters)), key=SORTS[sort])
    credited = {name: value for name, value in filters.items() if name in attribution.COUNCIL_FILTERS}
    return render.render_case_study_list(chosen[:limit] if limit else chosen, hub, page_uri, credited=credited)


def case_study_count(hub, page_uri: str, **filters) -> int:
    """How many published case studies match filters, e.g. `{{ case_study_count(theme="procurement") }}`."""
    return len(hub.select(**check_filters(hub, "case_study_count", filters)))


def savings_summary(hub, page_uri: str, caption: str | None = None, **filters) -> str:
    """Delivered and forecast savings by basis for matching case studies, e.g. `{{ savings_summary(partnership="em-iep") }}`."""
    slugs = [cs.slug for cs in hub.select(**check_filters(hub, "savings_summary", filters))]
    described = describe_filters(hub, filters)
    caption = caption or "Savings reported in case studies" + (f" ({described})" if described else "")
    savings = hub.savings_of(slugs, **filters)  # under a council's name, only the savings credited to it
    html = render.render_savings_summary(savings, caption)
    if savings.empty:
        return html
    table = compute.summarise_savings(savings).rename(index=compute.BASIS_LABELS, columns=compute.STATUS_LABELS)
    frame = table.rename_axis("basis").reset_index()
    return html + register_export(hub, page_uri, export_id("savings-summary", **filters),
                                  ExportTable(caption, frame, ["Amounts in pounds; bases are never added together."],
                                              units=dict.fromkeys(frame.columns[1:], "GBP")))


def savings_table(hub, page_uri: str, by: str, caption: str | None = None, **filters) -> str:
    """Savings by entity, delivered and forecast apart, each basis in its own column, e.g. `{{ savings_table(by="sub_region") }}`."""
    check_choice("savings_table", "by", by, list(ENTITY_REGISTERS))
    frame = compute.filter_case_studies(hub.frame, **check_filters(hub, "savings_table", filters))
    members = leagues.members(frame, by)
    scope = hub.savings_of(frame.index, **filters)
    savings = leagues.saving_members(frame, scope, by).join(scope[["amount", "status", "basis"]], on="saving")
    columns = [(status, basis) for status in compute.STATUS_LABELS for basis in compute.BASIS_LABELS]
    pivot = savings.pivot_table(index="id", columns=["status", "basis"], values="amount", aggfunc="sum")
    pivot = pivot.reindex(columns=pd.MultiIndex.from_tuples(columns)) if not pivot.empty else \
        pd.DataFrame(columns=pd.MultiIndex.from_tuples(columns))
    counts = members.groupby("id")["slug"].nunique()
    order = sorted(counts.index, key=lambda i: entity_name(hub, by, i).lower())
    described = describe_filters(hub, filters)
    caption = caption or f"Savings by {ENTITY_HEADINGS[by].lower()}" + (f" ({described})" if described else "")
    head_top = ('<tr><th scope="col" rowspan="2">' + ENTITY_HEADINGS[by] + '</th>'
                '<th scope="colgroup" colspan="3">Delivered</th><th scope="colgroup" colspan="3">Forecast</th>'
                '<th scope="col" rowspan="2">Case studies</th></tr>')
    head_sub = "<tr>" + "".join(f'<th scope="col">{compute.BASIS_LABELS[b]}</th>' for _, b in columns) + "</tr>"
    rows, records = [], []
    for entity_id in order:
        values = [pivot.at[entity_id, c] if entity_id in pivot.index else float("nan") for c in columns]
        cells = "".join(f'<td class="hub-num">{"—" if pd.isna(v) else render.format_money(v)}</td>' for v in values)
        rows.append(f'<tr><th scope="row">{entity_link(hub, page_uri, by, entity_id)}</th>{cells}'
                    f'<td class="hub-num">{int(counts[entity_id])}</td></tr>')
        record = {"id": entity_id, "name": entity_name(hub, by, entity_id)}
        record.update({f"{s}_{b}": (None if pd.isna(v) else float(v)) for (s, b), v in zip(columns, values)})
        record["case_studies"] = int(counts[entity_id])
        records.append(record)
    notes = ["One-off amounts, amounts a year and totals over a period are in separate columns and never added. "
             + (f"{leagues.OVERLAP[by][0].upper()}{leagues.OVERLAP[by][1:]}; the case studies column counts the case "
                f"studies {leagues.MEMBERSHIP[by]}. " if by in leagues.OVERLAP else "")
             + (leagues.NOT_CREDITED + " " if by in leagues.SHARED_ENTITIES else "")
             + "— means no figure of that kind was reported."]
    overlapping = savings["saving"].duplicated().any()
    if overlapping:
        delivered = compute.total_savings(scope, "delivered")
        shown = savings[savings["status"] == "delivered"]["amount"].sum()
        notes.append(f"The rows overlap, so a column adds up to more than the total of the {len(frame)} case studies "
                     f"{scope_words(hub, filters)}: the delivered columns add up to {render.format_money(shown)}, and "
                     f"those case studies delivered {render.format_money(delivered)}, each counted once "
                     "(bases added as stated).")
    note_html = "".join(f'<p class="hub-note">{render.esc(n)}</p>\n' for n in notes)
    html = (f'<table class="hub-table">\n<caption>{render.esc(caption)}</caption>\n<thead>{head_top}{head_sub}</thead>\n'
            "<tbody>\n" + "\n".join(rows) + f'\n</tbody>\n</table>\n{note_html}')
    return html + register_export(hub, page_uri, export_id("savings-by", by, **filters),
                                  ExportTable(caption, pd.DataFrame(records), notes, units={
                                      **{f"{s}_{b}": "GBP" for s, b in columns}, "case_studies": "count"}))


def scope_words(hub, filters: dict) -> str:
    described = describe_filters(hub, filters)
    return f"matching {described}" if described else "in the hub"


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
    check_choice("league_table", "basis", basis, list(compute.SAVING_BASES_OR_ALL))
    check_choice("league_table", "credit", credit, [*leagues.CREDITS, "both"])
    if credit != "full" and (by not in leagues.SHARED_ENTITIES or metric not in leagues.SHARED_METRICS):
        raise MacroError(f"league_table: credit={credit!r} applies only to by='authority' or by='sub_region' with "
                         "metric='delivered' or 'forecast' — leave credit out for other tables")
    frame = compute.filter_case_studies(hub.frame, **check_filters(hub, "league_table", filters))
    savings = hub.savings_of(frame.index, **filters)
    if credit == "both":
        full = leagues.compute_league_table(frame, savings, by, metric, basis, min_case_studies)
        shared = leagues.compute_league_table(frame, savings, by, metric, basis, min_case_studies, "equal-share")
        html = render_league(hub, page_uri, full, limit, caption, filters)
        if shared.order() == full.order():
            return html + ('<p class="hub-note">Splitting each saving equally among the councils it is credited to '
                           "gives the same order, so the equal-share table is not shown.</p>\n")
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
    caption = (caption or f"{ENTITY_PLURALS[by]} ranked by {metric_label.lower()}"
               + (f" ({described})" if described else "")) + (", each saving split equally" if equal else "")
    rows = [(r.rank, bool(r.tied), entity_link(hub, page_uri, by, r.id), render.format_metric(r.value, metric),
             str(r.case_studies)) for r in table.itertuples()]
    notes = [league.rule, *render.describe_league_totals(league, scope_words(hub, filters), limit),
             "= marks a shared rank."]
    if league.excluded:
        notes.append(f"{league.excluded} more {'is' if league.excluded == 1 else 'are'} left out for want of the evidence this figure needs.")
    extra = None if metric == "case_studies" else "Case studies"
    html = render.render_ranked_table(rows, caption, ENTITY_HEADINGS[by], metric_label, notes, extra)
    export = table.assign(name=[entity_name(hub, by, i) for i in table["id"]])[["rank", "id", "name", "value", "case_studies", "evidence"]]
    parts = ("league", by, metric, league.basis, "equal-share" if equal else None, limit)
    return html + register_export(hub, page_uri, export_id(*parts, **filters), ExportTable(caption, export, notes, units={
        "rank": "rank", "value": METRIC_UNITS[metric], "case_studies": "count", "evidence": "count"}))


SAVINGS_FIGURES = ("delivered", "forecast")
BASIS_PHRASES = {"per-year": "a year", "one-off": "one-off", "total": "in totals over a period"}


def headline(hub, page_uri: str, figure: str, label: str | None = None, basis: str = "all", kind: str | None = None,
             **filters) -> str:
    """A headline number with its label and source, linked to the list of case studies it counts, e.g.
    `{{ headline("delivered", basis="per-year", kind="cashable", partnership="em-iep") }}`.
    Figures: delivered, forecast, investment, case_studies, authorities, datasets. Savings are on one basis
    (per-year, one-off or total) and of one kind (cashable; non-cashable, with the savings whose kind the source
    does not state; cost-avoidance; income): without `kind`, one headline for each kind, never one sum."""
    check_choice("headline", "figure", figure, list(HEADLINE_FIGURES))
    check_choice("headline", "basis", basis, list(compute.SAVING_BASES_OR_ALL))
    check_choice("headline", "kind", kind, list(compute.KIND_GROUPS))
    chosen = hub.select(**check_filters(hub, "headline", filters))
    slugs = [cs.slug for cs in chosen]
    described = describe_filters(hub, filters)
    scope = f" ({described})" if described else ""
    if figure in SAVINGS_FIGURES:
        if basis == "all":
            raise MacroError(f"headline: {figure} needs basis='per-year', 'one-off' or 'total' — amounts on "
                             "different bases are never added into one figure (savings_by_kind shows all three)")
        savings = hub.savings_of(slugs, **filters)
        kinds = [kind] if kind else [k for k in compute.KIND_GROUPS
                                     if compute.total_savings(savings, figure, basis, k) > 0]
        if not kinds:
            return render.render_headline("none", label or f"savings {figure} {BASIS_PHRASES[basis]}{scope}",
                                          "No case study reports one.")
        # A label written for the page names the figure; with several kinds each headline adds its own kind.
        return "".join(savings_headline(hub, page_uri, savings, figure, basis, k,
                                        f"{label} ({compute.KIND_LABELS[k].lower()})" if label and not kind else label,
                                        scope, filters) for k in kinds)
    if figure == "investment":
        stated = [cs.investment for cs in chosen if cs.investment is not None]
        value = render.format_money(sum(stated))
        default = f"invested in {len(stated)} case studies that state it{scope}"
        source = "Sum of the investment stated in the case studies; those that state none are left out."
        href = case_study_list_url(page_uri, filters, "investment")
    elif figure == "case_studies":
        value, default, source = f"{len(chosen):,}", f"case studies{scope}", "Published case studies in the hub."
        href = case_study_list_url(page_uri, filters)
    elif figure == "authorities":
        named = {a for cs in chosen for a in cs.authorities}
        value, default = f"{len(named):,}", f"authorities named in case studies{scope}"
        source = "Councils the case studies name as taking part; area-wide work names none."
        href = render._html_link(page_uri, "authorities/index.md")
    else:
        value, default, source = f"{len(hub.datasets):,}", "datasets from partnership reports", "Programme datasets."
        href = render._html_link(page_uri, "datasets/index.md")
    return render.render_headline(value, label or default, render.esc(source), href)


def savings_headline(hub, page_uri, savings, status: str, basis: str, kind: str, label, scope: str, filters) -> str:
    value = compute.total_savings(savings, status, basis, kind)
    chosen = savings[(savings["status"] == status) & (savings["basis"] == basis) & (savings["kind"] == kind)]
    count = chosen["slug"].nunique()
    words = compute.KIND_LABELS[kind].lower()
    default = (f"{words} savings {status} {BASIS_PHRASES[basis]}, in {count} case stud{'y' if count == 1 else 'ies'}"
               f"{scope}")
    source = (f"Sum of the {status} {words} savings stated {BASIS_PHRASES[basis]}"
              + (" (one year each)" if basis == "per-year" else "") + ". Other kinds and bases are shown apart.")
    href = case_study_list_url(page_uri, filters, saving_value(status, kind, basis))
    return render.render_headline(render.format_money(value), label or default, render.esc(source), href)


def savings_by_kind(hub, page_uri: str, status: str = "delivered", caption: str | None = None, **filters) -> str:
    """Savings of one status by kind (cashable; non-cashable or kind not stated; cost avoidance; income) and basis,
    each figure linked to the case studies it counts, e.g. `{{ savings_by_kind(partnership="lga") }}`. Kinds and
    bases are never added together."""
    check_choice("savings_by_kind", "status", status, list(compute.STATUS_LABELS))
    chosen = hub.select(**check_filters(hub, "savings_by_kind", filters))
    savings = hub.savings_of([cs.slug for cs in chosen], **filters)
    sums, counts = compute.savings_by_kind(savings, status)
    described = describe_filters(hub, filters)
    caption = caption or f"Savings {status}, by kind and basis" + (f" ({described})" if described else "")
    head = '<th scope="col">Kind</th>' + "".join(
        f'<th scope="col">{label}</th>' for label in ("A year", "One-off", "Total over a period"))
    body, records = [], []
    bases = ("per-year", "one-off", "total")
    for kind, label in compute.KIND_LABELS.items():
        cells = []
        for basis in bases:
            count = int(counts.at[kind, basis])
            if not count:
                cells.append('<td class="hub-num">—</td>')
                continue
            href = case_study_list_url(page_uri, filters, saving_value(status, kind, basis))
            cells.append(f'<td class="hub-num"><a href="{render.esc(href)}">{render.format_money(sums.at[kind, basis])}</a>'
                         f' <span class="hub-count">({count} case stud{"y" if count == 1 else "ies"})</span></td>')
        body.append(f'<tr><th scope="row">{render.esc(label)}</th>{"".join(cells)}</tr>')
        records.append({"kind": kind, "label": label, **{
            f"{basis}": (float(sums.at[kind, basis]) if counts.at[kind, basis] else None) for basis in bases},
            **{f"{basis}_case_studies": int(counts.at[kind, basis]) for basis in bases}})
    notes = [f"Sums of the {status} savings the case studies state, each kind and basis apart: amounts a year "
             "(one year each), one-off amounts and totals over a period are never added together, nor are the "
             "kinds. Savings whose kind the source does not state are shown with non-cashable savings, never as "
             "cashable. Each figure links to the case studies it counts." +
             (" Forecasts are never counted as delivered." if status == "delivered" else "")]
    html = (f'<table class="hub-table hub-savings-by-kind">\n<caption>{render.esc(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
            + "".join(f'<p class="hub-note">{render.esc(n)}</p>\n' for n in notes))
    return html + register_export(hub, page_uri, export_id("savings-by-kind", status, **filters),
                                  ExportTable(caption, pd.DataFrame(records), notes, units={
                                      **{basis: "GBP" for basis in bases},
                                      **{f"{basis}_case_studies": "count" for basis in bases}}))


# --- Dataset macros ---------------------------------------------------------------------------------

def _dataset(hub, macro: str, dataset: str):
    check_choice(macro, "dataset", dataset, list(hub.datasets))
    return hub.datasets[dataset]


def dataset_table(hub, page_uri: str, dataset: str) -> str:
    """A dataset as an accessible table with its totals and source, e.g. `{{ dataset_table("em-iep-srp-savings-2008-11") }}`."""
    chosen = _dataset(hub, "dataset_table", dataset)
    html = render.render_dataset_table(chosen, hub.totals[dataset], hub, page_uri)
    return html + render.render_downloads(page_uri, f"datasets/{dataset}.csv", f"datasets/{dataset}.json", "this dataset")


def _numeric_column(macro: str, dataset, column: str):
    check_choice(macro, "column", column, [c.id for c in dataset.numeric_columns])
    return dataset.column(column)


def dataset_figure(hub, page_uri: str, dataset: str, column: str, row: str | None = None, label: str | None = None) -> str:
    """One figure from a dataset as a headline: its total, or one row's value (matched in the first column).
    E.g. `{{ dataset_figure("em-iep-srp-savings-2008-11", "delivered_savings") }}`. The total is computed from the
    rows only for a column that adds (money on one basis and period, counts); for any other column it is the total
    the source prints, as printed, and a column with neither cannot be shown."""
    chosen = _dataset(hub, "dataset_figure", dataset)
    col = _numeric_column("dataset_figure", chosen, column)
    key = chosen.columns[0].id
    if row is None:
        check = next(c for c in hub.totals[dataset] if c.column == column)
        if check.additive:
            value = check.computed
            prefix = "at least " if check.unknown and value is not None else ""
            text = prefix + _format_in_unit(value, col.unit)
            default = f"{col.label}, total"
        elif check.stated is not None:
            text = _format_in_unit(check.stated, col.unit)
            default = f"{col.label}, total as printed in the source"
        else:
            raise MacroError(f"dataset_figure: column {column!r} of {dataset!r} has no total ({check.reason}) and "
                             "the source prints none — show one row's value with row=, or the table")
    else:
        labels = [str(r.get(key)) for r in chosen.rows]
        check_choice("dataset_figure", "row", row, labels)
        value = chosen.rows[labels.index(row)].get(column)
        text = _format_in_unit(value, col.unit)
        default = f"{col.label}, {row}"
    return render.render_headline(text, label or default, render.render_source_line(chosen.source))


def _format_in_unit(value, unit: str | None) -> str:
    """A dataset figure with its unit, money through the one money rule."""
    if value is None:
        return render.UNKNOWN
    scale = {"GBP": 1, "GBP thousand": 1_000, "GBP million": 1_000_000}.get(unit or "")
    if scale:
        return render.format_money(value * scale)
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:,.{compute.decimals(value)}f}"


def dataset_league(hub, page_uri: str, dataset: str, by: str, metric: str, per: str | None = None,
                   caption: str | None = None) -> str:
    """Rank a dataset's rows by a column or a ratio of two columns, e.g. savings per £ of grant by SRP:
    `{{ dataset_league("em-iep-srp-savings-2008-11", by="sub_region", metric="delivered_savings", per="grant_allocation") }}`."""
    chosen = _dataset(hub, "dataset_league", dataset)
    check_choice("dataset_league", "by", by, [c.id for c in chosen.columns])
    value_column = _numeric_column("dataset_league", chosen, metric)
    per_column = _numeric_column("dataset_league", chosen, per) if per else None
    table = leagues.compute_dataset_league(chosen, by, metric, per)
    by_column = chosen.column(by)

    def name(value):
        if by_column.ref == "programmes":  # programmes have no pages of their own
            return render.esc(hub.programmes[value].name)
        if by_column.ref:
            register = by_column.ref
            link = render._html_link(page_uri, render.register_uri(register, value))
            return f'<a href="{render.esc(link)}">{render.esc(hub.registers[register][value].name)}</a>'
        return render.esc(value)

    if per_column:
        metric_label = f"{value_column.label} per {per_column.label.lower()}"
        same_unit = value_column.unit == per_column.unit
        fmt = (lambda v: f"£{v:,.2f} per £1") if same_unit and (value_column.unit or "").startswith("GBP") else \
            (lambda v: f"{v:,.2%}" if same_unit else f"{v:,.3g}")
        rule = (f"{value_column.label} divided by {per_column.label.lower()}, both as printed in the source. "
                "Rows with an unknown value are left out.")
    else:
        metric_label = render.column_heading(value_column)
        fmt = lambda v: render.format_value(v, value_column.unit)
        rule = f"{value_column.label} as printed in the source. Rows with an unknown value are left out."
    caption = caption or f"{chosen.title}: ranked by {metric_label.lower()}"
    rows = [(r.rank, bool(r.tied), name(r.id), fmt(r.value), None) for r in table.itertuples()]
    notes = [rule, "= marks a shared rank.", f"Source: {chosen.source.document}, {chosen.source.section or chosen.source.date}."]
    html = render.render_ranked_table(rows, caption, by_column.label, metric_label, notes)
    return html + register_export(hub, page_uri, export_id("league", dataset, metric, per),
                                  ExportTable(caption, table[["rank", "id", "value"]], notes, source=chosen.source, units={
                                      "rank": "rank", **({"value": value_column.unit} if not per_column else
                                                         {"value": "ratio"})}))


def chart(hub, page_uri: str, dataset: str, label: str, values, title: str | None = None) -> str:
    """A bar chart of dataset columns as inline SVG, with the data table beside it, e.g.
    `{{ chart("em-iep-srp-savings-2008-11", label="srp", values=["delivered_savings", "total_potential_savings"]) }}`."""
    chosen = _dataset(hub, "chart", dataset)
    check_choice("chart", "label", label, [c.id for c in chosen.columns])
    values = [values] if isinstance(values, str) else list(values)
    columns = [_numeric_column("chart", chosen, v) for v in values]
    units = {c.unit for c in columns}
    if len(units) > 1:
        raise MacroError(f"chart: the columns {values} have different units ({', '.join(sorted(units))}); chart one unit at a time")
    unit = render.UNIT_LABELS.get(columns[0].unit, "")
    labels = [str(row.get(label)) for row in chosen.rows]
    series = {c.label: [row.get(c.id) for row in chosen.rows] for c in columns}
    title = title or f"{chosen.title} ({unit})"
    description = "; ".join(
        f"{lab}: " + ", ".join(f"{name} {render.format_value(series[name][i], columns[0].unit)}" for name in series)
        for i, lab in enumerate(labels))
    svg = render.render_bar_chart(title, labels, series, unit, description)
    head = f'<th scope="col">{render.esc(chosen.column(label).label)}</th>' + "".join(
        f'<th scope="col">{render.esc(render.column_heading(c))}</th>' for c in columns)
    body = "".join(
        f'<tr><th scope="row">{render.esc(lab)}</th>' + "".join(
            f'<td class="hub-num">{render.esc(render.format_value(series[c.label][i], c.unit))}</td>' for c in columns) + "</tr>"
        for i, lab in enumerate(labels))
    table = (f'<table class="hub-table">\n<caption>Data for the chart: {render.esc(title)}</caption>\n'
             f"<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>\n")
    return (f'<figure class="hub-figure">\n{svg}<figcaption>{render.esc(title)}. '
            f"Source: {render.render_source_line(chosen.source)}</figcaption>\n</figure>\n{table}"
            + render.render_downloads(page_uri, f"datasets/{dataset}.csv", f"datasets/{dataset}.json", "this dataset"))


MACROS = [case_study_list, case_study_count, savings_summary, savings_table, league_table, headline, savings_by_kind,
          dataset_table, dataset_figure, dataset_league, chart]
