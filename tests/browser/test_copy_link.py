"""The copy-link button under a case study's citation, in chromium: from the keyboard, without the clipboard, and
without JavaScript."""

from __future__ import annotations

from tests.browsing import open_tab
from tests.conftest import SITE_URL


def test_copy_link_copies_the_address_from_the_keyboard(site_url, browser):
    page = open_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + "case-studies/glossop-one-stop-shop/")
    button = page.get_by_role("button", name="Copy link")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".hub-copy-status")
    status.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + "case-studies/glossop-one-stop-shop/"
    page.context.close()


def test_without_the_clipboard_the_address_is_selected_for_the_reader(site_url, page):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                         "document.execCommand = () => false;")
    page.goto(site_url + "case-studies/glossop-one-stop-shop/")
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link selected: press Ctrl+C (or Command+C) to copy it.").wait_for()
    assert page.evaluate("window.getSelection().toString()") == SITE_URL + "case-studies/glossop-one-stop-shop/"


def test_without_javascript_the_button_stays_hidden_and_the_address_shows(site_url, browser):
    page = open_tab(browser, java_script_enabled=False)
    page.goto(site_url + "case-studies/glossop-one-stop-shop/")
    assert not page.locator(".hub-copy-link").is_visible()
    assert page.get_by_role("link", name=SITE_URL + "case-studies/glossop-one-stop-shop/").is_visible()
    page.context.close()
