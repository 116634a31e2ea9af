"""The Hub: all validated content and its frames, built once per build and cached until a source changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import attribution

from . import frames as compute

from ..content import models
from ..content.load import fingerprint_sources, load_sources
from ..content.problems import ContentError, Problem
from ..content.validation import Content, validate_sources


POSTED_FILTERS = ("theme", "authority", "sub_region", "authority_type", "region", "partnership", "programme", "year",
                  "area", "covering_authority", "covering_sub_region")


@dataclass
class Hub:
    """Validated content of one repository, with the frames every figure is computed from."""

    root: Path
    content: Content
    today: dt.date = field(default_factory=dt.date.today)
    exports: dict = field(default_factory=dict)  # computed tables shown on pages this build: id -> ExportTable

    @property
    def registers(self) -> dict:
        return self.content.registers

    @property
    def authorities(self) -> dict[str, models.Authority]:
        return self.content.registers["authorities"]

    @property
    def themes(self) -> dict[str, models.Theme]:
        return self.content.registers["themes"]

    @property
    def partnerships(self) -> dict[str, models.Partnership]:
        return self.content.registers["partnerships"]

    @property
    def programmes(self) -> dict[str, models.Programme]:
        return self.content.registers["programmes"]

    @property
    def sub_regions(self) -> dict[str, models.SubRegion]:
        return self.content.registers["sub_regions"]

    @property
    def regions(self) -> dict[str, models.Region]:
        return self.content.registers.get("regions", {})

    @cached_property
    def areas(self) -> attribution.AreaIndex:
        return attribution.index_areas(self.registers)

    def area_name(self, area_id: str) -> str:
        return attribution.area_name(area_id, self.registers)

    @cached_property
    def case_studies(self) -> dict[str, models.CaseStudy]:
        """Published case studies by slug, newest first (drafts are left out of everything)."""
        published = [cs for cs in self.content.case_studies if not cs.draft]
        published.sort(key=lambda cs: (-cs.published.toordinal(), cs.title.lower()))
        return {cs.slug: cs for cs in published}

    @cached_property
    def drafts(self) -> list[models.CaseStudy]:
        return [cs for cs in self.content.case_studies if cs.draft]

    @cached_property
    def datasets(self) -> dict[str, models.Dataset]:
        return {dataset.id: dataset for dataset in sorted(self.content.datasets, key=lambda d: d.id)}

    @cached_property
    def redirects(self) -> dict[str, str]:
        """Old case-study slug -> current slug."""
        return {alias: cs.slug for cs in self.case_studies.values() for alias in cs.aliases}

    @cached_property
    def frame(self) -> pd.DataFrame:
        return compute.case_study_frame(list(self.case_studies.values()), self.registers, self.areas)

    @cached_property
    def savings(self) -> pd.DataFrame:
        return compute.savings_frame(list(self.case_studies.values()), self.authorities)

    @cached_property
    def totals(self) -> dict[str, list[compute.TotalCheck]]:
        return {dataset_id: compute.reconcile_dataset(d) for dataset_id, d in self.datasets.items()}

    def reconciliation_problems(self) -> list[Problem]:
        problems = []
        for dataset_id, checks in self.totals.items():
            path = f"data/datasets/{dataset_id}.yaml"
            lines = self.content.total_lines.get(dataset_id, {})
            for check in checks:
                if check.status == "mismatch":
                    computed = format_total(check.computed) if check.computed is not None else "nothing"
                    at_least = " (at least; some values are unknown)" if check.unknown else ""
                    problems.append(Problem(
                        path, lines.get(check.column, 1), f"stated_totals.{check.column}",
                        f"dataset {dataset_id!r}, column {check.column!r}: stated total {format_total(check.stated)} "
                        f"but the rows add up to {computed}{at_least}",
                        "correct the row or total that was copied wrongly; if the source itself disagrees, "
                        f"record it under discrepancies: with column: {check.column} and an explanation",
                    ))
        return problems

    @cached_property
    def postings(self) -> dict[tuple[str, object], list[str]]:
        """(filter, value) -> slugs newest first, so `select` looks filters up instead of scanning every case study
        (browse pages call it once per authority, theme and year: a scan each would grow with the square)."""
        postings: dict[tuple[str, object], list[str]] = {}
        for name in POSTED_FILTERS:
            column = compute.SET_COLUMNS.get(name, name)
            for slug, value in zip(self.frame.index, self.frame[column]):
                for member in (value if name in compute.SET_COLUMNS else (value,)):
                    postings.setdefault((name, member), []).append(slug)
        return postings

    def select(self, **filters) -> list[models.CaseStudy]:
        """Published case studies matching the filters, newest first. `authority` and `sub_region` match the case
        studies credited to them (naming the council); `covering_authority` and `covering_sub_region` the area-wide
        work that covered them; `area` the area-wide work that covered an area (see `attribution`)."""
        active = {name: value for name, value in filters.items() if value is not None}
        if not set(active) <= set(POSTED_FILTERS):
            rows = compute.filter_case_studies(self.frame, **filters)
            return [self.case_studies[slug] for slug in rows.index]
        lists = sorted((self.postings.get(item, []) for item in active.items()), key=len)
        if not lists:
            return list(self.case_studies.values())
        others = [set(other) for other in lists[1:]]
        return [self.case_studies[slug] for slug in lists[0] if all(slug in other for other in others)]

    def savings_of(self, slugs, **filters) -> pd.DataFrame:
        """The savings of these case studies; with a council filter (authority, sub_region, authority_type, region),
        only those credited to a council matching it (`attribution`)."""
        return compute.credited_savings(self.savings[self.savings["slug"].isin(list(slugs))], **filters)

    def years(self) -> list[int]:
        return sorted({cs.year for cs in self.case_studies.values()}, reverse=True)


def format_total(value) -> str:
    """A total as the source prints it, every digit shown: 19,643,604, or 52.5 (never 1.96436e+07)."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")  # a sum of rows like 52.49999999 reads as printed


def build_hub(root: Path, today: dt.date | None = None) -> Hub:
    """Load, validate and reconcile a repository; raise ContentError listing every problem."""
    root = Path(root)
    today = today or dt.date.today()
    content, problems = validate_sources(load_sources(root), today)
    hub = Hub(root, content, today)
    problems += hub.reconciliation_problems()
    if problems:
        raise ContentError(problems)
    return hub


_cache: dict[Path, tuple[tuple, Hub]] = {}


def get_hub(root: Path) -> Hub:
    """The Hub for `root`, rebuilt only when a source file has changed (for `mkdocs serve`)."""
    root = Path(root).resolve()
    signature = fingerprint_sources(root)
    cached = _cache.get(root)
    if cached and cached[0] == signature and cached[1].today == dt.date.today():
        return cached[1]
    hub = build_hub(root)
    _cache[root] = (signature, hub)
    return hub


def current_hub(root: Path) -> Hub:
    """The Hub this build already loaded (so every part of one build sees the same content)."""
    cached = _cache.get(Path(root).resolve())
    return cached[1] if cached else get_hub(root)
