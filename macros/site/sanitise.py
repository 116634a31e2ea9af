"""The allowlist HTML sanitiser every page's content passes before the theme wraps it (nh3: Rust's ammonia), and what
it removed, for the build's warning. Only the elements and attributes Markdown and the hub write survive; addresses
are http(s), mailto, tel or the site's own; pictures come only from the site; no style, no script, no handler."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import nh3

# What Markdown (with the extensions in mkdocs.yml) and the hub's own pages write: text, lists, tables, headings,
# admonitions, definition lists; the hub's facts panels, filter form, links between the pages of a list and SVG bar
# charts.
TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "mark", "nav", "noscript", "ol",
    "option", "p", "pre", "q", "s", "samp", "section", "select", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
    "svg", "g", "rect", "text", "title", "desc",
}
GLOBAL_ATTRIBUTES = {"class", "id", "hidden", "title", "lang", "role", "aria-label", "aria-labelledby",
                     "aria-describedby", "aria-live", "aria-atomic", "aria-hidden", "aria-current"}
ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "download"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "col": {"span"}, "colgroup": {"span"},
    "form": {"method"},   # no action: a form can only reload its own page (and the CSP says form-action 'self')
    "input": {"type", "name", "autocomplete", "spellcheck"},
    "select": {"name"}, "option": {"value", "selected"}, "label": {"for"}, "button": {"type"},
    "svg": {"viewBox", "xmlns", "width", "height"},
    "rect": {"x", "y", "width", "height"},
    "text": {"x", "y", "text-anchor"},
}
# data-* attributes carry filter values and sort keys to the search index and the hub's own scripts; nothing runs
# them. Material's own (data-md-*, and clipboard.js's data-clipboard-*) make its script act, so they are removed.
DATA_PREFIXES = {"data-"}
THEME_DATA_PREFIXES = ("data-md-", "data-clipboard")
URL_SCHEMES = {"http", "https", "mailto", "tel"}
WITHOUT_CONTENT = {"script", "style"}  # removed with what is inside them, not just their tags

START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)((?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*)>")  # stops at '<': linear
ATTRIBUTE_NAME = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def is_site_address(url: str) -> bool:
    """A relative address on the site itself: no scheme, no host, no backslash (browsers read it as a slash)."""
    url = url.strip()
    if not url or "\\" in url or re.search(r"[\x00-\x20]", url):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute.startswith(THEME_DATA_PREFIXES):
        return None
    if tag == "img" and attribute == "src":
        return value if is_site_address(value) else None
    return value


def sanitise_html(html: str) -> str:
    """`html` with everything outside the allowlist removed."""
    return nh3.clean(html, tags=TAGS, clean_content_tags=WITHOUT_CONTENT, attributes=ATTRIBUTES,
                     generic_attribute_prefixes=DATA_PREFIXES, attribute_filter=_filter_attribute,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def inventory(html: str) -> Counter:
    """How many of each element and each element's attribute a fragment holds: ('img', None), ('img', 'src')."""
    found = Counter()
    # Each distinct start tag read once, however often the page repeats it (every page's inventory is taken twice).
    for (tag, attributes), count in Counter(START_TAG.findall(html)).items():
        tag = tag.lower()
        found[(tag, None)] += count
        for name in ATTRIBUTE_NAME.findall(attributes):
            found[(tag, name.lower())] += count
    return found


def describe_removed(before: str, after: str) -> list[str]:
    """What sanitising took out, in words: '<img> onerror=', '<script>'."""
    lost = inventory(before) - inventory(after)
    return [f"<{tag}>" if attribute is None else f"<{tag}> {attribute}=" for tag, attribute in sorted(
        lost, key=lambda key: (key[0], key[1] or ""))]


def removed_patterns(removed: list[str]) -> list[str]:
    """Regular expressions that find in the source what `describe_removed` names: 'onerror=', '<script'."""
    patterns = []
    for what in removed:
        tag, _, attribute = what.strip("<").partition(">")
        patterns.append(re.escape(attribute.strip()) if attribute else "<" + re.escape(tag) + r"\b")
    return patterns
