"""Page macros over the datasets: a dataset's table, one of its figures, its rows ranked, and a chart of its
columns. Each takes the Hub and the page's source path first (`site/macros.py` binds them)."""

from __future__ import annotations

from ..figures import leagues
from .exports import ExportTable, export_table, name_export
from .format import UNIT_LABELS, describe_column, format_in_unit, format_partial_date, format_return, format_value
from .html.charts import render_bar_chart, render_headline
from .html.tables import render_chart_table, render_dataset_table, render_ranked_table, shared_rank_notes
from .html.text import esc, render_downloads, render_register_name, render_source_line
from .macro_arguments import MacroError, check_choice
from .urls import dataset_downloads


def _dataset(hub, macro: str, dataset: str):
    check_choice(macro, "dataset", dataset, list(hub.datasets))
    return hub.datasets[dataset]


def dataset_table(hub, page_uri: str, dataset: str) -> str:
    """A dataset as an accessible table with its totals and source, e.g. `{{ dataset_table("em-iep-srp-savings-2008-11") }}`."""
    chosen = _dataset(hub, "dataset_table", dataset)
    html = render_dataset_table(chosen, hub.totals[dataset], hub, page_uri)
    return html + render_downloads(page_uri, *dataset_downloads(dataset), "this dataset")


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
            text = prefix + format_in_unit(value, col.unit)
            default = f"{col.label}, total"
        elif check.stated is not None:
            text = format_in_unit(check.stated, col.unit)
            default = f"{col.label}, total as printed in the source"
        else:
            raise MacroError(f"dataset_figure: column {column!r} of {dataset!r} has no total ({check.reason}) and "
                             "the source prints none — show one row's value with row=, or the table")
    else:
        labels = [str(r.get(key)) for r in chosen.rows]
        check_choice("dataset_figure", "row", row, labels)
        value = chosen.rows[labels.index(row)].get(column)
        text = format_in_unit(value, col.unit)
        default = f"{col.label}, {row}"
    return render_headline(text, label or default, render_source_line(chosen.source))


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
        return render_register_name(hub, page_uri, by_column.ref, value) if by_column.ref else esc(value)

    if per_column:
        metric_label = f"{value_column.label} per {per_column.label.lower()}"
        same_unit = value_column.unit == per_column.unit
        fmt = format_return if same_unit and (value_column.unit or "").startswith("GBP") else \
            (lambda v: f"{v:,.2%}" if same_unit else f"{v:,.3g}")
        rule = (f"{value_column.label} divided by {per_column.label.lower()}, both as printed in the source. "
                "Rows with an unknown value are left out.")
    else:
        metric_label = describe_column(value_column)
        fmt = lambda v: format_value(v, value_column.unit)
        rule = f"{value_column.label} as printed in the source. Rows with an unknown value are left out."
    caption = caption or f"{chosen.title}: ranked by {metric_label.lower()}"
    rows = [(r.rank, bool(r.tied), name(r.id), fmt(r.value), None) for r in table.itertuples()]
    notes = [rule, *shared_rank_notes(table["tied"]),
             f"Source: {chosen.source.document}, {chosen.source.section or format_partial_date(chosen.source.date)}."]
    html = render_ranked_table(rows, caption, by_column.label, metric_label, notes)
    return html + export_table(hub, page_uri, name_export("league", dataset, metric, per),
                               ExportTable(caption, table[["rank", "id", "value"]], notes, source=chosen.source, units={
                                   "rank": "rank", "value": value_column.unit if not per_column else "ratio"}))


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
    unit = UNIT_LABELS.get(columns[0].unit, "")
    labels = [str(row.get(label)) for row in chosen.rows]
    series = {c.label: [row.get(c.id) for row in chosen.rows] for c in columns}
    title = title or f"{chosen.title} ({unit})"
    description = "; ".join(
        f"{lab}: " + ", ".join(f"{name} {format_value(series[name][i], columns[0].unit)}" for name in series)
        for i, lab in enumerate(labels))
    svg = render_bar_chart(title, labels, series, unit, description)
    table = render_chart_table(title, chosen.column(label).label, labels, columns, series)
    return (f'<figure class="hub-figure">\n{svg}<figcaption>{esc(title)}. '
            f"Source: {render_source_line(chosen.source)}</figcaption>\n</figure>\n{table}"
            + render_downloads(page_uri, *dataset_downloads(dataset), "this dataset"))
