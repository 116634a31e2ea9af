"""The open data as a Frictionless Data Package (exports/datapackage.json): every published CSV with its Table
Schema — field types, units, empty cells as unknown, the source document — and the table of all case studies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from ..content import models
from ..content.slugs import SLUG_PATTERN
from ..figures import attribution
from . import urls
from .exports import ExportTable, frame_to_csv
from .format import describe_period

MISSING = [""]                            # an empty cell is unknown (or, in the case-study table, not stated): never 0
ID_LIST = "ids separated by ';'"
UNIT_WORDS = {"GBP": "pounds", "GBP thousand": "thousands of pounds", "GBP million": "millions of pounds",
              "count": "a count", "percent": "a percentage", "score": "a score", "ratio": "a ratio", "rank": "a rank",
              "rate": "a rate"}


# --- The table of all case studies ----------------------------------------------------------------------------

def case_study_frame(hub, site_url: str = "") -> pd.DataFrame:
    """One row for each saving a published case study states; a case study stating none has one row whose saving
    columns are empty. Ids are the registers' (data/*.yaml)."""
    rows = []
    for cs in hub.case_studies.values():
        base = {
            "slug": cs.slug, "title": cs.title,
            "url": urls.case_study_url(site_url, cs.slug) if site_url else inside_package(urls.served_path(
                urls.case_study_page(cs.slug))),
            "partnership": cs.partnership, "programme": cs.programme,
            "authorities": ";".join(cs.authorities) or None, "area": cs.area, "themes": ";".join(cs.themes),
            "published": cs.published.isoformat(), "updated": cs.updated.isoformat() if cs.updated else None,
            "period_start": cs.period.start if cs.period else None, "period_end": cs.period.end if cs.period else None,
            "investment": cs.investment,
        }
        source = {"source_document": cs.source.document, "source_date": cs.source.date,
                  "source_section": cs.source.section, "source_url": cs.source.url}
        savings = [{"saving_number": number, "saving_amount": s.amount, "saving_type": s.type,
                    "saving_status": s.status, "saving_basis": s.basis, "saving_years": s.years,
                    "saving_credited_to": ";".join(a for a in cs.authorities
                                                   if a in attribution.saving_authorities(cs, s)) or None,
                    "saving_quote": s.quote, "saving_note": s.note} for number, s in enumerate(cs.savings, start=1)]
        for saving in savings or [dict.fromkeys(SAVING_COLUMNS)]:
            rows.append({**base, **saving, **source})
    frame = pd.DataFrame(rows, columns=[field["name"] for field in CASE_STUDY_FIELDS])
    for column in ("investment", "saving_number", "saving_amount", "saving_years"):
        frame[column] = frame[column].astype("Int64")  # whole numbers stay whole; unknown stays empty
    return frame


def _enum(values) -> dict:
    return {"enum": sorted(values)}


SAVING_COLUMNS = ("saving_number", "saving_amount", "saving_type", "saving_status", "saving_basis", "saving_years",
                  "saving_credited_to", "saving_quote", "saving_note")
CASE_STUDY_FIELDS = [
    {"name": "slug", "type": "string",
     "description": f"the case study's permanent id: its address is {urls.case_study_path('', '<slug>')}",
     "constraints": {"required": True, "pattern": SLUG_PATTERN.pattern.strip("^$")}},
    {"name": "title", "type": "string", "constraints": {"required": True}},
    {"name": "url", "type": "string", "format": "uri", "description": "the case study's page on the hub"},
    {"name": "partnership", "type": "string", "description": "an id in data/partnerships.yaml"},
    {"name": "programme", "type": "string", "description": "an id in data/programmes.yaml; empty if none is named"},
    {"name": "authorities", "type": "string", "description": f"the councils the source names as taking part: {ID_LIST} "
     "(data/authorities.yaml); empty for area-wide work that names none"},
    {"name": "area", "type": "string", "description": "the region or sub-region of area-wide work (data/regions.yaml, "
     "data/sub_regions.yaml); empty if the source names the councils only"},
    {"name": "themes", "type": "string", "description": f"{ID_LIST} (data/themes.yaml)"},
    {"name": "published", "type": "date", "description": "the day the case study was added to the hub"},
    {"name": "updated", "type": "date", "description": "the day of its last change readers should know of"},
    {"name": "period_start", "type": "string", "description": "when the work started: YYYY or YYYY-MM"},
    {"name": "period_end", "type": "string", "description": "when the work ended: YYYY or YYYY-MM"},
    {"name": "investment", "type": "integer", "unit": "GBP",
     "description": "the grant or funding put in, in pounds; empty where the source does not state it"},
    {"name": "saving_number", "type": "integer", "description": "which of the case study's savings this row gives "
     "(1, 2, …); empty when the case study states no saving"},
    {"name": "saving_amount", "type": "integer", "unit": "GBP", "description": "the saving as the source states it, "
     "in pounds; add only rows of the same type, status and basis"},
    {"name": "saving_type", "type": "string", "constraints": _enum(models.SAVING_TYPES), "description": (
        "cashable (the source says so), non-cashable, cost-avoidance, income, or unstated (the source gives the "
        "amount but not its kind)")},
    {"name": "saving_status", "type": "string", "constraints": _enum(models.SAVING_STATUSES),
     "description": "delivered or forecast: forecasts are never delivered savings"},
    {"name": "saving_basis", "type": "string", "constraints": _enum(models.SAVING_BASES),
     "description": "one-off, per-year (every year), or total (over saving_years years)"},
    {"name": "saving_years", "type": "integer", "unit": "count", "description": "the years a total covers"},
    {"name": "saving_credited_to", "type": "string", "description": (
        f"the councils this saving is credited to: {ID_LIST} (data/authorities.yaml), those of the case study's "
        "authorities the source gives it for (all of them unless the case study says otherwise); empty for a saving "
        "credited to no council — area-wide work, or a saving the source gives for an area as a whole — and when "
        "the case study states no saving. Add a council's savings from the rows naming it here")},
    {"name": "saving_quote", "type": "string", "description": "the source's own words giving the figure"},
    {"name": "saving_note", "type": "string", "description": "what the figure covers, in the source's words"},
    {"name": "source_document", "type": "string", "description": "the document every fact and figure comes from"},
    {"name": "source_date", "type": "string", "description": "when it was published: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"name": "source_section", "type": "string", "description": "where in it"},
    {"name": "source_url", "type": "string", "description": "where to find it"},
]


def case_study_schema(hub) -> dict:
    fields = [dict(field) for field in CASE_STUDY_FIELDS]
    allowed = {"partnership": hub.partnerships, "programme": hub.programmes,
               "area": [*hub.registers["regions"], *hub.registers["sub_regions"]]}
    for field in fields:
        if field["name"] in allowed:
            field["constraints"] = _enum(allowed[field["name"]])
    return {"fields": fields, "missingValues": MISSING}


# --- The datasets and the computed tables ---------------------------------------------------------------------

def dataset_schema(hub, dataset: models.Dataset) -> dict:
    fields = []
    for column in dataset.columns:
        field = {"name": column.id, "title": column.label, "type": "number" if column.numeric else "string"}
        if column.unit:
            field["unit"] = column.unit
            field["description"] = f"{column.label}, in {UNIT_WORDS[column.unit]}, as printed in the source"
        if column.ref:
            field["constraints"] = _enum(hub.registers[column.ref])
            field["description"] = f"an id in data/{column.ref}.yaml"
        fields.append(field)
    return {"fields": fields, "missingValues": MISSING}


def frame_schema(table: ExportTable) -> dict:
    fields = []
    for name, dtype in table.frame.dtypes.items():
        kind = ("boolean" if pd.api.types.is_bool_dtype(dtype) else "integer" if pd.api.types.is_integer_dtype(dtype)
                else "number" if pd.api.types.is_numeric_dtype(dtype) else "string")
        field = {"name": str(name), "type": kind}
        if str(name) in table.units:
            field["unit"] = table.units[str(name)]
        fields.append(field)
    return {"fields": fields, "missingValues": MISSING}


def describe_source(source: models.SourceRef) -> dict:
    title = ", ".join(part for part in (source.document, source.section, source.date) if part)
    return {"title": title, **({"path": source.url} if source.url else {})}


def inside_package(site_path: str) -> str:
    """A site path as the package names it: relative to its folder, which holds every file it describes."""
    return urls.folder_href(urls.EXPORTS + "/", site_path)


CASE_STUDY_TABLE = inside_package(urls.CASE_STUDY_TABLE)
CASE_STUDY_SOURCE = {"title": f"The hub's case studies, each citing its own source document ({CASE_STUDY_TABLE})",
                     "path": CASE_STUDY_TABLE}


def resource(name: str, path: str, title: str, description: str, schema: dict, sources: list[dict]) -> dict:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "title": title,
            "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema, "sources": sources}


def build_datapackage(hub, site_name: str = "", site_url: str = "") -> dict:
    """The package descriptor: the case-study table, every dataset, and every computed table this build wrote."""
    resources = [resource(
        "case-studies", CASE_STUDY_TABLE, "Case studies and their savings",
        "Every published case study: one row for each saving it states (a case study stating none has one row whose "
        "saving columns are empty). Amounts are pounds as the source states them; delivered and forecast, and "
        "one-off, per-year and total amounts, must not be added together.",
        case_study_schema(hub), [CASE_STUDY_SOURCE])]
    for dataset in hub.datasets.values():
        partnership = hub.partnerships[dataset.partnership].name
        description = (f"{dataset.description + ' ' if dataset.description else ''}Figures as printed in the source, "
                       f"{partnership}, {describe_period(dataset.period)}; an empty cell is a value the source leaves unknown.")
        resources.append(resource(dataset.id, inside_package(packaged_copy(dataset.id)), dataset.title, description,
                                  dataset_schema(hub, dataset), [describe_source(dataset.source)]))
    for export_id, table in sorted(hub.exports.items()):
        sources = [describe_source(table.source)] if table.source else [CASE_STUDY_SOURCE]
        resources.append(resource(export_id, inside_package(urls.export_downloads(export_id)[0]), table.title,
                                  " ".join(table.notes) or table.title,
                                  frame_schema(table), sources))
    names = [item["name"] for item in resources]
    if len(names) != len(set(names)):
        raise ValueError(f"two published tables share a name: {sorted({n for n in names if names.count(n) > 1})}")
    return {
        "profile": "tabular-data-package", "name": "partnership-knowledge-hub", "title": site_name or "Open data",
        "description": ("The figures the hub publishes, as CSV: the case studies and their savings, the tables of "
                        "figures printed in the partnerships' reports, and the tables computed on its pages. An "
                        "empty cell is unknown, never zero."),
        **({"homepage": site_url} if site_url else {}),
        "resources": resources,
    }


def packaged_copy(dataset_id: str) -> str:
    """Where the package's copy of a dataset's CSV is: a package may only name files in its own folder or below."""
    return f"{urls.PACKAGED_DATASETS}/{dataset_id}.csv"


def write_datapackage(hub, site_dir: Path, site_name: str = "", site_url: str = "") -> Path:
    """exports/datapackage.json with the case-study table and copies of the dataset CSVs beside it (a package may
    only name files in its own folder or below). Runs after exports.write_exports."""
    site_dir = Path(site_dir)
    (site_dir / urls.PACKAGED_DATASETS).mkdir(parents=True, exist_ok=True)
    (site_dir / urls.CASE_STUDY_TABLE).write_text(frame_to_csv(case_study_frame(hub, site_url)), encoding="utf-8")
    for dataset_id in hub.datasets:
        shutil.copyfile(site_dir / urls.dataset_downloads(dataset_id)[0], site_dir / packaged_copy(dataset_id))
    path = site_dir / urls.DATA_PACKAGE
    package = build_datapackage(hub, site_name, site_url)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
