"""Open data: every dataset and every computed table a page shows, written as CSV and JSON beside the pages, with
the download links under each table."""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..content import models
from ..content.slugs import slugify
from ..figures.reconciliation import TotalCheck
from .html.text import render_downloads
from .urls import dataset_downloads, export_downloads

# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection): these first characters, also after
# leading spaces and in their full-width forms (＝, ＋, －, ＠, ｜), which some spreadsheets fold.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "|")
FORMULA_STARTS = ("\t", "\r", "\n")  # a cell starting with these is neutralised whatever follows


def is_formula(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    return folded.startswith(FORMULA_STARTS) or folded.lstrip().startswith(FORMULA_TRIGGERS)


def neutralise_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers are left alone."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def frame_to_csv(frame: pd.DataFrame) -> str:
    """RFC 4180 CSV that spreadsheets open safely: every text cell quoted (a line break inside one stays inside
    it), CRLF line endings, formulas neutralised, numbers left as numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    return buffer.getvalue()


def _json_value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


@dataclass
class ExportTable:
    """A computed table shown on a page, with what it is and where its figures come from."""

    title: str
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # column -> unit (models.UNITS), for the Data Package
    source: models.SourceRef | None = None               # a dataset's source; None: computed from the case studies

    def as_json(self) -> str:
        records = [{k: _json_value(v) for k, v in row.items()} for row in self.frame.to_dict(orient="records")]
        return json.dumps({"title": self.title, "notes": self.notes, "rows": records}, indent=2, ensure_ascii=False)


def dataset_frame(dataset: models.Dataset) -> pd.DataFrame:
    return pd.DataFrame([{c.id: row.get(c.id) for c in dataset.columns} for row in dataset.rows],
                        columns=[c.id for c in dataset.columns])


def dataset_json(dataset: models.Dataset, checks: list[TotalCheck]) -> str:
    document = {
        "id": dataset.id, "title": dataset.title, "partnership": dataset.partnership, "programme": dataset.programme,
        "period": dataset.period.model_dump(exclude_none=True), "source": dataset.source.model_dump(exclude_none=True),
        "description": dataset.description,
        "columns": [c.model_dump(exclude_none=True) for c in dataset.columns],
        "rows": [{c.id: row.get(c.id) for c in dataset.columns} for row in dataset.rows],
        # A computed total only for a column that adds; for any other, why not, and the printed total as printed.
        "totals": [{"column": check.column, "additive": check.additive, "computed": check.computed,
                    "unknown_values": check.unknown, "stated": check.stated, "status": check.status,
                    **({} if check.additive else {"not_added": check.reason})} for check in checks],
        "discrepancies": [d.model_dump() for d in dataset.discrepancies],
        "notes": dataset.notes,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def name_export(*parts, **filters) -> str:
    """A computed table's id, which names its files: what it shows and the filters it was computed under."""
    words = [str(p) for p in parts if p not in (None, "")] + [f"{k}-{v}" for k, v in sorted(filters.items()) if v is not None]
    return slugify("-".join(words))


def export_table(hub, page_uri: str, export_id: str, table: ExportTable) -> str:
    """Register a table a page shows, to be written when the build ends; the download links to put under it."""
    hub.exports[export_id] = table
    return render_downloads(page_uri, *export_downloads(export_id))


def write_exports(hub, site_dir: Path) -> None:
    for dataset_id, dataset in hub.datasets.items():
        csv_path, json_path = dataset_downloads(dataset_id)
        (site_dir / csv_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / csv_path).write_text(frame_to_csv(dataset_frame(dataset)), encoding="utf-8")
        (site_dir / json_path).write_text(dataset_json(dataset, hub.totals[dataset_id]), encoding="utf-8")
    for export_id, table in hub.exports.items():
        csv_path, json_path = export_downloads(export_id)
        (site_dir / csv_path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / csv_path).write_text(frame_to_csv(table.frame), encoding="utf-8")
        (site_dir / json_path).write_text(table.as_json(), encoding="utf-8")
