"""Table components: ranked tables (leagues), datasets with their totals, dataset rows naming a council, and the data
behind a chart. Accessible (caption, header cells with scope) and escaped."""

from __future__ import annotations

from ...content import models
from ...figures.reconciliation import TotalCheck, decimals
from ..format import UNKNOWN, describe_column, format_number, format_value
from .text import esc, render_notes, render_register_name, render_source_line


SHARED_RANK = "= marks a shared rank."


def shared_rank_notes(tied) -> list[str]:
    """The note explaining '=' under a ranked table, only where a rank shown is shared."""
    return [SHARED_RANK] if any(bool(value) for value in tied) else []


def render_ranked_table(rows, caption: str, entity_heading: str, metric_heading: str, notes: list[str],
                        extra_heading: str | None = None) -> str:
    """An accessible ranked table; rows are (rank, tied, name_html, value_text, extra_text)."""
    head = (f'<th scope="col">Rank</th><th scope="col">{esc(entity_heading)}</th>'
            f'<th scope="col">{esc(metric_heading)}</th>' + (f'<th scope="col">{esc(extra_heading)}</th>' if extra_heading else ""))
    body = []
    for rank, tied, name, value, extra in rows:
        rank_text = f"={rank}" if tied else str(rank)
        body.append(f'<tr><td class="hub-num">{rank_text}</td><th scope="row">{name}</th>'
                    f'<td class="hub-num">{esc(value)}</td>' + (f'<td class="hub-num">{esc(extra)}</td>' if extra_heading else "") + "</tr>")
    return (f'<table class="hub-table hub-league">\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n" + render_notes(notes))


def render_cell(column: models.Column, value, hub, from_uri: str | None = None) -> str:
    """A dataset cell's text: 'unknown' marked as such, a register id as its name (linked to its page from
    `from_uri`, where it has one), a figure as printed."""
    if value is None:
        return f'<span class="hub-unknown">{UNKNOWN}</span>'
    if column.ref:
        return render_register_name(hub, from_uri, column.ref, value) if from_uri is not None \
            else esc(hub.registers[column.ref][value].name)
    return esc(format_value(value, column.unit))


def render_column_heads(dataset: models.Dataset) -> str:
    return "".join(f'<th scope="col">{esc(describe_column(c))}</th>' for c in dataset.columns)


def render_index_table(rows, headings: list[str], caption: str) -> str:
    """An index page's table: each row's first cell (HTML, usually the link to its page) heads the row; a number
    is right-aligned with its thousands separated; other cells are HTML, escaped by the caller."""
    def cell(value) -> tuple[str, str]:
        return (f"{value:,}", ' class="hub-num"') if isinstance(value, int) else (str(value), "")

    head = "".join(f'<th scope="col">{esc(heading)}</th>' for heading in headings)
    body = []
    for row in rows:
        (first, _), *rest = [cell(value) for value in row]
        body.append(f'<tr><th scope="row">{first}</th>'
                    + "".join(f"<td{attributes}>{text}</td>" for text, attributes in rest) + "</tr>")
    return (f'<table class="hub-table">\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n")


def render_dataset_table(dataset: models.Dataset, checks: list[TotalCheck], hub, from_uri: str) -> str:
    """A dataset as an accessible table: caption, header cells, units, computed beside stated totals."""
    head = render_column_heads(dataset)
    body = []
    first = dataset.columns[0]
    for row in dataset.rows:
        cells = []
        for column in dataset.columns:
            text = render_cell(column, row.get(column.id), hub, from_uri)
            cls = ' class="hub-num"' if column.numeric else ""
            tag = "th scope=\"row\"" if column is first else "td"
            cells.append(f"<{tag}{cls}>{text}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    foot = render_dataset_totals(dataset, checks)
    source = render_source_line(dataset.source)
    notes = "".join(
        f'<p class="hub-note"><strong>Discrepancy in the source ({esc(dataset.column(d.column).label)}):</strong> '
        f"{esc(d.explanation)}</p>\n" for d in dataset.discrepancies
    )
    unknown_note = ""
    if any(check.unknown for check in checks):
        unknown_note = ('<p class="hub-note">"unknown" marks a value the source leaves blank, as "?" or "-": '
                        'it is not zero, and a total over it is a lower bound ("at least").</p>\n')
    return (
        f'<table class="hub-table hub-dataset" id="table-{esc(dataset.id)}">\n<caption>{esc(dataset.title)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + f"\n</tbody>\n{foot}</table>\n"
        f'<p class="hub-source">Source: {source}</p>\n' + notes + unknown_note
    )


def render_dataset_totals(dataset: models.Dataset, checks: list[TotalCheck]) -> str:
    """The table's foot: a total computed from the rows only under columns that add, the reason in place of one
    under a column that does not, and every total the source prints, as printed."""
    by_column = {check.column: check for check in checks}
    computed_row = any(check.additive and check.computed is not None for check in checks) or any(
        column.no_total for column in dataset.columns)
    stated_row = any(check.stated is not None for check in checks)
    if not (computed_row or stated_row):
        return ""
    computed_cells, stated_cells = [], []
    for column in dataset.columns:
        check = by_column.get(column.id)
        if check is None:
            computed_cells.append("<td></td>")
            stated_cells.append("<td></td>")
            continue
        places = max([decimals(v) for v in [check.stated] if v is not None] +
                     [decimals(r[column.id]) for r in dataset.rows if r.get(column.id) is not None] + [0])
        if not check.additive:
            computed_cells.append(f'<td class="hub-no-total">{esc(check.reason)}</td>')
        else:
            computed = "—" if check.computed is None else format_number(check.computed, places)
            if check.unknown and check.computed is not None:
                computed = f"at least {computed}"
            computed_cells.append(f'<td class="hub-num hub-total">{computed}</td>')
        stated = "not printed" if check.stated is None else format_number(check.stated, decimals(check.stated))
        flag = ' <span class="hub-flag">(differs: see note)</span>' if check.status == "discrepancy" else ""
        stated_cells.append(f'<td class="hub-num">{stated}{flag}</td>')
    computed_cells[0] = '<th scope="row">Total (computed from the rows)</th>'
    stated_cells[0] = '<th scope="row">Total (as printed in the source)</th>'
    rows = ([computed_cells] if computed_row else []) + ([stated_cells] if stated_row else [])
    return "<tfoot>" + "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows) + "</tfoot>\n"


def render_dataset_rows(dataset: models.Dataset, rows: list[dict], hub, name: str) -> str:
    """Some rows of a dataset, as a page about what they name shows them: 'Savings by area: rows naming Blaby'."""
    head = render_column_heads(dataset)
    body = []
    for row in rows:
        cells = []
        for column in dataset.columns:
            cls = ' class="hub-num"' if column.numeric else ""
            cells.append(f"<td{cls}>{render_cell(column, row.get(column.id), hub)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="hub-table hub-mentions">\n<caption>{esc(dataset.title)}: rows naming {esc(name)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n")


def render_chart_table(title: str, label_heading: str, labels: list[str], columns: list[models.Column],
                       series: dict[str, list]) -> str:
    """The figures behind a chart, as a table beside it."""
    head = f'<th scope="col">{esc(label_heading)}</th>' + "".join(
        f'<th scope="col">{esc(describe_column(c))}</th>' for c in columns)
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th>' + "".join(
            f'<td class="hub-num">{esc(format_value(series[c.label][i], c.unit))}</td>' for c in columns) + "</tr>"
        for i, label in enumerate(labels))
    return (f'<table class="hub-table">\n<caption>Data for the chart: {esc(title)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>\n")
