"""The key pages of the built site, and how the browser tests open them: the accessibility and privacy audits, and
pages opened while watching everything they ask for, run and break (privacy, hostile content)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

OUTSIDE = re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*")  # as the `page` fixture: only the loopback server
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"  # colours at rest


def wait_for_results(tab) -> None:
    tab.locator("#hub-results li").first.wait_for()


def type_in_header_search(tab) -> None:
    """The header's search box with its results listed and the first chosen, as a keyboard user leaves it."""
    tab.keyboard.press("/")
    tab.keyboard.type("procurement")
    tab.locator(".hub-search-popup:not([hidden]) [role=option]").first.wait_for()
    tab.keyboard.press("ArrowDown")


def wait_for_filtered_list(tab) -> None:
    # A function, not an expression: Playwright evaluates an expression with eval, which the pages' policy forbids.
    tab.wait_for_function("() => document.getElementById('hub-status').textContent.includes(' of ')")


@dataclass(frozen=True)
class KeyPage:
    name: str                  # as the accessibility report and statement name it
    address: str               # relative to the site's root
    ready: Optional[Callable] = None  # waits until the page's script has drawn what is audited
    contains: str = ""         # a mark of what the page is chosen for, checked in the built HTML

    @property
    def url_path(self) -> str:
        return "/" + self.address


KEY_PAGES = [
    KeyPage("home page", "", contains='class="hub-headline'),
    KeyPage("case study", "case-studies/glossop-one-stop-shop/", contains='class="hub-facts'),
    KeyPage("case-study index", "case-studies/", contains='id="hub-case-list"'),
    KeyPage("filtered case-study index", "case-studies/?theme=procurement&sort=title", wait_for_filtered_list,
            contains="data-hub-filters"),
    KeyPage("search page with results", "search/?q=procurement", wait_for_results, contains="data-hub-filters"),
    KeyPage("search with a filter", "search/?q=savings&type=district", wait_for_results),
    KeyPage("search with a corrected query", "search/?q=telecair", wait_for_results, contains="data-hub-filters"),
    KeyPage("search box with results as you type", "case-studies/shared-legal-service-leicestershire/",
            type_in_header_search, contains='class="hub-header-search"'),
    KeyPage("theme page", "themes/procurement/", contains="<h1"),
    KeyPage("authority page", "authorities/derbyshire-cc/", contains="<h1"),
    KeyPage("dataset table", "datasets/em-iep-srp-savings-2008-11/", contains="hub-dataset"),
    KeyPage("league table", "partnerships/em-iep/", contains="hub-league"),
    KeyPage("editors' guide", "contribute/", contains="Field reference"),
    KeyPage("accessibility statement", "accessibility/", contains="Enforcement procedure"),
]


def open_tab(browser, palette: str = "light", **options):
    """A page in its own browser context and colour scheme, refusing every request off the loopback server."""
    context = browser.new_context(color_scheme=palette, **options)
    context.route(OUTSIDE, lambda route: route.abort())
    return context.new_page()


def visit(tab, site_url: str, page: KeyPage) -> None:
    tab.goto(site_url + page.address)
    tab.add_style_tag(content=STILL)
    if page.ready:
        page.ready(tab)


# Set before any script of the page runs: a payload that runs sets window.__pwned; the policy's refusals are kept.
WATCH = """
window.__pwned = undefined;
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def open_watched(browser, base_url: str, addresses: list[str], ready=None) -> dict:
    """Open each address in one tab with nothing allowed off the loopback server, `ready(tab, address)` waiting for
    what its script draws; return what each page showed and ran, and everything asked of another host, failed or
    answered 400 or more, thrown, or left behind in cookies and storage."""
    context = browser.new_context()
    offsite, failed, dialogs, errors = [], [], [], []
    context.route(OUTSIDE, lambda route: (offsite.append(route.request.url), route.abort()))
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("requestfailed", lambda request: None if request.url in offsite else failed.append(
        f"{request.url}: {request.failure}"))
    tab.on("response", lambda response: failed.append(f"{response.url}: {response.status}")
           if response.status >= 400 else None)
    seen = {}
    for address in addresses:
        tab.goto(base_url + address)
        if ready:
            ready(tab, address)
        tab.wait_for_load_state("networkidle")
        heading = tab.locator("h1").first
        seen[address] = {"pwned": tab.evaluate("window.__pwned"), "violations": tab.evaluate("window.__violations"),
                         "title": tab.title(), "cookie": tab.evaluate("document.cookie"),
                         "h1": heading.inner_text() if heading.count() and heading.is_visible() else None}
    storage = tab.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    cookies = context.cookies()
    context.close()
    return {"pages": seen, "offsite": offsite, "failed": failed, "dialogs": dialogs, "errors": errors,
            "storage": storage, "cookies": cookies}
