"""What changed when (figures/changes.py): the newest changes a feed keeps, and the month the digest page shows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from macros.figures.changes import latest_month, newest_changes
from macros.site.config import HubConfig

FEED_SIZE = HubConfig.feed_size.default


def test_a_feed_keeps_only_the_newest_changes():
    case_studies = [SimpleNamespace(title=f"Study {n}", published=dt.date(2026, 1, 1) + dt.timedelta(days=n),
                                    updated=None) for n in range(FEED_SIZE + 10)]
    chosen = newest_changes(case_studies, FEED_SIZE)
    assert len(chosen) == FEED_SIZE
    assert chosen[0].title == f"Study {FEED_SIZE + 9}" and chosen[-1].title == "Study 10"


def test_the_latest_month_is_the_month_of_the_newest_change(hub):
    newest = max(cs.updated or cs.published for cs in hub.case_studies.values())
    since, until = latest_month(hub, dt.date.today())
    assert since == newest.replace(day=1) and since <= newest <= until and (until + dt.timedelta(days=1)).day == 1
