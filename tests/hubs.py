"""Small hubs that tests of more than one layer build and read (a pytest plugin, loaded by tests/conftest.py): each
is written and built once per session, then checked as built files by tests/site and in chromium by tests/browser."""

from __future__ import annotations

import pytest

import logging
from pathlib import Path

from macros.content.validation import check_repository

from tests.conftest import ROOT, TODAY, VALID_FRONT_MATTER, Repo, with_saving_amount
from tests.hostile import HARMLESS_BODY, HARMLESS_FRONT, HARMLESS_THEMES, UNCHECKED_BODIES, UNCHECKED_TITLE, harmless_dataset


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
    repo.site = repo.root.parent / "site"
    result = repo.build(repo.site)
    assert result.returncode == 0, result.stderr
    return repo


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


@pytest.fixture(scope="session")
def harmless_site(tmp_path_factory) -> Path:
    """A hub whose editors wrote hostile but valid text everywhere: it must build, strictly, and do no harm."""
    repo = Repo(tmp_path_factory.mktemp("harmless") / "hub").with_site()
    repo.case_study("hostile-text", HARMLESS_FRONT, HARMLESS_BODY)
    repo.write("data/themes.yaml", HARMLESS_THEMES)
    repo.write("data/datasets/hostile-formulas.yaml", harmless_dataset())
    content, problems = check_repository(repo.root, today=TODAY)
    assert problems == [], [str(problem) for problem in problems]
    site = repo.root.parent / "site"
    result = repo.build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def unchecked_build(tmp_path_factory):
    """The payloads the source checks catch, built as if the checks had missed every one (non-strict, in this
    process, with the markup checks of `content/markup.py` switched off): what the sanitiser, the escaping and the
    policy do alone."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    repo = Repo(tmp_path_factory.mktemp("unchecked") / "hub").with_site()
    for name, text in UNCHECKED_BODIES.items():
        repo.case_study(name, body="## Payload\n\n" + text)
    repo.case_study("title-breakout", VALID_FRONT_MATTER.replace(
        "title: Joint procurement of software", "title: '" + UNCHECKED_TITLE + "'"))
    site = repo.root.parent / "site"
    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("macros.content.markup.find_body_problems", lambda body: [])
        patch.setattr("macros.content.markup.describe_field_markup", lambda text: None)
        config = load_config(str(repo.root / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
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
