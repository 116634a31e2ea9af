"""The defences of SECURITY.md at the source (content/parse.py, markup.py, the models): YAML is data, never code;
contributed markup passes an allowlist; fields are plain text and addresses web addresses; slugs stay in their
folder — each refused with the file, line and what to write instead."""

from __future__ import annotations

import time

import pytest

from macros.content.markup import find_body_problems
from macros.content.parse import YamlError, parse_yaml
from macros.content.validation import check_repository

from tests.conftest import TODAY, VALID_FRONT_MATTER


def problems_for(repo, front_matter: str = VALID_FRONT_MATTER, body: str = "## Results\n\nFine.\n") -> list[str]:
    repo.case_study("joint-software", front_matter, body)
    _, problems = check_repository(repo.root, today=TODAY)
    return [str(p) for p in problems]


# --- YAML is data, never code -----------------------------------------------------------------------

def test_yaml_aliases_are_refused_so_a_small_file_cannot_expand_to_billions_of_values():
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    started = time.perf_counter()
    with pytest.raises(YamlError, match="aliases"):
        parse_yaml("\n".join(levels) + "\n", first_line=2)  # 500 bytes: 10^9 values if expanded
    assert time.perf_counter() - started < 1


def test_an_alias_in_a_case_study_is_reported_to_the_editor(repo):
    problems = problems_for(repo, VALID_FRONT_MATTER.replace("themes: [procurement]", "themes: &t [procurement]")
                            + "outcomes: *t\n")
    assert any("YAML aliases (*name) are refused" in p for p in problems), problems


# --- Contributed markup: an allowlist ----------------------------------------------------------------

@pytest.mark.parametrize("body, what", [
    ("<svg/onload=alert(1)>", "an on…= event attribute"),
    ('<img src=x\n  onerror="alert(1)">', "an on…= event attribute"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "a javascript: (or data:) link"),
    ('<a href="java\tscript:alert(1)">x</a>', "a javascript: (or data:) link"),
    ("[x](&#106;avascript:alert(1))", "a javascript: (or data:) link"),
    ("[x][1]\n\n[1]: javascript:alert(1)", "a javascript: (or data:) link"),
    ("<javascript:alert(1)>", "a javascript: (or data:) link"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a javascript: (or data:) link"),
    ("[x](https://example.org){onclick=\"alert(1)\"}", "an attribute list {…}"),
    ("A paragraph\n{: onmouseover=\"alert(1)\" }", "an attribute list {…}"),
    ('<base href="https://evil.example/">', "a <base> element"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "a <meta> element"),
    ('<form action="https://evil.example/"><input type=password></form>', "a <form> element"),
    ("<style>body { display: none }</style>", "a <style> element"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "a <link> element"),
    ('<img src="https://tracker.example/pixel.gif" alt="">', "an <img> element"),
    ("![chart](https://tracker.example/pixel.gif)", "an image from another host"),
    ('<div markdown="1">x</div>', "a <div> element"),
    ('<abbr title="x" style="position:fixed">EM</abbr>', "the attribute style= on <abbr>"),
    ("<!DOCTYPE html>", "HTML markup"),
    ("[x](vbscript:msgbox(1))", "a javascript: (or data:) link"),
    ("[x](file:///etc/passwd)", "a file: link"),
])
def test_markup_that_could_run_load_send_or_redirect_is_refused(body, what):
    assert f"{what} is not allowed in contributed content" in [found for _, found, _ in find_body_problems(body)]


@pytest.mark.parametrize("body", [
    "Savings rose by more than 10% (from < £5k to > £9k), see <https://www.gov.uk/> or <officer@example.gov.uk>.",
    "[The report](https://example.org/report.pdf \"title\"), [mail](mailto:a@example.org), [a page](../../themes/procurement/)",
    "[ref][1]\n\n[1]: https://example.org/\n",
    "H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"East Midlands\">EM</abbr>, <br>, <strong>x</strong> <!-- note -->",
    "## Results {#results}\n\nCode: `a < b`, {{ 7 * 7 }} and {% if x == 1 %}",
    "![a chart](chart.png)",
])
def test_plain_markdown_and_harmless_inline_tags_pass(body):
    assert find_body_problems(body) == []


def test_the_editor_is_told_the_file_line_and_what_to_write_instead(repo):
    problems = problems_for(repo, body="## Results\n\nFine.\n\nSee <svg/onload=alert(1)>\n")
    line = VALID_FRONT_MATTER.count("\n") + 8
    assert f"case_studies/joint-software.md:{line}: body: a <svg> element is not allowed in contributed content — " \
           "write it in Markdown instead: case-study bodies are plain Markdown" in problems


@pytest.mark.parametrize("change, expected", [
    (("title: Joint procurement of software", "title: Joint <img src=x onerror=alert(1)> software"),
     "title: HTML is not allowed in a field"),
    (("  section: Item 6", "  section: Item 6\n  url: 'javascript:alert(1)'"),
     "source.url: a javascript: (or data:) link is not allowed"),
    (("  section: Item 6", "  section: Item 6\n  url: www.example.org/report"), "source.url: 'www.example.org/report' is not a web address"),
    (("investment: 50000", "investment: 50000\noutcomes: ['</p><script>alert(1)</script>']"),
     "outcomes[0]: HTML is not allowed in a field"),
])
def test_fields_are_plain_text_and_addresses_are_web_addresses(repo, change, expected):
    problems = problems_for(repo, VALID_FRONT_MATTER.replace(*change))
    assert any(expected in p for p in problems), problems


def test_register_and_dataset_text_is_plain_text_too(repo):
    repo.write("data/themes.yaml", "- id: procurement\n  name: Procurement<script>alert(1)</script>\n  description: x\n"
               "- id: shared-services\n  name: Shared services\n  description: '\"><svg onload=alert(1)>'\n")
    problems = problems_for(repo)
    assert any(p.startswith("data/themes.yaml:2: [0].name: HTML is not allowed") for p in problems), problems
    assert any(p.startswith("data/themes.yaml:6: [1].description: HTML is not allowed") for p in problems), problems


# --- Addresses: slugs stay in their folder --------------------------------------------------------------

@pytest.mark.parametrize("alias", ["../index", "a/b", "..", ".hidden", "Case-Study", "x y", "%2e%2e", "a" * 81])
def test_aliases_that_could_leave_the_case_study_folder_are_refused(repo, alias):
    problems = problems_for(repo, VALID_FRONT_MATTER + f"aliases: ['{alias}']\n")
    assert any("aliases[0]" in p and "not a valid slug" in p for p in problems), problems


@pytest.mark.parametrize("name", ["escape..", "Bad Name", "dots.in.name", "-leading"])
def test_file_names_that_are_not_slugs_are_refused(repo, name):
    repo.case_study(name)
    _, problems = check_repository(repo.root, today=TODAY)
    assert any("file name" in str(p) and "not a valid slug" in str(p) for p in problems), [str(p) for p in problems]


def test_a_field_with_html_is_reported_beside_another_problem_on_the_same_line(repo):
    front_matter = VALID_FRONT_MATTER.replace(
        "investment: 50000", "investment: 50000\noutcomes: ['<img src=x onerror=alert(1)>', '']")
    problems = problems_for(repo, front_matter)
    line = front_matter.splitlines().index("outcomes: ['<img src=x onerror=alert(1)>', '']") + 2
    on_the_line = [p for p in problems if p.startswith(f"case_studies/joint-software.md:{line}: ")]
    assert [p.split(" — ")[0].split(": ", 1)[1] for p in sorted(on_the_line)] == [
        "outcomes[0]: HTML is not allowed in a field", "outcomes[1]: is 0 characters long"], problems
