"""Dataset rows that name an authority or sub-region, for their browse pages: where a dataset and a case study meet."""

from __future__ import annotations

from collections import defaultdict

from ..content import models
from ..site.html.tables import column_heading, dataset_uri, esc, escape_md, format_value, md_link

_computed: tuple[object, dict] = (None, {})


def index_mentions(datasets) -> dict[tuple[str, str], list[tuple[models.Dataset, list[dict]]]]:
    """(register, id) -> [(dataset, its rows naming that id)], datasets in id order, rows in source order."""
    found: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for dataset in datasets:
        for column in dataset.columns:
            if column.ref not in ("authorities", "sub_regions"):
                continue
            for row in dataset.rows:
                value = row.get(column.id)
                if value:
                    rows = found[(column.ref, value)].setdefault(dataset.id, [])
                    if row not in rows:
                        rows.append(row)
    by_id = {d.id: d for d in datasets}
    return {key: [(by_id[d], rows) for d, rows in sorted(entries.items())] for key, entries in found.items()}


def mentions_for(hub) -> dict:
    """The mention index of the whole Hub, built once per Hub."""
    global _computed
    if _computed[0] is not hub:
        _computed = (hub, index_mentions(list(hub.datasets.values())))
    return _computed[1]


def render_rows(dataset: models.Dataset, rows: list[dict], hub, name: str) -> str:
    head = "".join(f'<th scope="col">{esc(column_heading(c))}</th>' for c in dataset.columns)
    body = []
    for row in rows:
        cells = []
        for column in dataset.columns:
            value = row.get(column.id)
            if value is None:
                text = '<span class="hub-unknown">unknown</span>'
            elif column.ref:
                text = esc(hub.registers[column.ref][value].name)
            else:
                text = esc(format_value(value, column.unit))
            cls = ' class="hub-num"' if column.numeric else ""
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="hub-table hub-mentions">\n<caption>{esc(dataset.title)}: rows naming {esc(name)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n")


def render_mentions(hub, register: str, item_id: str, from_uri: str) -> str:
    """A 'In the datasets' section: every dataset row naming this authority or sub-region, with its dataset linked."""
    entries = mentions_for(hub).get((register, item_id), [])
    if not entries:
        return ""
    name = hub.registers[register][item_id].name
    parts = [f"## In the datasets\n\nRows of the partnerships' published tables that name {escape_md(name)}. "
             "Each table links to its dataset, where its source and totals are shown.\n\n"]
    for dataset, rows in entries:
        parts.append(f"### {md_link(dataset.title, from_uri, dataset_uri(dataset.id))}\n\n"
                     + render_rows(dataset, rows, hub, name) + "\n")
    return "".join(parts)
