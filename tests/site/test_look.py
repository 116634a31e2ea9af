"""The hub's look in the built home page: it starts with a search box, then the ways in as cards with counts from the
hub (in chromium: tests/browser/test_look.py)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser


def test_the_home_page_starts_with_a_search_box_then_the_ways_in(site):
    article = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8")).css_first("article")
    blocks = [node for node in article.iter() if node.tag in ("h1", "h2", "form", "ul", "p", "div", "table")]
    assert [node.tag for node in blocks[:3]] == ["h1", "p", "form"]
    form = blocks[2]
    assert form.attributes.get("role") == "search" and form.css_first("input[type=search][name=q]")
    label = form.css_first("label")
    assert label.attributes.get("for") == form.css_first("input").attributes.get("id")
    assert blocks[3].tag == "h2" and blocks[3].text(strip=True).startswith("Ways in")
    assert blocks[4].tag == "ul" and "hub-ways" in blocks[4].attributes.get("class", "")


def test_each_way_in_is_a_card_with_its_count_from_the_hub(site, hub):
    page = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    cards = {card.css_first("h3 a").text(strip=True): card for card in page.css("ul.hub-ways > li")}
    expected = {"Themes": ("themes/", len(hub.themes), "themes"),
                "Places": ("authorities/", len(hub.authorities), "authorities"),
                "Partnerships": ("partnerships/", len(hub.partnerships), "partnerships"),
                "Datasets": ("datasets/", len(hub.datasets), "datasets")}
    assert list(cards) == list(expected)
    for name, (href, count, noun) in expected.items():
        assert cards[name].css_first("h3 a").attributes["href"] == href
        assert cards[name].css_first(".hub-way__count").text(strip=True) == f"{count:,} {noun}"
    assert (site / "themes" / "index.html").exists()
