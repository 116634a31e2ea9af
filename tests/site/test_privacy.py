"""Nothing leaves the visitor's browser for another host: no web fonts, CDNs, trackers or cookies in the built files
(in chromium with the network cut off: tests/browser/test_privacy.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import ROOT, SITE_URL


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: a tag such as !ENV or !!python/name gives its plain value, nothing is run."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)))
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 — safe
OWN_HOST = urlsplit(SITE_URL).hostname  # the tests' address: canonical links, feeds and previews name it; browsers load nothing

# A tag whose src/href/srcset/data/poster the browser loads by itself (an <a> or <area> is followed, not loaded).
LOADING_TAG = re.compile(r"<(?!a\b|area\b|/)([a-z][a-z0-9:-]*)\b([^>]*)>", re.I | re.S)
LOADING_ATTRIBUTE = re.compile(r"""\s(src|href|xlink:href|srcset|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
NOT_LOADED_LINK_RELS = {"canonical", "alternate"}  # named for other programs, not fetched by the visitor's browser
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", re.I)
INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.I | re.S)
# A script whose type is none of these is a data block (JSON-LD, say): never run, so it loads nothing.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'>\s]*)""", re.I)
INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>|\sstyle\s*=\s*\"([^\"]*)\"", re.I | re.S)
# A string that starts with an absolute address (protocol-relative ones need a dotted host: '//nbsp' is not one)
JS_ABSOLUTE_URL = re.compile(r"""["'`]((?:https?://|//(?=[\w-]+\.[\w.-]))[^"'`\s]+)""")
COOKIE_WRITE = re.compile(r"document\.cookie\s*=(?!=)|cookieStore\.set")

# Absolute URLs in the scripts the site ships that the browser never loads here, each with why. A new one
# fails the test until it is understood and listed; each listed reason is checked below where it can be.
KNOWN_SCRIPT_URLS = {
    # Material for MkDocs (assets/javascripts/bundle.*.js)
    "https://api.github.com/repos/": "Material's repository facts: only with repo_url set (test below: it is not)",
    "https://api.github.com/users/": "Material's repository facts: only with repo_url set (test below: it is not)",
    "https://${e}/api/v4/projects/": "Material's GitLab repository facts: only with repo_url set (it is not)",
    "https://unpkg.com/mermaid@": "Material's diagram library: only on pages with a mermaid diagram (test below: none)",
    "https://unpkg.com/resize-observer-polyfill": "Material's polyfill for browsers without ResizeObserver "
                                                  "(none since 2020): the one load left to chance, see SECURITY.md",
    # Pagefind (pagefind/*.js)
    "https://example.com${": "Pagefind: a base for parsing relative addresses with new URL(); never fetched",
    "https://p": "Pagefind UI: a base for parsing relative addresses with new URL(); never fetched",
    "http://www.w3.org/2000/svg": "the SVG namespace name in createElementNS; never fetched",
}


def third_party(url: str) -> bool:
    """An absolute or protocol-relative address on a host other than the site's own."""
    if not re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", url, re.I):
        return False
    parts = urlsplit(url if "://" in url else "https:" + url)
    return parts.scheme in ("http", "https", "") and parts.hostname not in (OWN_HOST, None)


def tag_loads(text: str, not_loaded_rels: set[str] = NOT_LOADED_LINK_RELS) -> list[str]:
    """Addresses the tags of an HTML page make the browser load by themselves."""
    found = []
    for tag, attributes in LOADING_TAG.findall(text):
        rel = re.search(r"""\srel\s*=\s*["']?([^"'>]+)""", attributes)
        if tag.lower() == "link" and rel and set(rel.group(1).lower().split()) <= not_loaded_rels:
            continue
        for name, *values in LOADING_ATTRIBUTE.findall(attributes):
            value = "".join(values)
            found += [part.split()[0] for part in value.split(",") if part.strip()] if name.lower() == "srcset" else [value]
    return found


def html_loads(text: str) -> list[str]:
    """Addresses an HTML page makes the browser load: tag attributes, CSS in it, and scripts in it."""
    found = tag_loads(text)
    for block, attribute in INLINE_STYLE.findall(text):
        found += css_loads(block or attribute)
    for attributes, script in INLINE_SCRIPT.findall(text):
        script_type = SCRIPT_TYPE.search(attributes)
        if not script_type or script_type.group(1).lower() in SCRIPT_TYPES:
            found += script_urls(script)
    return found


def css_loads(text: str) -> list[str]:
    return [url for url in CSS_URL.findall(text) if not url.startswith("data:")]


def script_urls(text: str) -> list[str]:
    return JS_ABSOLUTE_URL.findall(text)


def unexplained(urls: list[str]) -> list[str]:
    return [url for url in urls if third_party(url) and not any(url.startswith(k) for k in KNOWN_SCRIPT_URLS)]


def files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in suffixes and p.is_file())


@pytest.mark.parametrize("url, expected", [
    ("https://fonts.googleapis.com/css?family=Roboto", True),
    ("//cdn.example.net/x.js", True),
    ("https://hub.example.org/feed.xml", False),
    ("../assets/x.js", False),
    ("/assets/x.js", False),
    ("data:image/svg+xml,<svg/>", False),
    ("mailto:someone@example.net", False),
])
def test_third_party_addresses_are_told_from_the_sites_own(url, expected):
    assert third_party(url) is expected


@pytest.mark.parametrize("html, loaded", [
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', ["https://fonts.googleapis.com/css"]),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["https://fonts.gstatic.com"]),
    ('<link rel="canonical" href="https://hub.example.org/x/">', []),
    ('<script async src="https://www.googletagmanager.com/gtag/js"></script>', ["https://www.googletagmanager.com/gtag/js"]),
    ('<img alt="" srcset="https://cdn.example.net/a.png 1x, b.png 2x">', ["https://cdn.example.net/a.png", "b.png"]),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', ["https://www.youtube.com/embed/x"]),
    ('<a href="https://www.gov.uk/">GOV.UK</a>', []),
    ('<div style="background: url(//cdn.example.net/bg.png)"></div>', ["//cdn.example.net/bg.png"]),
    ("<script>fetch('https://stats.example.net/hit')</script>", ["https://stats.example.net/hit"]),
    ("<script type=module>fetch('https://stats.example.net/hit')</script>", ["https://stats.example.net/hit"]),
    ('<script type="application/ld+json">{"@context": "https://schema.org"}</script>', []),
])
def test_addresses_a_page_loads_are_found_in_tags_styles_and_scripts(html, loaded):
    assert html_loads(html) == loaded


def test_no_built_page_loads_anything_from_another_host(site):
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in files(site, ".html")}
    assert {page: bad for page, text in pages.items() if (bad := unexplained(html_loads(text)))} == {}
    # No tag names another host, whatever the scripts' known addresses; not even a feed link, as Material fetches
    # the sitemap beside each one.
    assert {page: bad for page, text in pages.items() if (bad := [url for url in tag_loads(text, {"canonical"})
                                                                   if third_party(url)])} == {}
    assert [page for page, text in pages.items() if "fonts.googleapis.com" in text] == []


def test_no_stylesheet_imports_fonts_or_images_from_another_host(site):
    offenders = {p.relative_to(site).as_posix(): bad for p in files(site, ".css")
                 if (bad := [u for u in css_loads(p.read_text(encoding="utf-8")) if third_party(u)])}
    assert offenders == {}


def test_every_absolute_address_in_the_sites_scripts_is_known_and_never_loaded(site):
    found = {p.relative_to(site).as_posix(): script_urls(p.read_text(encoding="utf-8", errors="replace"))
             for p in files(site, ".js", ".mjs")}
    assert {name: bad for name, urls in found.items() if (bad := unexplained(urls))} == {}
    unused = [k for k in KNOWN_SCRIPT_URLS if not any(u.startswith(k) for urls in found.values() for u in urls)]
    assert unused == [], "no longer in any script: remove from KNOWN_SCRIPT_URLS"


def test_material_asks_github_nothing_because_no_repository_is_configured():
    assert "repo_url" not in CONFIG and "repo_name" not in CONFIG


def test_no_page_has_a_diagram_that_would_load_materials_diagram_library(site):
    assert [p.relative_to(site).as_posix() for p in files(site, ".html")
            if 'class="mermaid"' in p.read_text(encoding="utf-8")] == []


def test_fonts_are_the_visitors_own():
    assert CONFIG["theme"].get("font") is False  # Material would otherwise load Google Fonts
    assert "privacy" not in [p if isinstance(p, str) else next(iter(p)) for p in CONFIG["plugins"]], \
        "the privacy plugin downloads third-party assets at build time: the build must need no network"


def test_no_script_or_page_sets_a_cookie(site):
    assert [p.relative_to(site).as_posix() for p in files(site, ".html", ".js", ".mjs")
            if COOKIE_WRITE.search(p.read_text(encoding="utf-8", errors="replace"))] == []
    assert "consent" not in (CONFIG.get("extra") or {}), "a cookie-consent banner means something sets cookies"
    assert "analytics" not in (CONFIG.get("extra") or {})
