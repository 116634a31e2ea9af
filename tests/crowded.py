"""A hub where 1,000 case studies name one council (Nottinghamshire County Council, half of them with Blaby too) and
40 more are area-wide work covering its sub-region: the shape of a region-wide programme, at the scale where a
browse page listing everything would be too big to read (issue 13). Built once per session (`conftest.crowded`)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import VALID_FRONT_MATTER, Repo, with_reported, with_saving_amount

CROWD, AREA_WIDE = 1000, 40
PAGE_LIMIT = 150_000  # bytes: no built page is larger, however many case studies name a council


REPORTED = dt.date(2011, 4, 12)  # the newest figures: crowded-0000's; each other case study's a day older


def crowded_slug(i: int) -> str:
    return f"crowded-{i:04d}"  # the newest figures first: crowded-0000's are the newest


def area_wide_slug(i: int) -> str:
    return f"area-wide-{i:02d}"


def saving_of(i: int) -> int:
    """Case study i's delivered saving a year: every one different (7919 is prime to 1,000)."""
    return 10_000 + 37 * ((i * 7919) % CROWD)


def crowded_front_matter(i: int) -> str:
    """A case study naming Nottinghamshire County Council: its own days (reported and published), theme and
    delivered saving."""
    published = dt.date(2026, 11, 1) - dt.timedelta(days=i)
    front = with_saving_amount(with_reported(VALID_FRONT_MATTER, (REPORTED - dt.timedelta(days=i)).isoformat()),
                               saving_of(i))
    return (front.replace("title: Joint procurement of software", f"title: Crowded case study {i}")
            .replace("published: 2026-01-15", f"published: {published.isoformat()}")
            .replace("themes: [procurement]", f"themes: [{'procurement' if i % 3 else 'shared-services'}]")
            .replace("authorities: [nottinghamshire-cc, nottingham-city]",
                     "authorities: [nottinghamshire-cc]" if i % 2 else "authorities: [nottinghamshire-cc, blaby]"))


def area_wide_front_matter(i: int) -> str:
    """Area-wide work across Nottinghamshire, naming no council, its figures older than every crowded case study's."""
    published = dt.date(2026, 11, 1) - dt.timedelta(days=CROWD + i)
    front = with_reported(VALID_FRONT_MATTER, (REPORTED - dt.timedelta(days=CROWD + i)).isoformat())
    return (front.replace("title: Joint procurement of software", f"title: Area-wide work {i}")
            .replace("published: 2026-01-15", f"published: {published.isoformat()}")
            .replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: []\narea: nottinghamshire"))


def write_crowded_hub(root) -> Repo:
    repo = Repo(root).with_site()
    for i in range(CROWD):
        repo.case_study(crowded_slug(i), crowded_front_matter(i))
    for i in range(AREA_WIDE):
        repo.case_study(area_wide_slug(i), area_wide_front_matter(i))
    return repo
