"""Dataset pages: each table of figures a partnership printed, with its totals, source and downloads, and the index
of them all with the Data Package that describes the open data."""

from __future__ import annotations

from .format import describe_period
from .html.tables import render_dataset_table, render_index_table
from .html.text import esc, render_datapackage_note, render_downloads, render_link, render_paragraphs
from .markdown import GeneratedPage, escape_md, page_header
from .passthrough import html_block
from .search import render_dataset_search_data
from .urls import DATASETS, dataset_downloads, dataset_page, href, register_page


def dataset_pages(hub) -> list[GeneratedPage]:
    pages = []
    for dataset in hub.datasets.values():
        uri = dataset_page(dataset.id)
        partnership = hub.partnerships[dataset.partnership]
        intro = render_paragraphs(dataset.description)
        facts = (f"<p><strong>Partnership:</strong> "
                 f"{render_link(partnership.name, href(uri, register_page('partnerships', partnership.id)))}<br>\n"
                 f"<strong>Period:</strong> {esc(describe_period(dataset.period))}</p>\n")
        notes = render_paragraphs(dataset.notes)
        table = render_dataset_table(dataset, hub.totals[dataset.id], hub, uri) + render_downloads(
            uri, *dataset_downloads(dataset.id), "this dataset")
        pages.append(GeneratedPage(uri, page_header(dataset.title, dataset.description or dataset.title, "dataset")
                                   + f"# {escape_md(dataset.title)}\n"
                                   + html_block(intro + facts + table + notes + render_dataset_search_data(dataset, hub))))
    rows = [(render_link(d.title, href(DATASETS, dataset_page(d.id))), esc(hub.partnerships[d.partnership].short_name),
             esc(describe_period(d.period)), len(d.rows)) for d in hub.datasets.values()]
    pages.append(GeneratedPage(DATASETS, page_header("Data", "The published figures of each programme.", "index")
                               + "# Data\n" + html_block(
                                   "<p>The tables of figures published in the partnerships' reports, with units, "
                                   "unknown values kept unknown and totals checked against those printed.</p>\n"
                                   + render_datapackage_note(DATASETS)
                                   + render_index_table(rows, ["Dataset", "Partnership", "Period", "Rows"],
                                                        "Every dataset in the hub."))))
    return pages
