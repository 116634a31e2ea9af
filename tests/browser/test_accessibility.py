"""Accessibility in a real browser: axe-core on the key pages in both palettes, keyboard use, reflow, and the
accessibility statement kept current with the latest audit.

To record a new audit, run `HUB_WRITE_AUDIT=1 .venv/bin/pytest tests/browser/test_accessibility.py`: it rewrites
reports/accessibility.json and the audit blocks of docs/accessibility.md; commit both."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re

import pytest
from axe_playwright_python.base import AXE_FILE_PATH

from tests.browsing import KEY_PAGES, STILL, open_tab, visit, wait_for_results
from tests.conftest import ROOT

REPORT = ROOT / "reports" / "accessibility.json"
STATEMENT = ROOT / "docs" / "accessibility.md"
WRITE_AUDIT = os.environ.get("HUB_WRITE_AUDIT") == "1"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
IMPACTS = ["critical", "serious", "moderate", "minor"]
BLOCKING = {"critical", "serious"}
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
CASE_STUDY = "case-studies/glossop-one-stop-shop/"
DATASET = "datasets/em-iep-srp-savings-2008-11/"


def run_axe(tab) -> dict:
    tab.add_script_tag(path=str(AXE_FILE_PATH))
    return tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                        ".then(r => ({version: axe.version, violations: r.violations}))", RULE_TAGS)


@pytest.fixture(scope="module")
def audit(browser, site_url) -> dict:
    """axe-core over every key page in both palettes: {(page name, palette): [violation, …]}, plus versions."""
    found, version = {}, ""
    for palette, scheme in PALETTES.items():
        # axe-core is added to each page as a script, which the page's Content-Security-Policy would block: the audit
        # sets the policy aside (tests/browser/test_privacy.py checks the key pages break no rule of it).
        tab = open_tab(browser, palette, bypass_csp=True)
        for page in KEY_PAGES:
            visit(tab, site_url, page)
            assert tab.get_attribute("body", "data-md-color-scheme") == scheme, f"{page.name} not in the {palette} palette"
            result = run_axe(tab)
            found[(page.name, palette)], version = result["violations"], result["version"]
        tab.context.close()
    return {"violations": found, "axe": version, "browser": browser.version}


def success_criteria(tags: list[str]) -> list[str]:
    """axe's tags as WCAG success criteria: 'wcag143' -> '1.4.3'."""
    return [".".join([t[4], t[5], t[6:]]) for t in tags if re.fullmatch(r"wcag\d{3,4}", t)]


def summarise_audit(audit: dict, date: dt.date) -> dict:
    """The report committed to reports/accessibility.json: what was tested, how, and every violation found."""
    violations = []
    for (name, palette), found in audit["violations"].items():
        for violation in found:
            violations.append({
                "page": name, "palette": palette, "rule": violation["id"], "impact": violation["impact"],
                "criteria": success_criteria(violation["tags"]), "problem": violation["help"],
                "elements": len(violation["nodes"]),
            })
    violations.sort(key=lambda v: (IMPACTS.index(v["impact"]), v["page"], v["palette"], v["rule"]))
    return {
        "date": date.isoformat(),
        "standard": "WCAG 2.2 level AA",
        "tool": f"axe-core {audit['axe']}",
        "rules": RULE_TAGS,
        "browser": f"Chromium {audit['browser']}",
        "palettes": list(PALETTES),
        "pages": [{"page": page.name, "address": page.url_path} for page in KEY_PAGES],
        "counts": {impact: sum(v["impact"] == impact for v in violations) for impact in IMPACTS},
        "violations": violations,
    }


def comparable(report: dict) -> tuple:
    """What must match between the committed report and this run: pages and violations, not dates or versions."""
    return (report["pages"], report["palettes"], report["rules"],
            sorted((v["page"], v["palette"], v["rule"], v["impact"]) for v in report["violations"]))


# --- The statement's audit blocks -----------------------------------------------------------------

def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def render_audit_blocks(report: dict) -> dict[str, str]:
    """The Markdown of each `<!-- audit:NAME -->` block of docs/accessibility.md, from the report."""
    date = long_date(report["date"])
    failures = [v for v in report["violations"] if v["criteria"]]
    if failures:
        problems = (f"The latest automated audit ({date}) found these problems on the pages tested:\n\n"
                    + "\n".join(f"- {v['page']} ({v['palette']} colour scheme): {v['problem'].rstrip('.')} "
                                f"({v['elements']} element{'s' if v['elements'] != 1 else ''}; "
                                f"WCAG {', '.join(v['criteria'])})" for v in failures))
        status = ("This website is partially compliant with the [Web Content Accessibility Guidelines version 2.2]"
                  "(https://www.w3.org/TR/WCAG22/) AA standard, due to the non-compliances listed below.")
        non_compliance = "\n".join(f"- {v['problem'].rstrip('.')}, on the {v['page']} in the {v['palette']} colour "
                                   f"scheme. This fails WCAG 2.2 success criterion {', '.join(v['criteria'])}."
                                   for v in failures)
    else:
        problems = (f"The latest automated audit ({date}) found no failures of WCAG 2.2 level A or AA "
                    "on the pages tested.")
        status = ("This website is partially compliant with the [Web Content Accessibility Guidelines version 2.2]"
                  "(https://www.w3.org/TR/WCAG22/) AA standard. The latest automated audit and keyboard checks found "
                  "no failures of a level A or AA success criterion on the pages tested, but the website has not yet "
                  "had a full manual audit (with screen readers, zoom and speech input), so we cannot yet say it is "
                  "fully compliant.")
        non_compliance = "The latest automated audit found no content that fails a level A or AA success criterion."
    advisories = [v for v in report["violations"] if not v["criteria"]]
    if advisories:
        pages = sorted({v["page"] for v in advisories})
        problems += (f" It found {len(advisories)} problem{'s' if len(advisories) != 1 else ''} against good practice "
                     f"that {'are' if len(advisories) != 1 else 'is'} not a failure of WCAG (on the "
                     f"{', '.join(pages)}), listed under \"Preparation of this accessibility statement\" below.")
    rows = []
    for page in report["pages"]:
        cells = []
        for palette in report["palettes"]:
            found = [v for v in report["violations"] if v["page"] == page["page"] and v["palette"] == palette]
            cells.append(html.escape("; ".join(f"{v['impact']}: {v['problem'].rstrip('.')}" for v in found) or "none found"))
        link = "../" + page["address"].lstrip("/")  # the statement is at /accessibility/
        rows.append(f'<tr><th scope="row"><a href="{html.escape(link)}">{html.escape(page["page"])}</a></th>'
                    + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    counts = ", ".join(f"{report['counts'][impact]} {impact}" for impact in IMPACTS)
    testing = (
        f"This website was last tested on {date}. Every change is tested the same way before it is published.\n\n"
        f"The test suite builds the whole site, opens each page below in a real browser ({report['browser']}) in "
        f"both the light and the dark colour scheme, and checks it with {report['tool']} against {report['standard']} "
        "(level A and AA rules, and axe's best practices). A serious or critical problem stops publication. "
        "With the keyboard alone, it also checks that the first Tab press reveals a \"Skip to content\" link that "
        "moves focus to the content, that each control shows where the focus is, and that search can be reached, "
        "used and its results opened. It checks that pages reflow at 320 pixels wide (400% zoom) without "
        "scrolling sideways.\n\n"
        f"Problems found in the latest audit, by impact: {counts}.\n\n"
        '<table class="hub-table">\n<caption>Problems found by the latest automated audit, by page and colour scheme'
        '</caption>\n<thead><tr><th scope="col">Page</th>'
        + "".join(f'<th scope="col">{palette.capitalize()} colour scheme</th>' for palette in report["palettes"])
        + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
    return {"problems": problems, "status": status, "non-compliance": non_compliance, "testing": testing}


BLOCK = re.compile(r"(<!-- audit:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(\n<!-- /audit:(?P=name) -->)", re.S)


def fill_audit_blocks(text: str, blocks: dict[str, str]) -> str:
    return BLOCK.sub(lambda m: m.group(1) + blocks[m.group("name")] + m.group(4), text)


# --- Tests ---------------------------------------------------------------------------------------

def test_each_key_page_shows_what_it_was_chosen_for(site):
    missing = [page.name for page in KEY_PAGES
               if page.contains not in (site / page.address.split("?")[0] / "index.html").read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("name", [page.name for page in KEY_PAGES])
def test_page_has_no_serious_or_critical_accessibility_problem(audit, name, palette):
    blocking = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
        f"{' '.join(n['target'])}: {n['failureSummary']}" for n in v["nodes"][:3])
        for v in audit["violations"][(name, palette)] if v["impact"] in BLOCKING]
    assert blocking == []


def test_the_committed_audit_report_matches_this_audit(audit):
    current = summarise_audit(audit, dt.date.today())
    if WRITE_AUDIT:
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(json.dumps(current, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        STATEMENT.write_text(fill_audit_blocks(STATEMENT.read_text(encoding="utf-8"), render_audit_blocks(current)),
                             encoding="utf-8")
    committed = json.loads(REPORT.read_text(encoding="utf-8"))
    assert comparable(committed) == comparable(current), \
        "the site's accessibility changed: run HUB_WRITE_AUDIT=1 .venv/bin/pytest tests/browser/test_accessibility.py and commit"


def test_the_accessibility_statement_shows_the_latest_audit():
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    text = STATEMENT.read_text(encoding="utf-8")
    blocks = render_audit_blocks(report)
    assert sorted(m.group("name") for m in BLOCK.finditer(text)) == sorted(blocks)
    assert fill_audit_blocks(text, blocks) == text, \
        "docs/accessibility.md is older than reports/accessibility.json: run HUB_WRITE_AUDIT=1 on this test file"


def test_the_accessibility_statement_is_published_and_linked_from_every_page(site):
    statement = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    assert f"This website was last tested on {long_date(report['date'])}" in statement
    for heading in ("Compliance status", "Non-accessible content", "Reporting accessibility problems with this website",
                    "Enforcement procedure", "Preparation of this accessibility statement"):
        assert f">{heading}<" in statement
    unlinked = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
                if "md-footer" in (text := p.read_text(encoding="utf-8")) and "Accessibility statement</a>" not in text]
    assert unlinked == []


# --- Keyboard, focus and reflow --------------------------------------------------------------------

FOCUSED = "() => { const e = document.activeElement; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className; }"


def tab_to(tab, selector: str, limit: int = 80) -> list[str]:
    """Press Tab until the focused element matches `selector`; returns what was focused on the way."""
    visited = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        visited.append(tab.evaluate(FOCUSED))
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return visited
    raise AssertionError(f"Tab never reached {selector}: {visited}")


def test_the_first_tab_reveals_a_skip_link_that_moves_focus_to_the_content(browser, site_url):
    tab = open_tab(browser)
    tab.goto(site_url + CASE_STUDY)
    tab.add_style_tag(content=STILL)
    skip = tab.locator("a.md-skip")
    assert skip.bounding_box() is None or skip.bounding_box()["y"] < 0 or not skip.is_visible() \
        or skip.evaluate("e => getComputedStyle(e).opacity") == "0", "the skip link shows before it is focused"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    assert skip.inner_text().strip() == "Skip to content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["width"] > 20 and skip.evaluate("e => getComputedStyle(e).opacity") != "0"
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('.md-content') !== null"), "focus did not move to the content"
    tab.context.close()


def focus_region(tab) -> dict:
    """Where the focused element is drawn, with room for a focus ring: itself, or the label after a hidden input."""
    return tab.evaluate("""() => {
        let e = document.activeElement, r = e.getBoundingClientRect();
        const next = e.nextElementSibling;  // Material draws a hidden input's focus on the label after it
        if ((r.width === 0 || r.height === 0) && next && next.tagName === 'LABEL') r = next.getBoundingClientRect();
        const pad = 6;
        return {x: Math.max(r.x - pad, 0), y: Math.max(r.y - pad, 0), width: r.width + 2 * pad, height: r.height + 2 * pad};
    }""")


def unseen_focus_stops(tab, stops: int, until: str | None = None) -> list[str]:
    """Tab through the page; a stop is unseen if the pixels around it are the same focused and unfocused."""
    unseen = []
    for _ in range(stops):
        tab.keyboard.press("Tab")
        tab.evaluate("document.activeElement.scrollIntoView({block: 'center'})")
        region = focus_region(tab)
        what = tab.evaluate(FOCUSED)
        if region["width"] <= 12 or region["height"] <= 12:
            unseen.append(f"{what} (no size)")
        else:
            focused = tab.screenshot(clip=region)
            tab.evaluate("window.hubFocused = document.activeElement; document.activeElement.blur()")
            if tab.screenshot(clip=region) == focused:
                unseen.append(what)
            tab.evaluate("window.hubFocused.focus()")
        if until and tab.evaluate("s => document.activeElement.matches(s)", until):
            break
    return unseen


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("address", ["", CASE_STUDY, DATASET])
def test_keyboard_focus_is_visible_on_the_first_tab_stops(browser, site_url, address, palette):
    tab = open_tab(browser, palette, viewport={"width": 1280, "height": 900})
    tab.goto(site_url + address)
    tab.add_style_tag(content=STILL)
    assert unseen_focus_stops(tab, 15) == []
    tab.context.close()


@pytest.mark.parametrize("address", ["search/?q=procurement", "case-studies/"])
def test_keyboard_focus_is_visible_on_every_stop_up_to_the_last_filter(browser, site_url, address):
    tab = open_tab(browser, viewport={"width": 1280, "height": 900})
    tab.goto(site_url + address)
    tab.add_style_tag(content=STILL)
    tab.locator("form[data-hub-filters]").wait_for()
    assert unseen_focus_stops(tab, 80, until="form[data-hub-filters] button[type=reset]") == []
    tab.context.close()


def test_search_is_reached_used_and_its_results_opened_with_the_keyboard_alone(browser, site_url):
    tab = open_tab(browser)
    tab.goto(site_url + "search/")
    tab_to(tab, "#hub-filter-q")
    tab.keyboard.type("Glossop")
    tab.keyboard.press("Enter")
    wait_for_results(tab)
    assert "Glossop" in tab.locator("#hub-status").inner_text() or "result" in tab.locator("#hub-status").inner_text()
    if not tab.evaluate("document.activeElement.matches('#hub-results a')"):
        tab_to(tab, "#hub-results a")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/case-studies/glossop-one-stop-shop/**")
    assert "Glossop" in tab.locator("h1").inner_text()
    tab.context.close()


def test_case_study_filters_are_reached_and_set_with_the_keyboard_alone(browser, site_url):
    tab = open_tab(browser)
    tab.goto(site_url + "case-studies/")
    tab_to(tab, "#hub-filter-theme")
    everything = tab.locator("#hub-status").inner_text()
    tab.keyboard.press("ArrowDown")
    tab.wait_for_function("text => document.getElementById('hub-status').textContent !== text", arg=everything)
    chosen = tab.evaluate("document.getElementById('hub-filter-theme').value")
    assert chosen and f"theme={chosen}" in tab.url
    status = tab.locator("#hub-status").inner_text()
    matching, total = re.match(r"(\d+) of (\d+) case studies shown", status).groups()
    shown = tab.locator("#hub-case-list > li:not([hidden])")
    assert 0 < shown.count() == int(matching) < int(total)  # the list holds the matching case studies alone
    tab_to(tab, "#hub-case-list > li:not([hidden]) a")
    tab.context.close()


@pytest.mark.parametrize("key", ["Enter", "Space"])
@pytest.mark.parametrize("palette, name, other", [("light", "Switch to dark mode", "slate"),
                                                  ("dark", "Switch to light mode", "default")])
def test_the_colour_scheme_switch_is_named_for_what_it_does_and_works_from_the_keyboard(browser, site_url, palette,
                                                                                         name, other, key):
    tab = open_tab(browser, palette)
    tab.goto(site_url)
    tab_to(tab, "input.md-option", limit=5)
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == name
    assert tab.evaluate("document.activeElement.nextElementSibling.hidden") is False  # where its focus ring is drawn
    tab.keyboard.press(key)
    assert tab.get_attribute("body", "data-md-color-scheme") == other
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") != name  # the other way, named so
    tab.context.close()


@pytest.mark.parametrize("address", ["", CASE_STUDY, DATASET, "search/?q=procurement", "accessibility/"])
def test_pages_reflow_at_400_percent_zoom_without_scrolling_sideways(browser, site_url, address):
    tab = open_tab(browser, viewport={"width": 320, "height": 640})
    tab.goto(site_url + address)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    tab.context.close()
