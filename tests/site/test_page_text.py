"""What every built page shows as text: no Markdown, attribute-list or template syntax left over, one name per title,
index tables as real tables with captions."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SITE_NAME

# Text inside these is code or not shown as text: syntax there is meant (the editors' guide shows front matter).
NOT_TEXT = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# What Markdown, attribute lists and templates look like when a page prints them instead of rendering them.
LEFT_OVER = ["{: ", "{{", "{%", "](", "**"]
LEFT_OVER_LINE_STARTS = ("| ", "#")


class VisibleText(HTMLParser):
    """The text of a page a reader sees, outside code elements, scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.inside_code = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.open.append(tag)
        self.inside_code += tag in NOT_TEXT

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            self.inside_code -= closed in NOT_TEXT
            if closed == tag:
                break

    def handle_data(self, data):
        if not self.inside_code:
            self.chunks.append(data)


def visible_text(page_html: str) -> str:
    parser = VisibleText()
    parser.feed(page_html)
    return "".join(parser.chunks)


def find_left_over_syntax(text: str) -> list[str]:
    found = [f"{syntax!r}" for syntax in LEFT_OVER if syntax in text]
    found += [f"a line starting {line.strip()[:50]!r}" for line in text.splitlines()
              if line.strip().startswith(LEFT_OVER_LINE_STARTS)]
    return found


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("text, found", [
    ("| Theme | Case studies |", True),
    ("{: .hub-table }", True),
    ("See [the guide](guides/x.md)", True),
    ("{{ headline('delivered') }}", True),
    ("## What was done", True),
    ("Savings of **£1m**", True),
    ("Savings of £1m a year (#1 in the region is not at a line's start)", False),
])
def test_the_scan_finds_markup_a_page_would_print_as_text(text, found):
    assert bool(find_left_over_syntax(text)) is found


def test_text_in_code_elements_is_not_scanned():
    page = "<p>Write <code>{{ headline('x') }}</code>:</p><pre><code>| a |\n# b\n</code></pre>"
    assert find_left_over_syntax(visible_text(page)) == []
    assert find_left_over_syntax(visible_text("<p>Write {{ headline('x') }}</p>")) != []


def test_no_built_page_shows_markdown_attribute_list_or_template_syntax_as_text(site):
    shown = {}
    for path in built_pages(site):
        if found := find_left_over_syntax(visible_text(path.read_text(encoding="utf-8"))):
            shown[path.relative_to(site).as_posix()] = found
    assert shown == {}


# --- Titles ------------------------------------------------------------------------------------------------------

def is_theme_page(page_html: str) -> bool:
    """A page of the site (not a redirect for an old address, nor the newsletter download): the theme wrote it."""
    return '<meta name="generator" content="mkdocs-' in page_html and 'http-equiv="refresh"' not in page_html


def document_title(page_html: str) -> list[str]:
    head = page_html.split("</head>", 1)[0]
    return [html.unescape(" ".join(title.split())) for title in re.findall(r"<title>(.*?)</title>", head, re.S)]


def test_every_page_title_names_the_page_then_the_hub_once(site):
    wrong = {}
    for path in built_pages(site):
        text = path.read_text(encoding="utf-8")
        if not is_theme_page(text):
            continue
        address = path.relative_to(site).as_posix()
        titles = document_title(text)
        if address == "index.html":
            ok = titles == [SITE_NAME]
        else:
            ok = (len(titles) == 1 and titles[0].endswith(f" – {SITE_NAME}") and titles[0].count(SITE_NAME) == 1
                  and titles[0].removesuffix(f" – {SITE_NAME}").strip() != "")
        if not ok:
            wrong[address] = titles
    assert wrong == {}
    assert len([p for p in built_pages(site) if is_theme_page(p.read_text(encoding="utf-8"))]) > 100


def test_a_case_study_title_is_its_own_title_then_the_hub(site, hub):
    study = next(iter(hub.case_studies.values()))
    page = (site / "case-studies" / study.slug / "index.html").read_text(encoding="utf-8")
    assert document_title(page) == [f"{study.title} – {SITE_NAME}"]
    assert document_title((site / "404.html").read_text(encoding="utf-8")) == [f"Page not found – {SITE_NAME}"]


# --- Index tables ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("index, register", [("themes", "themes"), ("authorities", "authorities"),
                                             ("sub-regions", "sub_regions"), ("partnerships", "partnerships"),
                                             ("datasets", "datasets")])
def test_each_index_table_is_a_captioned_table_linking_every_entry(site, index, register, hub):
    page = (site / index / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="hub-table">\s*<caption>([^<]+)</caption>(.*?)</table>', page, re.S)
    assert table, f"/{index}/ has no captioned hub table"
    ids = hub.datasets if register == "datasets" else hub.registers[register]
    linked = set(re.findall(r'<th scope="row"><a href="([^"]+)/"', table.group(2)))
    assert linked == set(ids)  # each row's first cell names and links one entry, as the page's own address
