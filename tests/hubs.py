"""Small hubs that tests of more than one layer build and read (a pytest plugin, loaded by tests/conftest.py): each
is written and built once per session, then checked as built files by tests/site and in chromium by tests/browser."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from macros.content.validation import check_repository
from macros.figures.reconciliation import check_totals, reconcile_datasets

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER, Repo, with_saving_amount
from tests.hostile import (AWKWARD_DATASET, AWKWARD_FRONT, CONTRIBUTED_BODY, CONTRIBUTED_FRONT, HARMLESS_BODY,
                           HARMLESS_FRONT, HARMLESS_THEMES, UNCHECKED_BODIES, UNCHECKED_TITLE, at_the_limits,
                           harmless_dataset)


NAMED = "authorities: [nottinghamshire-cc, nottingham-city]"


def study(amount: int, authorities: str | None, area: str | None = None, basis: str = "per-year") -> str:
    front = with_saving_amount(VALID_FRONT_MATTER, amount).replace("basis: per-year", f"basis: {basis}")
    front = front.replace(NAMED, authorities or "") + (f"area: {area}\n" if area else "")
    return front.replace("type: cashable", "type: unstated") if area else front


# One case study naming three councils whose savings the source gives for some of them only (totals, so the per-year
# figures of the other case studies are untouched): £111,111 Blaby's, £222,222 the City's, £3,333,333 the region's.
SPLIT = """\
title: Project bids of three councils
summary: Three councils bid for funds; each bid's savings are the source's for one council, one for the region.
partnership: em-iep
authorities: [nottinghamshire-cc, nottingham-city, blaby]
area: east-midlands
themes: [procurement]
published: 2026-01-15
savings:
  - amount: 111111
    type: unstated
    status: delivered
    basis: total
    years: 2
    quote: "Blaby saved £111,111 over two years"
    authorities: [blaby]
  - amount: 222222
    type: cashable
    status: delivered
    basis: total
    years: 2
    quote: "the City saved £222,222 over two years"
    authorities: [nottingham-city]
  - amount: 3333333
    type: unstated
    status: delivered
    basis: total
    years: 2
    quote: "£3,333,333 across the region"
    authorities: []
source:
  document: EM IEP Board meeting pack, 12 April 2011
  date: "2011-04-12"
"""


FIGURES_PAGE = ('{{ league_table(by="authority", metric="delivered", basis="per-year") }}\n\n'
                '{{ league_table(by="sub_region", metric="delivered", basis="per-year", credit="both") }}\n')


@pytest.fixture(scope="session")
def attribution_hub(tmp_path_factory):
    """Three case studies naming councils and two area-wide ones (amounts that appear nowhere else)."""
    repo = Repo(tmp_path_factory.mktemp("attribution") / "hub").with_site()
    repo.case_study("named-work")                                                    # Notts CC and City: £677k
    repo.case_study("blaby-and-notts", study(500000, "authorities: [nottinghamshire-cc, blaby]"))
    repo.case_study("blaby-alone", study(400000, "authorities: [blaby]"))
    repo.case_study("region-wide", study(987654, None, "east-midlands"))
    repo.case_study("notts-wide", study(2345678, None, "nottinghamshire", "one-off"))
    repo.case_study("split-bids", SPLIT)
    repo.case_study("notts-forecast", with_saving_amount(VALID_FRONT_MATTER, 55555).replace(
        "status: delivered", "status: forecast").replace("basis: per-year", "basis: per-year\n    authorities: [nottingham-city]"))
    repo.write("docs/figures.md", FIGURES_PAGE)
    repo.write("mkdocs.yml", (ROOT / "mkdocs.yml").read_text().replace(
        "  - Home: index.md", "  - Home: index.md\n  - Figures: figures.md"))
    return repo.built()


# A dataset of grants and savings by sub-region, with an unknown value and a cell a spreadsheet would run.
TEST_GRANTS = """\
id: test-grants
title: Grants and savings by sub-region
partnership: em-iep
period: {start: "2008", end: "2011"}
source: {document: EM IEP Board pack, date: "2011-04-12", section: Item 6}
columns:
  - {id: sub_region, label: Sub-region, ref: sub_regions}
  - {id: note, label: Note}
  - {id: grant, label: Grant, unit: GBP million}
  - {id: delivered, label: Delivered savings, unit: GBP million}
rows:
  - {sub_region: nottinghamshire, note: "=HYPERLINK(1)", grant: 3.731, delivered: 35.062}
  - {sub_region: leicestershire, note: plain, grant: 4.237, delivered: null}
stated_totals: {grant: 7.968}
"""


# A dataset whose columns add or not: money, a percentage, a score, and money over different periods.
MIXED_UNITS = """\
id: mixed-units
title: Bids, scores and shares by sub-region
partnership: em-iep
period: {start: "2011", end: "2013"}
source: {document: EM IEP Board pack, date: "2011-04-12", section: Item 6}
columns:
  - {id: sub_region, label: Sub-region, ref: sub_regions}
  - {id: grant, label: Grant, unit: GBP}
  - {id: share, label: Share of budget, unit: percent}
  - {id: score, label: Score, unit: score}
  - id: savings
    label: Savings claimed
    unit: GBP
    no_total: The bidders give savings over different periods, so they cannot be added.
rows:
  - {sub_region: nottinghamshire, grant: 30000, share: 12.5, score: 9, savings: 500000}
  - {sub_region: leicestershire, grant: 20000, share: 40.0, score: 7, savings: 90000}
stated_totals: {grant: 50000, share: 99.9, score: 16}
"""


# Pages of the figures hub, each calling macros over its case studies and datasets (tests/site/test_macros.py).
FIGURES_PAGES = {
    "leagues": '{{ league_table(by="sub_region", metric="delivered") }}\n\n{{ league_table(by="sub_region", metric="roi") }}\n',
    "savings": '{{ savings_table(by="theme") }}\n',
    "dataset": '{{ dataset_table("test-grants") }}\n\n{{ chart("test-grants", label="sub_region", values="delivered") }}\n',
}


def write_figures_hub(repo: Repo) -> Repo:
    """Three case studies whose figures a reader can work out by hand, the grants dataset and the dataset of mixed
    units (tests/site/test_dataset_pages.py): notts-software delivers £677k a year in Nottinghamshire for £50k
    invested; blaby-bins £677k one-off in Leicestershire, no investment stated; notts-legal forecasts £400k a year."""
    repo.with_site()
    repo.case_study("notts-software")
    repo.case_study("notts-legal", with_saving_amount(VALID_FRONT_MATTER, 400000).replace("investment: 50000", "investment: 200000")
                    .replace("themes: [procurement]", "themes: [shared-services]")
                    .replace("status: delivered", "status: forecast"))
    repo.case_study("blaby-bins", VALID_FRONT_MATTER.replace("[nottinghamshire-cc, nottingham-city]", "[blaby]")
                    .replace("investment: 50000\n", "").replace("basis: per-year", "basis: one-off"))
    repo.write("data/datasets/test-grants.yaml", TEST_GRANTS)
    repo.write("data/datasets/mixed-units.yaml", MIXED_UNITS)
    return repo


@pytest.fixture(scope="session")
def figures_repo(tmp_path_factory) -> Repo:
    """The figures hub, written and not built: for the Hub, the macros and the plugin's events called directly."""
    return write_figures_hub(Repo(tmp_path_factory.mktemp("figures-repo") / "hub"))


@pytest.fixture(scope="session")
def figures_hub(tmp_path_factory) -> Repo:
    """The figures hub with a page of each macro's output, built once per session."""
    repo = write_figures_hub(Repo(tmp_path_factory.mktemp("figures") / "hub"))
    for name, text in FIGURES_PAGES.items():
        repo.write(f"docs/{name}.md", text)
    nav = "".join(f"\n  - {name.title()}: {name}.md" for name in FIGURES_PAGES)
    repo.write("mkdocs.yml", (ROOT / "mkdocs.yml").read_text().replace("  - Home: index.md", "  - Home: index.md" + nav))
    return repo.built()


@pytest.fixture(scope="session")
def hostile_hub(tmp_path_factory) -> Repo:
    """One hub whose editors wrote hostile but valid text everywhere (tests/hostile.py): in every field of two case
    studies, a register and two datasets, beside one renamed twice, and a case study and a dataset at every limit of
    content/settings.py. It passes the check and builds strictly; the tests show it does no harm: escaped in every
    page, no script run, no formula cell, every data block intact."""
    repo = Repo(tmp_path_factory.mktemp("hostile") / "hub").with_site()
    repo.case_study("hostile-text", HARMLESS_FRONT, HARMLESS_BODY)
    repo.case_study("hostile-fields", CONTRIBUTED_FRONT, CONTRIBUTED_BODY)
    repo.case_study("awkward-buying", AWKWARD_FRONT)
    repo.case_study("renamed-study", VALID_FRONT_MATTER + "aliases: [first-name, second-name]\n")
    repo.write("data/themes.yaml", HARMLESS_THEMES)
    repo.write("data/datasets/hostile-formulas.yaml", harmless_dataset())
    repo.write("data/datasets/awkward-grants.yaml", AWKWARD_DATASET)
    front, body, dataset = at_the_limits(min(TODAY.year, dt.date.today().year))  # the check's day and the build's
    repo.case_study("at-the-limits", front, body)
    repo.write("data/datasets/at-the-limits.yaml", dataset)
    content, problems = check_repository(repo.root, today=TODAY)
    problems += check_totals(reconcile_datasets(content.datasets), content.total_lines)  # as `pkhub check` does
    assert problems == [], [str(problem) for problem in problems]
    return repo.built()


@pytest.fixture(scope="session")
def unchecked_build(tmp_path_factory):
    """The payloads the source checks catch, built as if the checks had missed every one (non-strict, in this
    process, with the markup checks of `content/markup.py` switched off): what the sanitiser, the escaping and the
    policy do alone."""
    repo = Repo(tmp_path_factory.mktemp("unchecked") / "hub").with_site()
    for name, text in UNCHECKED_BODIES.items():
        repo.case_study(name, body="## Payload\n\n" + text)
    repo.case_study("title-breakout", VALID_FRONT_MATTER.replace(
        "title: Joint procurement of software", "title: '" + UNCHECKED_TITLE + "'"))
    site = repo.site
    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("macros.content.markup.find_body_problems", lambda body: [])
        patch.setattr("macros.content.markup.describe_field_markup", lambda text: None)
        try:
            repo.build_here(site, strict=False)
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)
    return site, handler.messages


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def crowded(tmp_path_factory) -> Repo:
    """The hub of `tests/crowded.py` (a council named by 1,000 case studies) built once per session, in `.site`."""
    from tests.crowded import write_crowded_hub

    repo = write_crowded_hub(tmp_path_factory.mktemp("crowded") / "hub")
    repo.site = repo.root.parent / "site"
    result = repo.build(repo.site)
    assert result.returncode == 0, result.stderr
    return repo
