"""The search index (site/search.py): what each page tells Pagefind, and the indexer writing only the pages that
belong in the index."""

from __future__ import annotations

import re

import pytest

from macros.site.search import SiteSearch, mark_page, read_index, render_search_data


ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.mark.parametrize("src_uri, meta, indexed", [
    ("case-studies/x.md", {"hub_kind": "case-study"}, True),
    ("datasets/x.md", {"hub_kind": "dataset"}, True),
    ("partnerships/lga.md", {}, True),              # a hand-written good-practice page
    ("themes/procurement.md", {"hub_kind": "theme"}, False),  # listings repeat the summaries they list
    ("case-studies/index.md", {"hub_kind": "index"}, False),
    ("search.md", {"hub_kind": "search"}, False),
])
def test_only_case_studies_datasets_and_hand_written_pages_are_marked_for_the_index(src_uri, meta, indexed):
    html = f"<html><body>{ARTICLE}<h1>T</h1></article></body></html>"
    marked = mark_page(html, src_uri, meta, ARTICLE)
    assert ("data-pagefind-body" in marked) is indexed
    assert ('data-pagefind-filter="kind:page"' in marked) is (indexed and not meta)


def test_search_data_gives_one_element_per_value_so_values_may_hold_commas():
    html = render_search_data("case-study", {"authority": ["a", "b"], "region": ["east-midlands"]},
                              {"title": "shared, legal"}, {"summary": 'Say "hi" & <go>'}, ["Notts", "Notts"])
    assert html.count('data-pagefind-filter="authority:') == 2
    assert 'data-pagefind-sort="title:shared, legal"' in html
    assert 'data-pagefind-meta="summary:Say &quot;hi&quot; &amp; &lt;go&gt;"' in html
    assert 'data-also-known-as="Also known as: Notts"' in html  # each other name once


def test_the_indexer_writes_the_pages_that_belong_in_the_index_and_no_others(tmp_path):
    search = SiteSearch(ARTICLE)
    html = (f'<html lang="en"><body>{ARTICLE}<h1>Shared legal service</h1><p>Blaby and others.</p>'
            '<span data-pagefind-filter="theme:procurement"></span></article></body></html>')
    assert "data-pagefind-body" in search.add_page(html, "case-studies/a.md", {"hub_kind": "case-study"}, "case-studies/a/")
    search.add_page(html, "themes/x.md", {"hub_kind": "theme"}, "themes/x/")
    search.finish(tmp_path)
    [page] = read_index(tmp_path)
    assert page["url"] == "/case-studies/a/" and page["filters"]["theme"] == ["procurement"]
    assert (tmp_path / "pagefind" / "pagefind.js").exists()


def test_a_hand_written_page_gives_the_index_its_description_or_first_paragraph_as_details():
    html = f"<html><body>{ARTICLE}<h1>Guide</h1><p>First  paragraph, <em>with</em> words &amp; more.</p><p>Next.</p></article></body></html>"
    described = mark_page(html, "guides/x.md", {"description": 'Buying "together" & <saving>'}, ARTICLE)
    assert 'data-pagefind-meta="details:Buying &quot;together&quot; &amp; &lt;saving&gt;"' in described
    assert 'data-pagefind-meta="details:First paragraph, with words &amp; more."' in mark_page(html, "guides/x.md", {}, ARTICLE)
    long = mark_page(html, "guides/x.md", {"description": "word " * 100}, ARTICLE)
    details = re.search(r'data-pagefind-meta="details:([^"]*)"', long).group(1)
    assert len(details) <= 200 and details.endswith("word…")
