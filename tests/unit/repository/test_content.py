"""The repository's own content: valid, sourced, its figures checked against the source documents, and no figure
typed by hand in a good-practice page (built: tests/site/test_good_practice_pages.py)."""

from __future__ import annotations

import re

import pytest

from macros.figures.hub import build_hub
from macros.content.validation import check_repository

from tests.conftest import ROOT
from tests.good_practice import GOOD_PRACTICE_PAGES

SEEDS = ROOT.parent / "shared" / "seeds"  # the source documents, beside the repository (../shared in CI)

DOCUMENTS = {  # seed file prefix -> the title case studies and datasets must cite (see seeds/README.md)
    "000": "East Midlands Centre of Excellence: Progress post June 2005 annual conference (EMCE/EMIP Conference 2006)",
    "001": "East Midlands Improvement and Efficiency Partnership (EM IEP) Board meeting pack, 12 April 2011",
    "002": "Improvement Through Partnerships: supporting evidence (East Midlands Regional Improvement and Efficiency "
           "Strategy), sixth draft",
    "003": "Improvement East annual report, year 2 (2009/10)",
    "004": "LGA Productivity Programme update (Improvement and Innovation Board, item 8)",
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    """Each source document's text by file prefix, with runs of whitespace (tabs, line breaks) made one space."""
    files = sorted(SEEDS.glob("0*.txt"))
    if not files:
        pytest.skip(f"source documents not found in {SEEDS}")
    return {path.name[:3]: re.sub(r"\s+", " ", path.read_text(encoding="utf-8")) for path in files}


# --- Validity and completeness ------------------------------------------------------------------------

def test_repository_content_is_valid_and_reconciles():
    content, problems = check_repository(ROOT)
    assert not problems, "\n".join(map(str, problems))
    build_hub(ROOT)  # also reconciles every dataset's stated totals; raises listing any problem


def test_repository_has_at_least_sixty_case_studies_and_ten_datasets(hub):
    assert len(hub.case_studies) >= 60
    assert len(hub.datasets) >= 10


def test_every_case_study_and_dataset_cites_a_source_document_and_section(hub):
    items = [*hub.case_studies.values(), *hub.drafts, *hub.datasets.values()]
    uncited = [getattr(item, "slug", None) or item.id for item in items
               if item.source.document not in DOCUMENTS.values() or not item.source.section]
    assert not uncited, f"not citing one of the five source documents by title, with a section: {uncited}"


def test_every_authority_named_in_the_content_is_in_the_register(hub):
    named = {(cs.slug, a) for cs in [*hub.case_studies.values(), *hub.drafts] for a in cs.authorities}
    for dataset in hub.datasets.values():
        for column in dataset.columns:
            if column.ref == "authorities":
                named |= {(dataset.id, row[column.id]) for row in dataset.rows if row.get(column.id) is not None}
    missing = sorted((where, a) for where, a in named if a not in hub.authorities)
    assert not missing, f"authorities not in data/authorities.yaml: {missing}"


# --- Figures checked against the source documents -------------------------------------------------------
# Each case reads one figure from the loaded content and the same figure from the document's own text: a regex
# anchored on a phrase printed next to it. The case id names the document (seed file prefix) and section.

def stated(dataset: str, column: str):
    return lambda hub: hub.datasets[dataset].stated_totals[column]


def cell(dataset: str, key_column: str, key: str, column: str):
    return lambda hub: next(row[column] for row in hub.datasets[dataset].rows if row[key_column] == key)


def saving(slug: str, phrase: str):
    """The saving of a case study whose note contains `phrase` (case studies often state several)."""
    return lambda hub: next(s.amount for s in hub.case_studies[slug].savings if phrase.lower() in (s.note or "").lower())


def investment(slug: str):
    return lambda hub: hub.case_studies[slug].investment


SRP_TABLE = r"Total Potential Savings £m .*? Totals ([\d.]+) ([\d.]+) ([\d.]+)"
EMCE_TOTALS = r"TOTAL (\d+) ([\d,]+) ([\d.]+) ([\d.]+)"
REGIONAL_TABLE = r"30 ?th June ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)"
WATFORD_TABLE = (r"The expected savings by service are: Shared Service Amount £ Human Resources ([\d,]+) ICT ([\d,]+) "
                 r"Finance ([\d,]+) Revenues and Benefits ([\d,]+) Retained Functions ([\d,]+)")
WATFORD = "ie-watford-three-rivers-savings"
MILLION, THOUSAND = 1_000_000, 1_000

FIGURES = [
    # seed, pattern, capture group, scale from the printed figure to the content's unit, figure in the content
    pytest.param("001", SRP_TABLE, 2, 1, stated("em-iep-srp-savings-2008-11", "delivered_savings"),
                 id="001 item 6 para 3.1: SRP delivered savings, printed total"),
    pytest.param("001", SRP_TABLE, 1, 1, stated("em-iep-srp-savings-2008-11", "grant_allocation"),
                 id="001 item 6 para 3.1: SRP grant allocation, printed total"),
    pytest.param("001", r"Nottinghamshire ([\d.]+) ([\d.]+) ([\d.]+) Totals", 2, 1,
                 cell("em-iep-srp-savings-2008-11", "sub_region", "nottinghamshire", "delivered_savings"),
                 id="001 item 6 para 3.1: Nottinghamshire SRP delivered savings"),
    pytest.param("001", r"yes Totals ([\d,]+) ([\d,]+) (\d+) (\d+)", 1, 1,
                 stated("em-iep-srp-peer-review-balances-2011", "balance_31_march_2011"),
                 id="001 item 6 para 4.1: SRP peer review balances at 31 March 2011, printed total"),
    pytest.param("000", EMCE_TOTALS, 2, 1, stated("emce-work-programme-2005-08", "grant"),
                 id="000 work programme 2005/08 project profile: grant aid total (£000)"),
    pytest.param("000", EMCE_TOTALS, 3, 1, stated("emce-work-programme-2005-08", "cashable"),
                 id="000 work programme 2005/08 project profile: cashable savings total as printed"),
    pytest.param("000", r"Procurement (\d+) (\d+) ([\d.]+) ([\d.]+)", 2, 1,
                 cell("emce-work-programme-2005-08", "workstream", "Procurement", "grant"),
                 id="000 work programme 2005/08 project profile: procurement grant aid"),
    pytest.param("000", r"Total Gains £([\d.]+)M", 1, 1,
                 cell("emce-efficiency-gains-2005-06", "area", "East Midlands region", "total_gains"),
                 id="000 cumulative efficiency gains to 2005/06: total gains"),
    pytest.param("001", r"Derby City DECATS project has delivered £([\d.]+)m of transformation savings", 1, MILLION,
                 saving("derby-city-decats-transformation", "transformation savings"),
                 id="001 item 6 Appendix Two: Derby City DECATS transformation savings"),
    pytest.param("001", r"of transformation savings and £(\d+)k of procurement savings", 1, THOUSAND,
                 saving("derby-city-decats-transformation", "procurement savings"),
                 id="001 item 6 Appendix Two: Derby City DECATS procurement savings"),
    pytest.param("001", r"the forecast savings of £([\d,]+) for this year had been met", 1, 1,
                 saving("shared-legal-service-leicestershire", "for this year"),
                 id="001 item 6 Appendix Three: shared legal service savings"),
    pytest.param("001", r"revenues of £(\d+)m to be claimed back by the City Council", 1, MILLION,
                 saving("nottinghamshire-single-person-discount-review", "single person discount"),
                 id="001 item 6 Appendix One: Nottinghamshire single person discount reviews"),
    pytest.param("001", REGIONAL_TABLE, 1, 1,
                 cell("em-iep-regional-programmes-2008-11", "programme", "em-iep-regional-2008-11", "allocation"),
                 id="001 item 7 para 3.3: regional programmes allocation"),
    pytest.param("001", REGIONAL_TABLE, 7, 1,
                 cell("em-iep-regional-programmes-2008-11", "programme", "em-iep-regional-2008-11", "savings_delivered"),
                 id="001 item 7 para 3.3: regional programmes efficiency savings delivered"),
    pytest.param("001", r"deliver £([\d.]+)m efficiency savings to date since 1st April 2008", 1, 1,
                 stated("em-iep-regional-savings-by-area-2008-11", "savings"),
                 id="001 item 7 para 4.1: regional savings to date, stated total"),
    pytest.param("001", r"£([\d.]+)m Procurement - £[\d.]+m East Midlands Property Alliance", 1, 1,
                 cell("em-iep-regional-savings-by-area-2008-11", "area", "Procurement", "savings"),
                 id="001 item 7 para 4.1: procurement savings by area"),
    pytest.param("001", r"for an outlay of £(\d+)k have helped the authorities involved deliver savings of £([\d.]+)m",
                 2, MILLION, saving("home-to-school-transport-e-auctions", "home-to-school"),
                 id="001 item 7 Appendix One s1: home-to-school transport e-auction savings"),
    pytest.param("001", r"for an outlay of £(\d+)k have helped the authorities involved", 1, THOUSAND,
                 investment("home-to-school-transport-e-auctions"),
                 id="001 item 7 Appendix One s1: home-to-school transport e-auction outlay"),
    pytest.param("001", r"The EM IEP has invested £(\d+)k over the past three years", 1, THOUSAND,
                 investment("east-midlands-property-alliance-empa"),
                 id="001 item 7 Appendix One s4: EMPA investment"),
    pytest.param("001", r"Achieved savings of £([\d.]+)m from contract costs", 1, MILLION,
                 saving("east-midlands-property-alliance-empa", "contract costs"),
                 id="001 item 7 Appendix One s4: EMPA savings achieved"),
    pytest.param("001", r"£(\d+)k has been saved by applying 'systems thinking' to the Benefits Service", 1, THOUSAND,
                 saving("nottingham-benefits-service-systems-thinking", "systems thinking"),
                 id="001 item 7 Appendix One s7: Nottingham City benefits systems thinking"),
    pytest.param("001", r"the two phases have cost £(\d+)k", 1, THOUSAND, investment("carbon-management-programme-bespoke"),
                 id="001 item 7 Appendix Six: carbon management programme cost"),
    pytest.param("001", r"allocations of £([\d.]+)m should be made", 1, THOUSAND,
                 stated("em-iep-legacy-allocations-2011-13", "allocation"),
                 id="001 item 10 para 3.2: legacy programme allocations total (£000)"),
    pytest.param("001", r"Changing Thinking for Leaner Services 5 [\d,]+ Total ([\d,]+)", 1, 1,
                 stated("em-iep-project-bids-2011-13-highest-scores", "grant_allocation"),
                 id="001 item 11 para 2.5: highest-scoring bids, grant allocation total"),
    *(pytest.param("003", WATFORD_TABLE, group, 1, cell(WATFORD, "shared_service", service, "amount"),
                   id=f"003 Efficiency, shared services: Watford and Three Rivers {service} row")
      for group, service in enumerate(["Human Resources", "ICT", "Finance", "Revenues and Benefits",
                                       "Retained Functions"], start=1)),
    pytest.param("003", r"total net benefit is expected to be £([\d.]+) million", 1, MILLION,
                 saving("watford-three-rivers-shared-services", "total net benefit"),
                 id="003 Efficiency, shared services: Watford and Three Rivers net benefit by 2013/14"),
    pytest.param("003", r"Department for Transport 200,000 ([\d,]+) TOTAL", 1, 1, stated("ie-finance-2009-10", "amount"),
                 id="003 Section seven, Finance: total funding"),
    pytest.param("003", r"Budget: £([\d,]+) Committed: £([\d,]+) In the first year Improvement East", 2, 1,
                 cell("ie-themes-budget-2009-10", "theme", "Efficiency", "committed"),
                 id="003 Efficiency theme: amount committed"),
    pytest.param("003", r"totalling £([\d.]+)bn of public spending", 1, THOUSAND,
                 stated("ie-total-place-high-level-count", "spending"),
                 id="003 Leadership of Place: Total Place high level count, regional total (£m)"),
    pytest.param("004", r"Allerdale Borough Council .{0,200}?efficiency saving of £([\d.]+) million against a target",
                 1, MILLION, saving("allerdale-contract-renegotiation-productivity-expert", "efficiency saving"),
                 id="004 Productivity Expert programme para 8.1: Allerdale saving realised"),
    pytest.param("004", r"Allerdale Borough Council .{0,200}?efficiency saving of £([\d.]+) million against a target",
                 1, MILLION, cell("lga-productivity-experts", "authority", "allerdale", "savings"),
                 id="004 Productivity Expert programme para 8.1: Allerdale dataset row"),
    pytest.param("004", r"to achieve £([\d,]+) pa of savings", 1, 1,
                 saving("wyre-forest-systems-thinking-productivity-expert", "pa of savings"),
                 id="004 Productivity Expert programme para 8.2: Wyre Forest savings a year"),
    pytest.param("004", r"additional savings of £([\d.]+) million", 1, MILLION,
                 saving("gloucestershire-learning-disability-savings-review", "additional savings"),
                 id="004 Productivity Expert programme para 8.3: Gloucestershire opportunities identified"),
]


@pytest.mark.parametrize("seed, pattern, group, scale, read", FIGURES)
def test_figure_in_the_content_matches_the_source_document(hub, seeds, seed, pattern, group, scale, read):
    found = re.search(pattern, seeds[seed])
    assert found, f"phrase not found in {DOCUMENTS[seed]!r}: {pattern}"
    printed = float(found.group(group).replace(",", "")) * scale
    assert read(hub) == pytest.approx(printed), f"content differs from {DOCUMENTS[seed]!r}"


# --- Quotes: every savings figure in the source's own words ---------------------------------------------------

def normalise_printed(text: str) -> str:
    """Text as compared with a source document: one space for any run of whitespace, straight quotes and hyphens."""
    for curly, straight in (("‘’‚′", "'"), ("“”„″", '"'), ("–—‐‑−", "-")):
        text = re.sub(f"[{curly}]", straight, text)
    return re.sub(r"\s+", " ", text).strip()


def quote_found(quote: str, document: str) -> bool:
    """The quote's parts (split where '…' marks words left out) appear in the document, in order."""
    position = 0
    for part in (p.strip() for p in normalise_printed(quote).split("…")):
        if not part:
            continue
        found = document.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_every_quote_is_found_in_its_source_document(hub, seeds):
    prefix_of = {title: prefix for prefix, title in DOCUMENTS.items()}
    documents = {prefix: normalise_printed(text) for prefix, text in seeds.items()}
    missing = [f"{cs.slug} savings[{index}]: {saving.quote!r}"
               for cs in [*hub.case_studies.values(), *hub.drafts] for index, saving in enumerate(cs.savings)
               if saving.quote and not quote_found(saving.quote, documents[prefix_of[cs.source.document]])]
    assert not missing, "quotes not found in the cited document:\n" + "\n".join(missing)


@pytest.mark.parametrize("quote, document, found", [
    ("savings of £677k in the first year", "… delivered savings of £677k in the first\nyear.", True),
    ("“up to £100K” – annual", 'Up to "up to £100K" - annual savings', True),
    ("Total … £12.35m", "Total savings across 49 projects £12.35m", True),
    ("£12.35m … Total", "Total savings across 49 projects £12.35m", False),
    ("savings of £678k", "savings of £677k", False),
])
def test_quote_is_matched_against_the_document_text(quote, document, found):
    assert quote_found(quote, normalise_printed(document)) is found


# --- Good-practice pages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", GOOD_PRACTICE_PAGES)
def test_good_practice_page_types_no_money_or_percentage_by_hand(page):
    text = re.sub(r"\{\{.*?\}\}", "", (ROOT / "docs" / page).read_text(encoding="utf-8"), flags=re.S)
    typed = re.findall(r"£\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?|\d[\d.]*\s?%", text)
    assert not typed, f"{page} types figures that should come from the data through a macro: {typed}"


def amount_words(quote: str, amount: int) -> str:
    """The piece of a quote (between the '…' that mark words left out) that prints its amount, normalised."""
    from macros.content.fields import printed_amounts

    pieces = [p.strip() for p in normalise_printed(quote).split("…")]
    return next((p for p in pieces if amount in printed_amounts(p)), normalise_printed(quote)).lower()


def test_no_figure_is_recorded_twice_in_different_case_studies(hub):
    """A figure a document prints twice in the same words (a summary repeating a section) is one saving: recorded
    once, not once in each case study that cites the passage."""
    seen: dict[tuple, str] = {}
    twice = []
    for cs in hub.case_studies.values():
        for index, saving in enumerate(cs.savings):
            key = (cs.source.document, saving.amount, saving.status, saving.basis,
                   amount_words(saving.quote, saving.amount))
            if key in seen and seen[key] != cs.slug:
                twice.append(f"{cs.slug} savings[{index}] and {seen[key]}: {saving.quote!r}")
            seen.setdefault(key, cs.slug)
    assert not twice, "the same printed figure recorded in two case studies:\n" + "\n".join(twice)
