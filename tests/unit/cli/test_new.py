"""`pkhub new` as an editor uses it: the slug from the title, ids checked, collisions refused, placeholders refused."""

from __future__ import annotations

import argparse
import io
import re

import pytest
import yaml

from macros.content import models
from macros.cli.check import run_check
from macros.cli.main import main
from macros.cli.new import render_template
from macros.cli.new import run as run_new
from macros.content.markup import describe_placeholder
from macros.content.validation import check_repository

from tests.conftest import REGISTERS, TODAY, VALID_FRONT_MATTER

TITLE = "Joint procurement of school meals"
SLUG = "joint-procurement-of-school-meals"


def new(repo, *flags, ask=None):
    """Run `pkhub new` in the repo; return (exit status, what it printed)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--title")
    parser.add_argument("--authority", action="append", default=[])
    parser.add_argument("--area")
    parser.add_argument("--theme", action="append", default=[])
    parser.add_argument("--partnership")
    parser.add_argument("--slug")
    parser.add_argument("--yes", action="store_true")
    args = parser.parse_args(list(flags))
    args.root = repo.root
    out = io.StringIO()
    status = run_new(args, ask=ask, out=out, today=TODAY)
    return status, out.getvalue()


def flags(title=TITLE, authority="nottinghamshire-cc", theme="procurement", partnership="em-iep"):
    return ["--title", title, "--authority", authority, "--theme", theme] + (["--partnership", partnership] if partnership else [])


def answering(*answers: str):
    """An editor answering `pkhub new`'s questions in turn: (the ask function, the questions it was asked)."""
    given, asked = iter(answers), []

    def ask(question: str) -> str:
        asked.append(question)
        return next(given)

    return ask, asked

def problems_in(repo) -> list[str]:
    _, problems = check_repository(repo.root, today=TODAY)
    return [str(problem) for problem in sorted(problems)]


def test_new_case_study_is_written_from_flags_and_its_slug_shown(repo):
    status, printed = new(repo, *flags())
    assert status == 0, printed
    assert f"Slug: {SLUG}" in printed and f"/case-studies/{SLUG}/" in printed
    text = (repo.root / "case_studies" / f"{SLUG}.md").read_text()
    front_matter = yaml.safe_load(text.split("---")[1])
    assert front_matter["title"] == TITLE
    assert front_matter["authorities"] == ["nottinghamshire-cc"] and front_matter["themes"] == ["procurement"]
    assert front_matter["partnership"] == "em-iep" and front_matter["published"] == TODAY
    assert "draft" not in front_matter  # it publishes once filled in; the placeholders stop it before then


def test_template_explains_every_field_of_the_model():
    registers = {name: {item["id"]: models.REGISTER_MODELS[name].model_validate(item) for item in items}
                 for name, items in REGISTERS.items()}
    text = render_template(TITLE, "em-iep", ["blaby"], ["procurement"], registers, TODAY)
    fields = [name for name in models.CaseStudy.model_fields if name not in ("slug", "body")]
    assert [name for name in fields if not re.search(rf"^# {name} \((required|optional)\):", text, re.M)] == []
    for name, info in models.CaseStudy.model_fields.items():
        if name in fields:
            assert f"# {name} ({'required' if info.is_required() else 'optional'})" in text


def test_placeholders_are_refused_by_the_check_all_at_once(repo):
    new(repo, *flags())
    problems = problems_in(repo)
    fields = [re.match(rf"case_studies/{SLUG}\.md:\d+: ([^:]+):", p).group(1) for p in problems]
    assert fields == ["summary", "source.document", "source.date", "body", "body", "body", "body"], problems
    assert all("REPLACE" in problem for problem in problems)


def test_each_placeholder_in_the_body_is_reported_at_its_own_line(repo):
    new(repo, *flags())
    lines = (repo.root / "case_studies" / f"{SLUG}.md").read_text().splitlines()
    expected = [f"case_studies/{SLUG}.md:{number}: body: {describe_placeholder(text)}"
                for number, text in enumerate(lines, start=1) if text.startswith("REPLACE with")]
    assert len(expected) == 4
    assert [problem.split(" — ")[0] for problem in problems_in(repo) if ": body: " in problem] == expected


def test_filled_in_case_study_passes_the_check(repo):
    new(repo, *flags())
    path = repo.root / "case_studies" / f"{SLUG}.md"
    text = path.read_text()
    text = text.replace("REPLACE with one or two sentences: what was done, by whom, and what it achieved.",
                        "Nottinghamshire councils bought school meals together and saved on every contract.")
    text = text.replace('"REPLACE with the title of the source document"', '"EM IEP Board meeting pack"')
    text = text.replace('"REPLACE with YYYY-MM-DD"', '"2011-04-12"')
    text = re.sub(r"REPLACE with ([^\n]*)", lambda m: m.group(1).capitalize(), text)
    path.write_text(text)
    assert problems_in(repo) == []


@pytest.mark.parametrize("text", ["TODO: say what was saved", "REPLACE me", "Figures TODO"])
def test_placeholder_words_are_refused_in_any_text_field(repo, text):
    repo.case_study("joint-software", VALID_FRONT_MATTER + f"outcomes: [{text!r}]\n")
    assert any("outcomes[0]: still has the template's placeholder" in p for p in problems_in(repo))


@pytest.mark.parametrize("setup, expected", [
    (lambda repo: repo.case_study(SLUG),
     f"the slug '{SLUG}' is taken: case_studies/{SLUG}.md exists"),
    (lambda repo: repo.case_study("school-meals", VALID_FRONT_MATTER + f"aliases: [{SLUG}]\n"),
     f"the slug '{SLUG}' is taken: it is an old address (alias) of case_studies/school-meals.md"),
    (lambda repo: repo.write("data/published-slugs.txt", f"# record\n{SLUG}\n"),
     f"the slug '{SLUG}' is taken: it was published before and is kept in data/published-slugs.txt"),
])
def test_scaffold_refuses_a_slug_that_exists(repo, setup, expected):
    setup(repo)
    before = sorted(path.name for path in (repo.root / "case_studies").glob("*.md"))
    status, printed = new(repo, *flags())
    assert status == 2
    assert expected in printed
    assert f"--slug {SLUG}-nottinghamshire-cc" in printed  # a free slug is suggested
    assert sorted(path.name for path in (repo.root / "case_studies").glob("*.md")) == before


def test_a_chosen_slug_is_used_and_checked(repo):
    assert new(repo, *flags(), "--slug", "school-meals-notts")[0] == 0
    assert (repo.root / "case_studies" / "school-meals-notts.md").exists()
    status, printed = new(repo, *flags(title="Another title here"), "--slug", "School_Meals")
    assert status == 2 and "'School_Meals' cannot be a slug" in printed


@pytest.mark.parametrize("changed, expected", [
    ({"authority": "notts-city"}, "unknown authority 'notts-city' — did you mean 'nottingham-city'?"),
    ({"theme": "procurment"}, "unknown theme 'procurment' — did you mean 'procurement'?"),
    ({"partnership": "emiep"}, "unknown partnership 'emiep' — did you mean 'em-iep'?"),
    ({"title": "Four"}, "a title has 5–120 characters; this one has 4"),
    ({"partnership": None}, "give --partnership, one of: em-iep"),
])
def test_bad_values_are_refused_with_suggestions(repo, changed, expected):
    status, printed = new(repo, *flags(**changed))
    assert status == 2
    assert expected in printed
    assert list((repo.root / "case_studies").glob("*.md")) == []


def test_authorities_may_be_given_by_name_or_alias_and_several_at_once(repo):
    status, _ = new(repo, *flags(authority="Notts CC, Nottingham City Council"), "--authority", "blaby")
    assert status == 0
    front_matter = yaml.safe_load((repo.root / "case_studies" / f"{SLUG}.md").read_text().split("---")[1])
    assert front_matter["authorities"] == ["nottinghamshire-cc", "nottingham-city", "blaby"]


def test_partnership_is_suggested_from_the_authoritys_sub_region(repo):
    sub_regions = [{**item, "partnership": "em-iep"} for item in REGISTERS["sub_regions"]]
    repo.write("data/sub_regions.yaml", yaml.safe_dump(sub_regions, sort_keys=False))
    status, printed = new(repo, *flags(partnership=None))
    assert status == 0
    assert "Partnership: em-iep (the partnership of Nottinghamshire County Council's sub-region" in printed


def test_editor_is_asked_for_what_is_missing_until_it_is_valid(repo):
    ask, asked = answering(TITLE, "notts-city", "Nottingham City Council", "procurement", "em-iep", "y")
    status, printed = new(repo, ask=ask)
    assert status == 0, printed
    assert asked[:2] == ["Title: ", "Authorities (ids or names, separated by commas; Enter if the source names none): "]
    assert "unknown authority 'notts-city' — did you mean 'nottingham-city'?" in printed
    assert asked[-1] == "Write it? [Y/n] "
    assert printed.index(f"Slug: {SLUG}") < printed.index(f"Wrote case_studies/{SLUG}.md")
    assert (repo.root / "case_studies" / f"{SLUG}.md").exists()


def test_declining_to_write_leaves_no_file(repo):
    status, printed = new(repo, *flags(), ask=answering("n")[0])
    assert status == 1 and "Nothing written." in printed
    assert list((repo.root / "case_studies").glob("*.md")) == []


def test_ending_the_questions_early_leaves_no_file(repo):
    def ask(question):
        raise EOFError

    status, printed = new(repo, ask=ask)
    assert status == 1 and "Nothing written." in printed
    assert list((repo.root / "case_studies").glob("*.md")) == []


def test_hub_new_command_runs_from_the_command_line(repo, capsys):
    assert main(["--root", str(repo.root), "new", *flags()]) == 0
    assert f"Wrote case_studies/{SLUG}.md" in capsys.readouterr().out


def test_check_lists_every_problem_in_every_file_at_once(repo):
    new(repo, *flags())
    repo.case_study("second-file", VALID_FRONT_MATTER.replace("type: cashable", "type: cash"))
    out = io.StringIO()
    assert run_check(repo.root, out=out) == 1
    lines = out.getvalue().splitlines()
    assert len([line for line in lines if line.startswith("case_studies/")]) == 8
    assert "case_studies/second-file.md:13: savings[0].type: 'cash' is not allowed" in out.getvalue()
    assert lines[-1] == "8 problems found; fix them and run the check again."


def test_check_prints_github_annotations_on_the_problem_lines(repo):
    new(repo, *flags())
    out = io.StringIO()
    assert run_check(repo.root, "github", out=out) == 1
    annotations = [line for line in out.getvalue().splitlines() if line.startswith("::")]
    assert len(annotations) == 7
    assert annotations[0] == (
        f"::error file=case_studies/{SLUG}.md,line=11,title=Hub check::summary: still has the template's placeholder "
        "'REPLACE with one or two sentences: what was done, by whom, and what it achieved.' — write your own text "
        "in place of each line marked REPLACE")
    assert all(re.fullmatch(rf"::error file=case_studies/{SLUG}\.md,line=\d+,title=Hub check::[^\n]+", a)
               for a in annotations)


# --- Area-wide work: an area instead of councils, or beside them ---------------------------------------------------

def front_matter_of(repo) -> dict:
    return yaml.safe_load((repo.root / "case_studies" / f"{SLUG}.md").read_text().split("---")[1])


def test_an_editor_who_names_no_council_is_asked_for_the_area_and_it_is_written(repo):
    ask, asked = answering(TITLE, "", "Nottinghamshre", "Nottinghamshire", "procurement", "em-iep", "y")
    status, printed = new(repo, ask=ask)
    assert status == 0, printed
    assert asked[1:4] == ["Authorities (ids or names, separated by commas; Enter if the source names none): ",
                          "Area of the work (a region or sub-region, id or name): ",
                          "Area of the work (a region or sub-region, id or name): "]
    assert "unknown area 'Nottinghamshre' — did you mean 'nottinghamshire'?" in printed
    front_matter = front_matter_of(repo)
    assert front_matter["area"] == "nottinghamshire" and "authorities" not in front_matter
    assert "# authorities: [council-id, council-id]" in (repo.root / "case_studies" / f"{SLUG}.md").read_text()


def test_an_area_may_be_given_in_answer_to_the_councils_question(repo):
    status, printed = new(repo, ask=answering(TITLE, "East Midlands", "procurement", "em-iep", "y")[0])
    assert status == 0, printed
    assert front_matter_of(repo)["area"] == "east-midlands"


def test_an_answer_that_is_neither_a_council_nor_an_area_is_refused_with_both_suggested(repo):
    status, printed = new(repo, ask=answering(TITLE, "Blabby", "blaby", "procurement", "em-iep", "y")[0])
    assert status == 0, printed
    assert ("unknown authority 'Blabby' — did you mean 'blaby'? (ids are listed in data/authorities.yaml); or, for "
            "work the source names no council for, give its area") in printed
    assert front_matter_of(repo)["authorities"] == ["blaby"] and "area" not in front_matter_of(repo)


@pytest.mark.parametrize("extra, expected", [
    (["--area", "leicestershire"], {"area": "leicestershire"}),
    (["--area", "East Midlands", "--authority", "blaby"], {"area": "east-midlands", "authorities": ["blaby"]}),
])
def test_area_is_written_from_the_flag_with_or_without_councils(repo, extra, expected):
    status, printed = new(repo, "--title", TITLE, "--theme", "procurement", "--partnership", "em-iep", *extra)
    assert status == 0, printed
    front_matter = front_matter_of(repo)
    assert {key: front_matter[key] for key in expected} == expected
    assert ("authorities" in front_matter) is ("authorities" in expected)


def test_no_council_and_no_area_from_flags_is_refused(repo):
    status, printed = new(repo, "--title", TITLE, "--theme", "procurement", "--partnership", "em-iep")
    assert status == 2 and "give --authority, or --area for work the source names no council for" in printed


def test_partnership_is_suggested_from_the_area(repo):
    sub_regions = [{**item, "partnership": "em-iep"} for item in REGISTERS["sub_regions"]]
    repo.write("data/sub_regions.yaml", yaml.safe_dump(sub_regions, sort_keys=False))
    status, printed = new(repo, "--title", TITLE, "--theme", "procurement", "--area", "nottinghamshire")
    assert status == 0, printed
    assert "Partnership: em-iep (the partnership of the area nottinghamshire" in printed


def test_an_area_case_study_filled_in_passes_the_check(repo):
    new(repo, "--title", TITLE, "--theme", "procurement", "--partnership", "em-iep", "--area", "east-midlands")
    path = repo.root / "case_studies" / f"{SLUG}.md"
    text = path.read_text()
    text = text.replace('"REPLACE with the title of the source document"', '"EM IEP Board meeting pack"')
    text = text.replace('"REPLACE with YYYY-MM-DD"', '"2011-04-12"')
    text = re.sub(r"REPLACE with ([^\n]*)", lambda m: m.group(1).capitalize(), text)
    path.write_text(text)
    assert problems_in(repo) == []


def test_the_slug_the_check_suggests_for_a_file_named_by_its_title_is_the_slug_pkhub_new_makes(repo):
    title = "Leicester’s £1.2m shared ICT & HR"
    repo.case_study(title)  # an editor saved the file under its title
    [problem] = [p for p in problems_in(repo) if ": file name: " in p]
    status, printed = new(repo, *flags(title=title))
    assert status == 0, printed
    assert "Slug: leicesters-1-2m-shared-ict-and-hr " in printed
    assert problem.endswith("e.g. 'leicesters-1-2m-shared-ict-and-hr.md'"), problem
