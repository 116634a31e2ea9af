"""Savings table components: a case study's savings as stated, savings by basis and status, by kind and basis, and
by partnership, theme or council. Bases, kinds and statuses stay in columns of their own: never added."""

from __future__ import annotations

import pandas as pd

from ...content import models
from ...figures import attribution
from ...figures.leagues import ENTITY_HEADINGS, EntitySavings
from ...figures.savings import BASIS_LABELS, KIND_LABELS, STATUS_LABELS, TYPE_LABELS, summarise_savings
from ..format import describe_basis, format_money, format_partial_date, plural, years_words
from .. import urls
from .text import esc, render_link, render_notes

# The order a reader compares savings in: a year, once, over a period.
BASIS_COLUMNS = {"per-year": "A year", "one-off": "One-off", "total": "Total over a period"}


def describe_credit(case_study: models.CaseStudy, saving: models.Saving, hub, from_uri: str) -> str:
    """Whom a saving is credited to, as HTML: the councils it names, linked; none for a saving of the whole area."""
    councils = attribution.saving_authorities(case_study, saving)
    if not councils:
        area = f"{esc(hub.area_name(case_study.area))} as a whole" if case_study.area else "the area as a whole"
        return f"No council: the source gives it for {area}"
    if not attribution.credit_differs(case_study, saving):
        return "Every council named"
    return ", ".join(render_link(hub.authorities[a].name, urls.href(from_uri, urls.register_page("authorities", a)))
                     for a in case_study.authorities if a in councils)


def render_savings_list(case_study: models.CaseStudy, hub=None, from_uri: str = "") -> str:
    """A case study's savings as an accessible table: each entry with the source's words, type, status and basis,
    and whom it is credited to where a saving is credited otherwise than to every council the case study names."""
    credit = hub is not None and any(attribution.credit_differs(case_study, s) for s in case_study.savings)
    rows = []
    for saving in case_study.savings:
        printed = (f'<td class="hub-quote">Printed as “{esc(saving.quote)}”</td>' if saving.quote
                   else '<td class="hub-quote">—</td>')
        credited = f"<td>{describe_credit(case_study, saving, hub, from_uri)}</td>" if credit else ""
        rows.append(
            f"<tr><td class=\"hub-num\">{esc(format_money(saving.amount, exact=True))}</td>{printed}"
            f"<td>{TYPE_LABELS[saving.type]}</td><td>{STATUS_LABELS[saving.status]}</td>"
            f"<td>{esc(describe_basis(saving))}</td>{credited}<td>{esc(saving.note or '')}</td></tr>"
        )
    credit_head = '<th scope="col">Credited to</th>' if credit else ""
    credit_note = ('<p class="hub-note">Credited to: the councils the source gives each saving for. A saving is '
                   "counted on their pages and in the leagues, and one the source gives for the area as a whole is "
                   "counted for no council.</p>\n") if credit else ""
    return (
        '<table class="hub-table">\n<caption>Savings reported for this project, as stated in the source</caption>\n'
        '<thead><tr><th scope="col">Amount</th><th scope="col">In the source</th><th scope="col">Type</th>'
        f'<th scope="col">Status</th><th scope="col">Basis</th>{credit_head}<th scope="col">What it is</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n" + credit_note
    )


def render_savings_summary(savings: pd.DataFrame, caption: str) -> str:
    """Delivered and forecast savings by basis; one-off, per-year and period totals are never added."""
    if savings.empty:
        return f"<p class=\"hub-note\">{esc(caption)}: no savings figures have been reported.</p>\n"
    sums, counts = summarise_savings(savings)
    body = []
    for basis, label in BASIS_LABELS.items():
        cells = []
        for status in STATUS_LABELS:
            count = int(counts.at[basis, status])
            text = f"{format_money(sums.at[basis, status])} <span class=\"hub-count\">({plural(count, 'figure', 'figures')})</span>" if count else "—"
            cells.append(f"<td class=\"hub-num\">{text}</td>")
        body.append(f"<tr><th scope=\"row\">{label}</th>{''.join(cells)}</tr>")
    return (
        f'<table class="hub-table">\n<caption>{esc(caption)}</caption>\n'
        '<thead><tr><th scope="col">Basis</th><th scope="col">Delivered</th><th scope="col">Forecast</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
        '<p class="hub-note">One-off amounts, amounts a year and totals over a period are shown apart and never '
        "added together. Forecasts are never counted as delivered.</p>\n"
    )


def render_savings_by_kind(sums: pd.DataFrame, counts: pd.DataFrame, caption: str, notes: list[str],
                           href_of) -> str:
    """Savings of one status by kind (rows) and basis (columns), each figure linked (`href_of(kind, basis)`) to the
    case studies it counts, with their number."""
    head = '<th scope="col">Kind</th>' + "".join(f'<th scope="col">{label}</th>' for label in BASIS_COLUMNS.values())
    body = []
    for kind, label in KIND_LABELS.items():
        cells = []
        for basis in BASIS_COLUMNS:
            count = int(counts.at[kind, basis])
            if not count:
                cells.append('<td class="hub-num">—</td>')
                continue
            cells.append(f'<td class="hub-num"><a href="{esc(href_of(kind, basis))}">{format_money(sums.at[kind, basis])}</a>'
                         f' <span class="hub-count">({plural(count, "case study", "case studies")})</span></td>')
        body.append(f'<tr><th scope="row">{esc(label)}</th>{"".join(cells)}</tr>')
    return (f'<table class="hub-table hub-savings-by-kind">\n<caption>{esc(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
            + render_notes(notes))


def render_entity_savings(by: str, entities: list[tuple[str, str]], savings: EntitySavings, counts: pd.Series,
                          caption: str, notes: list[str]) -> str:
    """Savings by entity, delivered and forecast apart, each basis in its own column; `entities` are (id, name as
    HTML) in the order shown, `counts` their case studies."""
    head_top = ('<tr><th scope="col" rowspan="2">' + ENTITY_HEADINGS[by] + '</th>'
                '<th scope="colgroup" colspan="3">Delivered</th><th scope="colgroup" colspan="3">Forecast</th>'
                '<th scope="col" rowspan="2">Case studies</th></tr>')
    columns = [(status, basis) for status in STATUS_LABELS for basis in BASIS_LABELS]
    head_sub = "<tr>" + "".join(f'<th scope="col">{BASIS_LABELS[b]}</th>' for _, b in columns) + "</tr>"
    rows = []
    for entity_id, name in entities:
        values = [savings.amount(entity_id, status, basis) for status, basis in columns]
        cells = "".join(f'<td class="hub-num">{"—" if v is None else format_money(v)}</td>' for v in values)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}<td class="hub-num">{int(counts[entity_id])}</td></tr>')
    return (f'<table class="hub-table">\n<caption>{esc(caption)}</caption>\n<thead>{head_top}{head_sub}</thead>\n'
            "<tbody>\n" + "\n".join(rows) + f'\n</tbody>\n</table>\n{render_notes(notes)}')


def render_largest_savings(case_studies: list[models.CaseStudy], largest: pd.DataFrame, caption: str,
                           from_uri: str) -> str:
    """The case studies with the largest delivered savings on one basis (`savings.largest_delivered_savings`; the
    caption names the basis), each linked, with its amount, kind and when the source reported it."""
    rows = []
    for case_study, saving in zip(case_studies, largest.itertuples()):
        link = render_link(case_study.title, urls.href(from_uri, urls.case_study_page(case_study.slug)))
        years = f" over {years_words(int(saving.years))}" if pd.notna(saving.years) and saving.years else ""
        rows.append(f'<tr><th scope="row">{link}</th><td class="hub-num">{esc(format_money(saving.amount, exact=True))}'
                    f'{esc(years)}</td><td>{esc(TYPE_LABELS[saving.type])}</td>'
                    f'<td>{esc(format_partial_date(case_study.source.date))}</td></tr>')
    return (f'<table class="hub-table hub-largest">\n<caption>{esc(caption)}</caption>\n'
            '<thead><tr><th scope="col">Case study</th><th scope="col">Largest delivered saving</th>'
            '<th scope="col">Kind</th><th scope="col">Reported</th></tr></thead>\n<tbody>\n' + "\n".join(rows)
            + "\n</tbody>\n</table>\n")
