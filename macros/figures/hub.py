"""The Hub: all validated content of one repository and everything computed from it (frames, totals, related case
studies, dataset mentions), each computed once per Hub; built once per build, and again only when a source changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..content import models
from ..content.load import fingerprint_sources, load_sources
from ..content.memo import Memo
from ..content.problems import ContentError
from ..content.validation import Content, validate_sources
from . import attribution, frames, selection
from .mentions import index_mentions
from .reconciliation import TotalCheck, check_totals, reconcile_datasets
from .related import Related, compute_related


@dataclass
class Hub:
    """Validated content of one repository, with the frames every figure is computed from."""

    root: Path
    content: Content
    today: dt.date = field(default_factory=dt.date.today)
    exports: dict = field(default_factory=dict)  # computed tables shown on pages this build: id -> ExportTable
    derived: dict = field(default_factory=dict, repr=False)  # what the layers above compute from it: `computed`
    memo: Memo | None = field(default=None, repr=False)  # kept across the Hubs of a HubCache (`content/memo.py`)

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
        """Published case studies by slug, the newest figures first (drafts are left out of everything)."""
        return {cs.slug: cs for cs in selection.newest_first(cs for cs in self.content.case_studies if not cs.draft)}

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
        return frames.case_study_frame(list(self.case_studies.values()), self.registers, self.areas)

    @cached_property
    def savings(self) -> pd.DataFrame:
        return frames.savings_frame(list(self.case_studies.values()), self.authorities)

    @cached_property
    def totals(self) -> dict[str, list[TotalCheck]]:
        return reconcile_datasets(self.content.datasets)

    @cached_property
    def related(self) -> dict[str, list[Related]]:
        """Each published case study's most related ones (`related.py`)."""
        return compute_related(list(self.case_studies.values()))

    @cached_property
    def mentions(self) -> dict[tuple[str, str], list[tuple[models.Dataset, list[dict]]]]:
        """(register, id) -> the dataset rows naming that authority or sub-region (`mentions.py`)."""
        return index_mentions(list(self.datasets.values()))

    @cached_property
    def postings(self) -> dict[tuple[str, object], list[str]]:
        return selection.index_postings(self.frame)

    def select(self, **filters) -> list[models.CaseStudy]:
        """Published case studies matching the filters (`selection.FILTERS`), the newest figures first. `authority`
        and `sub_region` match the case studies credited to them (naming the council); `covering_authority` and
        `covering_sub_region` the area-wide work that covered them; `area` the area-wide work that covered an area
        (see `attribution`)."""
        slugs = selection.select_slugs(self.postings, list(self.case_studies), **filters)
        return [self.case_studies[slug] for slug in slugs]

    def select_frame(self, **filters) -> pd.DataFrame:
        """The case-study frame's rows of the case studies `select` chooses, in its order."""
        return self.frame.loc[selection.select_slugs(self.postings, list(self.case_studies), **filters)]

    def savings_of(self, slugs, **filters) -> pd.DataFrame:
        """The savings of these case studies; with a council filter (authority, sub_region, authority_type, region),
        only those credited to a council matching it (`attribution`)."""
        return frames.credited_savings(self.savings[self.savings["slug"].isin(list(slugs))], **filters)

    def computed(self, name: str, compute):
        """A value a layer above derives from the whole Hub (every case study's filter values, the filter choices),
        computed on first use and kept with it, so each page that shows it does not compute it again."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]

    def years(self) -> list[int]:
        return sorted({cs.year for cs in self.case_studies.values()}, reverse=True)


def build_hub(root: Path, today: dt.date | None = None, memo: Memo | None = None) -> Hub:
    """Load, validate and reconcile a repository; raise ContentError listing every problem. With a memo (a
    HubCache's), only the files changed since it last saw them are parsed and validated again, and the Hub keeps
    the memo for what the pages make of it."""
    root = Path(root)
    today = today or dt.date.today()
    content, problems = validate_sources(load_sources(root, memo), today, memo)
    hub = Hub(root, content, today, memo=memo)
    problems += check_totals(hub.totals, content.total_lines)
    if problems:
        raise ContentError(problems)
    return hub


@dataclass
class HubCache:
    """The Hub of one repository kept between builds (the plugin holds one across `mkdocs serve` rebuilds): built
    again only when a source file, or the day, has changed, and then from the files that changed (`Memo`)."""

    root: Path
    signature: tuple = ()
    hub: Hub | None = None
    memo: Memo | None = field(default_factory=Memo)  # None: each Hub built from scratch (a one-off build)

    def get(self) -> Hub:
        root = Path(self.root).resolve()
        signature = fingerprint_sources(root)
        if self.hub is None or signature != self.signature or self.hub.today != dt.date.today():
            self.hub = build_hub(root, memo=self.memo)
            self.signature = signature
        return self.hub
