"""Link previews (Open Graph, Twitter cards), the citation line and the copy-link button, as tools and readers see them."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.conftest import SITE_NAME, SITE_URL

SITE_DESCRIPTION = ("Good practice, savings and programme figures from English local-government improvement and "
                    "efficiency partnerships.")


class _Head(HTMLParser):
    """The preview tags of a page, unescaped as a link-preview tool reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, str] = {}
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        key = attributes.get("property") or attributes.get("name")
        if tag == "meta" and key and (key.startswith(("og:", "twitter:", "article:"))):
            assert key not in self.tags, f"{key} given twice"
            self.tags[key] = attributes.get("content")
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]


def preview_of(site, page: str) -> _Head:
    head = _Head()
    head.feed((site / page).read_text(encoding="utf-8"))
    return head


SUMMARY = "Councils in Nottinghamshire bought software together and saved money on licences."
IMAGE = SITE_URL + "assets/images/favicon.png"


@pytest.mark.parametrize("page, expected", [
    ("index.html", {"og:title": SITE_NAME, "og:description": SITE_DESCRIPTION, "og:url": SITE_URL,
                    "og:type": "website"}),
    ("case-studies/first-of-november/index.html", {
        "og:title": 'Legal & "trusted" services', "og:description": SUMMARY,
        "og:url": SITE_URL + "case-studies/first-of-november/", "og:type": "article",
        "article:published_time": "2026-11-01", "article:modified_time": "2026-11-01"}),
    ("case-studies/updated-in-november/index.html", {
        "og:title": "Updated in November study", "og:url": SITE_URL + "case-studies/updated-in-november/",
        "article:published_time": "2026-03-01", "article:modified_time": "2026-11-10"}),
    ("themes/procurement/index.html", {"og:title": "Procurement", "og:description": "Buying together.",
                                       "og:url": SITE_URL + "themes/procurement/", "og:type": "website"}),
])
def test_pages_carry_open_graph_and_twitter_card_tags(newsletter_hub, page, expected):
    head = preview_of(newsletter_hub.site, page)
    common = {"og:site_name": SITE_NAME, "og:locale": "en_GB", "og:image": IMAGE, "og:image:alt": "The hub's logo",
              "twitter:card": "summary_large_image", "twitter:image": IMAGE,
              "twitter:title": expected["og:title"], "twitter:description": head.tags.get("og:description")}
    assert head.tags | expected | common == head.tags  # every expected tag, with the expected content
    assert head.tags["og:url"] == head.canonical
    assert (newsletter_hub.site / "assets" / "images" / "favicon.png").is_file()


def test_without_a_configured_image_the_card_is_a_plain_summary(site):
    head = preview_of(site, "index.html")
    assert "og:image" not in head.tags and head.tags["twitter:card"] == "summary"


def test_every_page_of_the_real_site_has_a_complete_preview(site, hub):
    missing = []
    for path in sorted(site.rglob("index.html")):
        page = path.relative_to(site).as_posix()
        if page.startswith("case-studies/") and page.split("/")[1] in hub.redirects:
            continue  # an old address: a redirect page, not a page to preview
        head = preview_of(site, page)
        for key in ("og:title", "og:description", "og:url", "og:site_name", "og:type", "twitter:card"):
            if not head.tags.get(key):
                missing.append(f"{page}: {key}")
        if head.tags.get("og:url") != head.canonical or not head.canonical.startswith(SITE_URL):
            missing.append(f"{page}: og:url {head.tags.get('og:url')} is not the canonical address")
    assert missing == []
    for slug, cs in list(hub.case_studies.items())[:10]:
        head = preview_of(site, f"case-studies/{slug}/index.html")
        assert head.tags["og:title"] == cs.title and head.tags["og:description"] == cs.summary


def test_a_case_study_page_has_a_citation_line_and_a_copy_link_button(newsletter_hub):
    page = (newsletter_hub.site / "case-studies" / "first-of-november" / "index.html").read_text(encoding="utf-8")
    url = SITE_URL + "case-studies/first-of-november/"
    assert ('<p class="hub-cite__line">Partnership Knowledge Hub, Legal &amp; &#34;trusted&#34; services,\n'
            f'      <a class="hub-cite__url" href="{url}">{url}</a>, published 1 November 2026</p>') in page
    assert f'<button type="button" class="md-button hub-copy-link" data-hub-copy="{url}" hidden>Copy link</button>' \
        in page
    assert 'src="../../assets/javascripts/hub-copy-link.js"' in page


def test_only_case_study_pages_have_a_citation(newsletter_hub):
    for page in ("index.html", "themes/procurement/index.html", "digest/index.html"):
        assert "hub-cite" not in (newsletter_hub.site / page).read_text(encoding="utf-8")
