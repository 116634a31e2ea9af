"""The age of figures at a glance (issue 15): every case study and every listing of one says when its figures were
reported beside the day the hub added or updated it; lists of case studies put the newest figures first (by the day
their source reported them, a year or month alone counting from its first day) and say so; What's new and the feeds
still list by the day of the change on the hub. The newsletter hub's sources are dated against the order of its
changes (`tests.conftest.NEWSLETTER_REPORTED`), so one order cannot pass for the other; the real site too."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from macros.site.search import read_index

from tests.conftest import NEWSLETTER_NEWEST_FIGURES, NEWSLETTER_REPORTED, read_page, reported_words
from tests.index_pages import listed_case_studies, read_index_pages
from tests.site.test_feeds import HUB_ORDER, read_rss


def listed_item(page: str, slug: str) -> str:
    """The text of a listing's item for a case study (its title, summary and facts), tags removed."""
    items = re.findall(rf'<li><a href="(?:[^"]*/)?{slug}/">.*?</li>', page, re.S)
    assert items, f"{slug} is not listed"
    return html.unescape(re.sub(r"<[^>]+>", " ", items[0]))


def listed_slugs(page: str, start: str = "", end: str = "") -> list[str]:
    """The case studies a page lists (in lists of case studies, not tables), in order, between two markers."""
    part = page.split(start, 1)[1] if start else page
    part = part.split(end, 1)[0] if end else part
    return re.findall(r'<li><a href="(?:[^"]*/)?([a-z0-9-]+)/">', part)


def day_reported(date: str) -> dt.date:
    """A source's date as the day it sorts by: a year or month alone counts from its first day."""
    parts = [int(part) for part in date.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def facts_panel(page: str) -> dict[str, str]:
    """A case study page's facts, name -> text, in order."""
    panel = page.split('class="hub-facts"', 1)[1].split("</dl>")[0]
    return {name: html.unescape(re.sub(r"<[^>]+>", "", value))
            for name, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", panel, re.S)}


# --- The newsletter hub: sources dated against the order of the changes ---------------------------------------

PUBLISHED = {"old-procurement": "15 January 2026", "october-sharing": "5 October 2026",
             "updated-in-november": "1 March 2026", "november-sharing": "2 November 2026",
             "first-of-november": "1 November 2026", "late-november": "21 November 2026"}
ON_THE_HUB = {**{slug: f"added to the hub {day}" for slug, day in PUBLISHED.items()},
              "updated-in-november": "updated on the hub 10 November 2026"}


@pytest.mark.parametrize("slug", NEWSLETTER_NEWEST_FIGURES)
def test_a_case_study_page_says_when_its_figures_were_reported_beside_its_days_on_the_hub(newsletter_hub, slug):
    page = read_page(newsletter_hub.site, f"case-studies/{slug}")
    reported = NEWSLETTER_REPORTED[slug]
    facts = facts_panel(page)
    assert facts["Figures reported"] == f"{reported_words(reported)} (all case studies reported in {reported[:4]})"
    assert f'<a href="../../years/{reported[:4]}/">all case studies reported in {reported[:4]}</a>' in page
    assert facts["On the hub"] == f"published {PUBLISHED[slug]}" + (
        ", updated 10 November 2026" if slug == "updated-in-november" else "")
    names = list(facts)
    assert names.index("On the hub") == names.index("Figures reported") + 1  # side by side


@pytest.mark.parametrize("slug", NEWSLETTER_NEWEST_FIGURES)
def test_every_listing_of_a_case_study_and_its_search_data_say_when_its_figures_were_reported(newsletter_hub, slug):
    site = newsletter_hub.site
    reported, on_the_hub = f"figures reported {reported_words(NEWSLETTER_REPORTED[slug])}", ON_THE_HUB[slug]
    year = NEWSLETTER_REPORTED[slug][:4]
    for address in ("case-studies", f"years/{year}", "partnerships/em-iep", "authorities/nottinghamshire-cc", ""):
        item = listed_item(read_page(site, address), slug)
        assert f"· {reported} · {on_the_hub}" in " ".join(item.split()), (address, item)
    data = json.loads((site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    [listed] = [item for item in data["items"] if item["href"] == f"{slug}/"]
    assert f"EM IEP · {reported} · {on_the_hub}" in listed["facts"]
    [indexed] = [page for page in read_index(site) if page["url"].rstrip("/").endswith(f"/case-studies/{slug}")]
    assert indexed["meta"]["details"] == f"Case study · EM IEP · {reported} · {on_the_hub}"


def test_lists_of_case_studies_put_the_newest_figures_first_and_say_so(newsletter_hub):
    site = newsletter_hub.site
    assert HUB_ORDER != NEWSLETTER_NEWEST_FIGURES  # the order of changes on the hub is another order
    assert listed_case_studies(site) == NEWSLETTER_NEWEST_FIGURES
    index = read_page(site, "case-studies")
    assert "All 6 case studies, the newest figures first (by the day their source reported them)." in index
    assert '<a href="../digest/">What\'s new</a> lists those the hub added or updated lately.' in index
    procurement = [slug for slug in NEWSLETTER_NEWEST_FIGURES if slug != "november-sharing"]
    theme = read_page(site, "themes/procurement")
    assert listed_slugs(theme, 'id="case-studies-') == procurement
    assert "The newest figures first, by the day their source reported them." in theme
    assert listed_slugs(read_page(site, "")) == NEWSLETTER_NEWEST_FIGURES  # the test hub's home: case_study_list()


def test_the_index_data_sorts_by_the_day_reported_or_the_day_added_as_the_sort_menu_names_them(newsletter_hub):
    site = newsletter_hub.site
    data = json.loads((site / "case-studies" / "index.json").read_text(encoding="utf-8"))
    items = {item["href"].strip("/"): item["sort"] for item in data["items"]}
    assert {slug: keys["newest"] for slug, keys in items.items()} == {
        slug: day_reported(NEWSLETTER_REPORTED[slug]).isoformat() for slug in NEWSLETTER_NEWEST_FIGURES}
    assert items["updated-in-november"]["added"] == "2026-11-10" and items["late-november"]["added"] == "2026-11-21"
    assert sorted(items, key=lambda slug: items[slug]["added"], reverse=True) == HUB_ORDER
    index = read_page(site, "case-studies")
    assert '<option value="newest">Newest figures first (date reported)</option>' in index
    assert '<option value="added">Newest on the hub first (date added or updated)</option>' in index
    for slug, keys in items.items():  # what each page gives Pagefind to sort the search page's results by
        page = read_page(site, f"case-studies/{slug}")
        for key in ("newest", "added"):
            assert f'data-pagefind-sort="{key}:{keys[key]}"' in page


def test_whats_new_and_the_feeds_still_list_by_the_day_of_the_change_and_say_so(newsletter_hub):
    site = newsletter_hub.site
    page = read_page(site, "digest")
    assert "grouped by theme, the latest change first" in page
    procurement = page.split('id="procurement"', 1)[1].split("<h2", 1)[0]
    assert listed_slugs(procurement) == ["late-november", "updated-in-november", "first-of-november"]
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", procurement)).split())
    assert "new, 21 November 2026 · figures reported 1 February 2008" in text
    assert "updated, 10 November 2026 · figures reported March 2013" in text
    assert [item["link"].rstrip("/").rsplit("/", 1)[1] for item in read_rss(site / "feed.xml")] == HUB_ORDER


# --- The real site --------------------------------------------------------------------------------------------

def test_the_real_index_lists_the_newest_figures_first_a_year_alone_as_its_first_day(site, hub):
    listed = listed_case_studies(site)
    days = [day_reported(hub.case_studies[slug].source.date) for slug in listed]
    assert days == sorted(days, reverse=True) and len(set(days)) > 1
    for earlier, later in zip(listed, listed[1:]):  # the same day: by title
        if days[listed.index(earlier)] == days[listed.index(later)]:
            assert hub.case_studies[earlier].title.lower() <= hub.case_studies[later].title.lower()


def test_a_real_case_study_reported_in_2011_says_so_on_its_page_in_the_index_a_browse_page_and_search(site, hub):
    cs = hub.select(year=2011)[0]  # the newest figures of 2011: listed on the year's page however many there are
    words = f"figures reported {reported_words(cs.source.date)}"
    assert words.endswith("2011")
    page = read_page(site, f"case-studies/{cs.slug}")
    assert facts_panel(page)["Figures reported"].startswith(reported_words(cs.source.date) + " (")
    [index] = [page for page in read_index_pages(site).values() if cs.slug in listed_slugs(page)]
    assert words in listed_item(index, cs.slug)
    assert words in listed_item(read_page(site, "years/2011"), cs.slug)
    [indexed] = [entry for entry in read_index(site) if entry["url"].rstrip("/").endswith(f"/case-studies/{cs.slug}")]
    assert words in indexed["meta"]["details"]
    assert f'data-pagefind-sort="newest:{day_reported(cs.source.date).isoformat()}"' in page


def test_related_case_studies_and_the_largest_savings_say_when_their_figures_were_reported(newsletter_hub, site, hub):
    page = read_page(newsletter_hub.site, "case-studies/late-november")
    related = page.split('class="hub-related"', 1)[1].split("</section>", 1)[0]
    listed = re.findall(r'<li><a href="\.\./([a-z0-9-]+)/">.*?<small>(.*?)</small>', related, re.S)
    assert listed
    for slug, facts in listed:
        assert html.unescape(facts).endswith(f" · figures reported {reported_words(NEWSLETTER_REPORTED[slug])}")
    # A crowded page's largest savings, each row with its source's date.
    year = max(hub.years(), key=lambda y: len(hub.select(year=y)))
    table = read_page(site, f"years/{year}").split('class="hub-table hub-largest"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">Reported</th>' in table
    rows = re.findall(r'<tr><th scope="row">.*?</tr>', table, re.S)
    assert rows
    for row in rows:
        slug = re.search(r'case-studies/([a-z0-9-]+)/', row).group(1)
        assert row.endswith(f"<td>{reported_words(hub.case_studies[slug].source.date)}</td></tr>"), row
