"""The preview (`make serve`) while a content file has a problem: every page shows the problem list, as `pkhub check`
words it, and the browser shows the site again by itself after the next good save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import VALID_FRONT_MATTER

TYPO = VALID_FRONT_MATTER.replace("themes: [procurement]", "themse: [procurement]")
PROBLEM = "case_studies/joint-software.md:7: themse: unknown field 'themse' — did you mean 'themes'?"
WAIT_MS = 60_000  # bounded: a rebuild of this small hub takes seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_preview(root, port: int) -> subprocess.Popen:
    """`make serve`'s command on a free port, answering once its first build is done."""
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the preview stopped:\n{server.stdout.read()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
            return server
        except OSError:
            time.sleep(0.25)
    server.terminate()
    raise AssertionError("the preview did not answer")


def save(repo, front_matter: str) -> None:
    time.sleep(0.05)  # a new modification time for the watcher, even on a coarse clock
    repo.case_study("joint-software", front_matter)


def test_the_preview_shows_a_content_problem_on_every_page_and_the_site_again_once_it_is_fixed(repo, page):
    repo.with_site().case_study("joint-software", TYPO)  # broken before the preview starts: its first build fails
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = start_preview(repo.root, port)
    try:
        page.goto(url + "themes/")  # any address: the page that does not exist yet too
        heading = page.locator("h1")
        assert "problems in the content" in heading.inner_text()
        assert PROBLEM in page.locator("main li").all_inner_texts()
        assert "make check" in page.locator("main p").inner_text()

        save(repo, VALID_FRONT_MATTER)
        page.wait_for_selector("h1:has-text('Themes')", timeout=WAIT_MS)  # reloaded by itself once built
        page.goto(url + "case-studies/joint-software/")
        assert page.locator("h1").inner_text().startswith("Joint procurement of software")  # and its ¶ anchor

        save(repo, TYPO)  # a later save breaks it again: the open page turns into the list, not a spinner
        page.wait_for_selector(f"li:has-text(\"{PROBLEM}\")", timeout=WAIT_MS)
        save(repo, VALID_FRONT_MATTER.replace("Joint procurement of software", "Joint buying of software"))
        page.wait_for_selector("h1:has-text('Joint buying of software')", timeout=WAIT_MS)
    finally:
        server.terminate()
        server.wait(timeout=30)
