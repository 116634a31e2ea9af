"""What changed when: the case studies published or updated in a range of days (the newsletter digest) and the newest
changes (the feeds), an update counting as a change."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..content import models
from .selection import last_changed


@dataclass(frozen=True)
class DigestEntry:
    case_study: models.CaseStudy
    change: str      # "new" or "updated"
    date: dt.date


@dataclass(frozen=True)
class Digest:
    """The changes in [since, until], under each case study's first theme, newest first."""

    since: dt.date
    until: dt.date
    sections: list[tuple[models.Theme, list[DigestEntry]]]

    @property
    def entries(self) -> list[DigestEntry]:
        return [entry for _, entries in self.sections for entry in entries]


def find_change(cs: models.CaseStudy, since: dt.date, until: dt.date) -> DigestEntry | None:
    """A case study is new if published in the range, else updated if its last update is in it."""
    if since <= cs.published <= until:
        return DigestEntry(cs, "new", cs.published)
    if cs.updated and since <= cs.updated <= until:
        return DigestEntry(cs, "updated", cs.updated)
    return None


def select_digest(hub, since: dt.date, until: dt.date) -> Digest:
    """Published case studies new or updated in [since, until], under their first theme, newest first."""
    by_theme: dict[str, list[DigestEntry]] = {}
    for cs in hub.case_studies.values():
        entry = find_change(cs, since, until)
        if entry:
            by_theme.setdefault(cs.themes[0], []).append(entry)
    sections = [(theme, sorted(by_theme[theme.id], key=lambda c: (-c.date.toordinal(), c.case_study.title.lower())))
                for theme in hub.themes.values() if theme.id in by_theme]
    return Digest(since, until, sections)


def latest_month(hub, today: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month of the most recent publication or update (this month if there is none)."""
    latest = max((last_changed(cs) for cs in hub.case_studies.values()), default=today)
    return latest.replace(day=1), latest.replace(day=calendar.monthrange(latest.year, latest.month)[1])


def newest_changes(case_studies, limit: int) -> list[models.CaseStudy]:
    """The `limit` most recently changed case studies, newest change first."""
    return sorted(case_studies, key=lambda cs: (-last_changed(cs).toordinal(), cs.title.lower()))[:limit]
