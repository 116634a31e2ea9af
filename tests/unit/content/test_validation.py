"""Every rule of the content model, broken as an editor would break it, with the message they see."""

from __future__ import annotations

import pytest

from macros.content.validation import check_repository

from tests.conftest import TODAY, VALID_FRONT_MATTER


def problems_for(repo, front_matter=VALID_FRONT_MATTER, body="## The challenge\n\nText.\n", slug="joint-software"):
    repo.case_study(slug, front_matter, body)
    content, problems = check_repository(repo.root, today=TODAY)
    return [str(problem) for problem in problems]


def replace(old: str, new: str) -> str:
    assert old in VALID_FRONT_MATTER
    return VALID_FRONT_MATTER.replace(old, new)


def test_valid_case_study_has_no_problems(repo):
    assert problems_for(repo) == []


@pytest.mark.parametrize("front_matter, expected", [
    pytest.param(replace("title: Joint procurement of software\n", ""),
                 "case_studies/joint-software.md:2: title: required field is missing", id="missing title"),
    pytest.param(replace("themes: [procurement]", "theme: [procurement]"),
                 "theme: unknown field 'theme' — did you mean 'themes'", id="typo in field name"),
    pytest.param(VALID_FRONT_MATTER + "outcome: [Faster]\n",
                 "outcome: unknown field 'outcome' — did you mean 'outcomes'", id="outcome for outcomes"),
    pytest.param(replace("nottingham-city]", "notts-city]"),
                 ":6: authorities[1]: unknown authority 'notts-city' — did you mean 'nottingham-city'", id="unknown authority"),
    pytest.param(replace("themes: [procurement]", "themes: [procurment]"),
                 "themes[0]: unknown theme 'procurment' — did you mean 'procurement'?", id="unknown theme"),
    pytest.param(replace("partnership: em-iep", "partnership: emiep"),
                 "partnership: unknown partnership 'emiep' — did you mean 'em-iep'?", id="unknown partnership"),
    pytest.param(replace("programme: em-iep-srp-2008-11", "programme: srp"),
                 "programme: unknown programme 'srp'", id="unknown programme"),
    pytest.param(replace("title: Joint procurement of software", "title: Four"),
                 "title: is 4 characters long — write 5–120 characters", id="title too short"),
    pytest.param(replace("summary: Councils in Nottinghamshire bought software together and saved money on licences.",
                         "summary: Too short."), "summary: is 10 characters long — write 20–300 characters", id="summary too short"),
    pytest.param(replace("summary: Councils", "summary: <b>Councils</b>"), "summary: the summary must be plain text",
                 id="HTML in summary"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: []"),
                 "(file): names neither authorities nor an area", id="no authorities"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "authorities: nottinghamshire-cc"),
                 "authorities: expected a list, got 'nottinghamshire-cc'", id="authorities not a list"),
    pytest.param(replace("published: 2026-01-15", "published: 2027-01-15"),
                 "published: 2027-01-15 is in the future", id="future date"),
    pytest.param(replace("published: 2026-01-15", "published: 15/01/2026"),
                 "published: '15/01/2026' is not a date — write it as YYYY-MM-DD", id="date in wrong format"),
    pytest.param(replace("published: 2026-01-15", "published: 2026-02-30"),
                 "is not a real date", id="impossible date"),
    pytest.param(VALID_FRONT_MATTER + "updated: 2025-12-01\n",
                 "updated (2025-12-01) is before published (2026-01-15)", id="updated before published"),
    pytest.param(replace('period: {start: "2009", end: "2011"}', 'period: {start: "2011", end: "2009"}'),
                 "period: the period ends (2009) before it starts (2011)", id="period out of order"),
    pytest.param(replace('period: {start: "2009", end: "2011"}', 'period: {start: "2009/10"}'),
                 "period.start: '2009/10' is not a date of the form YYYY or YYYY-MM", id="period financial year"),
    pytest.param(replace("investment: 50000", 'investment: "£1.2m"'),
                 "investment: money written as text ('£1.2m') — write the plain number of pounds: 1200000", id="money as text"),
    pytest.param(replace("amount: 677000", 'amount: "£677k"'),
                 "savings[0].amount: money written as text ('£677k') — write the plain number of pounds: 677000",
                 id="saving as text"),
    pytest.param(replace("investment: 50000", "investment: -5"), "investment: -5 is negative", id="negative investment"),
    pytest.param(replace("amount: 677000", "amount: 0"), "savings[0].amount: 0 is not more than 0", id="zero saving"),
    pytest.param(replace("type: cashable", "type: cash"),
                 "savings[0].type: 'cash' is not allowed — did you mean 'cashable'? use one of: cashable, non-cashable, cost-avoidance, income, unstated",
                 id="bad saving type"),
    pytest.param(replace("status: delivered", "status: achieved"),
                 "savings[0].status: 'achieved' is not allowed — use one of: delivered, forecast", id="bad status"),
    pytest.param(replace("basis: per-year", "basis: annual"),
                 "savings[0].basis: 'annual' is not allowed — use one of: one-off, per-year, total", id="bad basis"),
    pytest.param(replace("basis: per-year", "basis: per-year\n    years: 5"),
                 "savings[0]: years is only used with basis: total", id="years with per-year"),
    pytest.param(replace('  date: "2011-04-12"\n', ""), "source.date: required field is missing", id="source without date"),
    pytest.param(replace('  date: "2011-04-12"', '  date: "April 2011"'),
                 "source.date: 'April 2011' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", id="source date words"),
    pytest.param(VALID_FRONT_MATTER + "contact: {email: not-an-address}\n",
                 "contact.email: 'not-an-address' is not a valid email address", id="bad email"),
    pytest.param(VALID_FRONT_MATTER + "draft: yes please\n", "draft: expected true or false", id="draft not boolean"),
    pytest.param(VALID_FRONT_MATTER + "aliases: [Old_Slug]\n", "aliases[0]: 'Old_Slug' is not a valid slug", id="bad alias"),
])
def test_bad_front_matter_is_reported_with_line_field_and_fix(repo, front_matter, expected):
    problems = problems_for(repo, front_matter)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("front_matter, expected", [
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]\n", ""),
                 "(file): names neither authorities nor an area — list the councils the source names",
                 id="neither authorities nor area"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "area: nottinghamshir"),
                 "area: unknown region or sub-region 'nottinghamshir' — did you mean 'nottinghamshire'?",
                 id="unknown area"),
    pytest.param(replace("type: cashable", "type: unstatd"),
                 "savings[0].type: 'unstatd' is not allowed — did you mean 'unstated'?", id="typo in unstated"),
    pytest.param(replace('quote: "saving £677k a year on licences"', 'quote: "saving £676k a year on licences"'),
                 "savings[0]: the quote does not give the amount 677,000 — quote the source's words",
                 id="quote without the amount"),
    pytest.param(replace('    quote: "saving £677k a year on licences"\n', ""),
                 ":12: savings[0].quote: required field is missing", id="saving without a quote"),
    pytest.param(replace('quote: "saving £677k a year on licences"', f'quote: "{"x" * 301} £677k"'),
                 "savings[0].quote: is 307 characters long — write at most 300 characters", id="quote too long"),
])
def test_content_model_2_fields_are_checked(repo, front_matter, expected):
    found = problems_for(repo, front_matter)
    assert any(expected in problem for problem in found), found


QUOTE_LINE = '    quote: "saving £677k a year on licences"\n'


@pytest.mark.parametrize("front_matter, expected", [
    pytest.param(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: [blaby]\n"),
                 "case_studies/joint-software.md:17: savings[0].authorities[0]: 'blaby' is not among the case study's "
                 "authorities (nottinghamshire-cc, nottingham-city) — credit a saving only to councils listed under "
                 "the case study's authorities", id="a council the case study does not name"),
    pytest.param(replace(QUOTE_LINE, QUOTE_LINE + "    authorities:\n      - nottingham-city\n      - notts-cc\n"),
                 ":19: savings[0].authorities[1]: unknown authority 'notts-cc' — did you mean 'nottinghamshire-cc'?",
                 id="an unknown council, at its own line"),
    pytest.param(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: []\n"),
                 ":17: savings[0].authorities: [] credits the saving to the area as a whole, but the case study has no "
                 "area — give the case study's area:", id="the area's saving without an area"),
    pytest.param(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: [nottingham-city, nottingham-city]\n"),
                 ":17: savings[0].authorities: nottingham-city listed more than once — list each council once",
                 id="a council twice"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "area: nottinghamshire").replace(
        QUOTE_LINE, QUOTE_LINE + "    authorities: [nottingham-city]\n"),
                 "savings[0].authorities[0]: 'nottingham-city' is not among the case study's authorities (none) — "
                 "credit a saving only to councils listed under the case study's authorities: add it there if the "
                 "source names it as taking part, else leave it out; for a saving of the area as a whole write "
                 "authorities: []", id="a council when the case study names none"),
])
def test_a_savings_authorities_are_checked_against_the_case_studys_at_its_line(repo, front_matter, expected):
    found = problems_for(repo, front_matter)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize("front_matter", [
    pytest.param(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: [nottingham-city]\n"), id="one of the councils"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]",
                         "authorities: [nottinghamshire-cc, nottingham-city]\narea: nottinghamshire").replace(
        QUOTE_LINE, QUOTE_LINE + "    authorities: []\n"), id="the area's as a whole"),
])
def test_a_savings_authorities_are_accepted_within_the_case_studys(repo, front_matter):
    assert problems_for(repo, front_matter) == []


def test_a_saving_credited_outside_its_case_study_is_refused_without_a_context_too():
    import yaml

    from macros.content import models

    data = yaml.safe_load(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: [blaby]\n"))
    with pytest.raises(ValueError, match="credited to a council the case study does not name"):
        models.CaseStudy.model_validate({**data, "slug": "joint-software"})
    data = yaml.safe_load(replace(QUOTE_LINE, QUOTE_LINE + "    authorities: []\n"))
    with pytest.raises(ValueError, match=r"authorities: \[\]\) needs the case study's area"):
        models.CaseStudy.model_validate({**data, "slug": "joint-software"})


@pytest.mark.parametrize("front_matter", [
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "area: nottinghamshire"),
                 id="a sub-region as area"),
    pytest.param(replace("authorities: [nottinghamshire-cc, nottingham-city]", "area: east-midlands"),
                 id="a region as area"),
    pytest.param(replace("type: cashable", "type: unstated"), id="unstated type"),
])
def test_content_model_2_values_are_accepted(repo, front_matter):
    assert problems_for(repo, front_matter) == []


@pytest.mark.parametrize("quote, amount, states", [
    ("savings of £677k in the first year", 677_000, True),
    ("Up to £100K annual savings", 100_000, True),
    ("generating £12.35m of savings", 12_350_000, True),
    ("cashable savings of 2,137,416 over 5 years", 2_137_416, True),
    ("10m per annum", 10_000_000, True),
    ("£1.2 million a year", 1_200_000, True),
    ("Derbyshire 0.45 1.20", 450_000, True),  # a row of a table printed in £m
    ("£1.2m", 1_234_000, False),
    ("savings of £12.35m", 35_000_000, False),
    ("year 2011", 2_011_000, True),  # any printed number can be read in £000: the seed check keeps quotes honest
])
def test_quote_states_amount_reads_printed_figures(quote, amount, states):
    from macros.content.fields import quote_states_amount
    assert quote_states_amount(quote, amount) is states


def test_line_numbers_point_at_the_field(repo):
    problems = problems_for(repo, replace("type: cashable", "type: cash"))
    assert problems[0].startswith("case_studies/joint-software.md:13: savings[0].type:")


def test_every_problem_in_every_file_is_reported_at_once(repo):
    repo.case_study("first-file", replace("themes: [procurement]", "themes: [procurment]"))
    repo.case_study("second-file", replace("status: delivered", "status: done").replace("investment: 50000", "investment: '£5k'"))
    content, problems = check_repository(repo.root, today=TODAY)
    fields = sorted((p.path, p.field) for p in problems)
    assert fields == [("case_studies/first-file.md", "themes[0]"),
                      ("case_studies/second-file.md", "investment"),
                      ("case_studies/second-file.md", "savings[0].status")]


def test_malformed_yaml_names_the_line(repo):
    problems = problems_for(repo, replace("themes: [procurement]", "themes: [procurement"))
    assert len(problems) == 1 and "malformed YAML" in problems[0]
    assert problems[0].startswith("case_studies/joint-software.md:")


def test_unquoted_colon_in_title_is_reported_as_malformed_yaml(repo):
    problems = problems_for(repo, replace("title: Joint procurement of software", "title: Software: bought jointly"))
    assert "malformed YAML" in problems[0] and "quoted" in problems[0]


def test_python_tags_are_refused_not_run(repo, tmp_path):
    marker = tmp_path / "ran"
    front = VALID_FRONT_MATTER + f"pwned: !!python/object/apply:os.system ['touch {marker}']\n"
    problems = problems_for(repo, front)
    assert not marker.exists()
    assert any("YAML tags are refused" in p for p in problems), problems


def test_file_without_front_matter_is_reported(repo):
    repo.write("case_studies/no-front-matter.md", "# Just a heading\n\nSome text.\n")
    content, problems = check_repository(repo.root, today=TODAY)
    assert [str(p) for p in problems] == [
        "case_studies/no-front-matter.md:1: front matter: the file does not start with front matter — "
        "put the fields between two lines of '---' at the very top of the file"]


def test_file_name_that_is_not_a_slug_is_reported(repo):
    problems = problems_for(repo, slug="Joint_Software")
    assert any(p.startswith("case_studies/Joint_Software.md:1: file name: 'Joint_Software' is not a valid slug — "
                            "rename the file to 3–80") and p.endswith("e.g. 'joint-software.md'") for p in problems), \
        problems


def test_alias_that_is_another_slug_is_reported(repo):
    repo.case_study("other-study")
    problems = problems_for(repo, VALID_FRONT_MATTER + "aliases: [other-study]\n")
    assert any("aliases[0]: alias 'other-study' is the slug of another case study" in p for p in problems), problems


def test_alias_claimed_twice_is_reported(repo):
    repo.case_study("first-study", VALID_FRONT_MATTER + "aliases: [old-name]\n")
    problems = problems_for(repo, VALID_FRONT_MATTER + "aliases: [old-name]\n")
    assert any("alias 'old-name' is already an alias of" in p for p in problems), problems


@pytest.mark.parametrize("body, what", [
    ("Hello <script>alert(1)</script>\n", "a <script> element"),
    ('<iframe src="https://example.org"></iframe>\n', "an <iframe> element"),
    ('<img src="x.png" onerror="alert(1)">\n', "an on…= event attribute"),
    ("[click](javascript:alert(1))\n", "a javascript: (or data:) link"),
    ('<a href="javascript:alert(1)">x</a>\n', "a javascript: (or data:) link"),
])
def test_executable_html_in_body_is_refused_with_line(repo, body, what):
    problems = problems_for(repo, body="## Results\n\n" + body)
    expected = f"case_studies/joint-software.md:{VALID_FRONT_MATTER.count(chr(10)) + 6}: body: {what} is not allowed"
    assert any(expected in problem for problem in problems), problems


def test_register_problems_are_reported(repo):
    repo.write("data/themes.yaml", "- id: procurement\n  name: Procurement\n- id: shared\n  name: Shared\n- id: procurement\n  name: Again\n  description: x\n")
    content, problems = check_repository(repo.root, today=TODAY)
    messages = [str(p) for p in problems]
    assert "data/themes.yaml:3: [1].description: required field is missing" in " ".join(messages)
    assert any("duplicate id 'procurement'" in m for m in messages)
