"""The smallest HTML components: escaped text, links (a register entry's name linked to its page where it has one),
notes, a source's citation, and the download links under a table."""

from __future__ import annotations

import html
import re

from ...content import models
from .. import urls
from ..format import format_partial_date


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def render_paragraphs(text: str | None) -> str:
    """Plain text as paragraphs, one for each run of lines between blank lines."""
    return "".join(f"<p>{esc(part.strip())}</p>\n" for part in re.split(r"\n\s*\n", text or "") if part.strip())


def render_link(text: str, address: str) -> str:
    return f'<a href="{esc(address)}">{esc(text)}</a>'


def render_register_name(hub, from_uri: str, register: str, item_id: str) -> str:
    """A register entry's name, linked to its page where it has one (programmes and regions have none)."""
    name = hub.registers[register][item_id].name
    if register not in urls.REGISTERS_WITH_PAGES:
        return esc(name)
    return render_link(name, urls.href(from_uri, urls.register_page(register, item_id)))


def render_notes(notes: list[str]) -> str:
    return "".join(f'<p class="hub-note">{esc(note)}</p>\n' for note in notes)


def render_source_line(source: models.SourceRef) -> str:
    """'<cite>Board pack</cite>, 12 April 2011, Item 6 (address)': the date in words, once — left out where the
    document's title already gives it ('Board meeting pack, 12 April 2011')."""
    parts = [f"<cite>{esc(source.document)}</cite>"]
    if (date := format_partial_date(source.date)) not in source.document:
        parts.append(esc(date))
    if source.section:
        parts.append(esc(source.section))
    text = ", ".join(parts)
    if source.url:
        text += f' (<a href="{esc(source.url)}">{esc(source.url)}</a>)'
    return text


def render_downloads(from_uri: str, csv_path: str, json_path: str, what: str = "this table") -> str:
    return (f'<p class="hub-downloads">Download {esc(what)} as open data: '
            f'<a href="{esc(urls.file_href(from_uri, csv_path))}" download>CSV</a> · '
            f'<a href="{esc(urls.file_href(from_uri, json_path))}" download>JSON</a></p>\n')


def render_datapackage_note(from_uri: str) -> str:
    """What the Data Package is, in two sentences, linked from the data pages."""
    package = esc(urls.file_href(from_uri, urls.DATA_PACKAGE))
    case_studies = esc(urls.file_href(from_uri, urls.CASE_STUDY_TABLE))
    return (f'<p class="hub-datapackage">All the hub\'s open data is described in one '
            f'<a href="{package}">Frictionless Data Package</a>: every CSV it publishes — each dataset below, the '
            f'<a href="{case_studies}">table of all case studies and their savings</a> and the tables computed on its '
            "pages — with each column's type and unit, an empty cell marked as unknown rather than zero, and the "
            "source document it comes from. Frictionless tools in Python and R, and other software that reads Data "
            "Packages, load the tables from it with the right types and check them against that description.</p>\n")
