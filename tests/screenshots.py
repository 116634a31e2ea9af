"""`make screenshots`: the home page, a case study and search, at 1280 and 390 pixels wide, taken in Debian's chromium
from a fresh build of the site into reports/screenshots/ (shown in the README). Run it after changing how pages look,
and commit the pictures with the change."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, serve_folder

FOLDER = ROOT / "reports" / "screenshots"
SHOTS = {  # name -> address; the search is a shorthand the hub corrects
    "home": "",
    "case-study": "case-studies/shared-legal-service-leicestershire/",
    "search": "search/?q=revs+and+bens",
}
WIDTHS = {1280: 800, 390: 844}


def screenshot_paths() -> list[Path]:
    return [FOLDER / f"{name}-{width}.png" for name in SHOTS for width in WIDTHS]


def take_screenshots(site: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    FOLDER.mkdir(parents=True, exist_ok=True)
    url, server = serve_folder(site)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, address in SHOTS.items():
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light")
                    tab = context.new_page()
                    tab.goto(url + address)
                    if address.startswith("search/"):
                        tab.locator("#hub-results li").first.wait_for()
                    tab.evaluate("document.fonts.ready")
                    path = FOLDER / f"{name}-{width}.png"
                    tab.screenshot(path=str(path))
                    written.append(path)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT)
        if build.returncode:
            return build.returncode
        for path in take_screenshots(site):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
