"""Shared fixtures: a small valid hub repository to break in tests, and the real site built once."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Test hubs are built at mkdocs.yml's placeholder address and not for publishing, whatever the shell has set.
for _name in ("HUB_SITE_URL", "HUB_PUBLISH"):
    os.environ.pop(_name, None)
import yaml

pytest_plugins = ["tests.hubs"]  # small hubs that tests of several layers build once and read

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
# The real mkdocs.yml's site_url and site_name, which every test hub copies: expected in the pages, written out here.
SITE_URL = "https://hub.example.org/"
SITE_NAME = "Partnership Knowledge Hub"

# The folder a test sits in is its layer (README, "Tests"): tests/unit call functions directly, tests/site build a
# site (`build`), tests/browser open pages in chromium (`browser`). `-m "not build and not browser"` is the unit layer.
LAYER_MARKERS = {"unit": None, "site": "build", "browser": "browser"}
# Fixtures that build a site or start chromium: a unit test asking for one belongs in tests/site or tests/browser.
BUILT_FIXTURES = {"site", "site_url", "properdocs_site", "newsletter_hub", "browser", "page", "attribution_hub",
                  "hostile_hub", "unchecked_build"}


def pytest_collection_modifyitems(config, items):
    misplaced = []
    for item in items:
        layer = item.path.relative_to(ROOT / "tests").parts[0]
        if LAYER_MARKERS.get(layer):
            item.add_marker(LAYER_MARKERS[layer])
        parameters = set(item.callspec.params) if hasattr(item, "callspec") else set()  # `page` may name a parameter
        if layer == "unit" and (built := BUILT_FIXTURES & set(item.fixturenames) - parameters):
            misplaced.append(f"{item.nodeid} uses {', '.join(sorted(built))}")
    if misplaced:
        raise pytest.UsageError("a unit test builds no site and opens no browser — move it to tests/site or "
                                "tests/browser:\n" + "\n".join(misplaced))


REGISTERS = {
    "authorities": [
        {"id": "nottinghamshire-cc", "name": "Nottinghamshire County Council", "type": "county",
         "region": "East Midlands", "sub_region": "nottinghamshire", "aliases": ["Notts CC", "Notts"]},
        {"id": "nottingham-city", "name": "Nottingham City Council", "type": "unitary",
         "region": "East Midlands", "sub_region": "nottinghamshire"},
        {"id": "blaby", "name": "Blaby District Council", "type": "district", "region": "East Midlands",
         "sub_region": "leicestershire"},
    ],
    "regions": [
        {"id": "east-midlands", "name": "East Midlands"},
    ],
    "sub_regions": [
        {"id": "nottinghamshire", "name": "Nottinghamshire", "region": "East Midlands"},
        {"id": "leicestershire", "name": "Leicester, Leicestershire and Rutland", "region": "East Midlands"},
    ],
    "partnerships": [
        {"id": "em-iep", "name": "East Midlands Improvement and Efficiency Partnership", "short_name": "EM IEP",
         "region": "East Midlands", "period": {"start": "2008", "end": "2011"}},
    ],
    "themes": [
        {"id": "procurement", "name": "Procurement", "description": "Buying together."},
        {"id": "shared-services", "name": "Shared services", "description": "Sharing services."},
    ],
    "programmes": [
        {"id": "em-iep-srp-2008-11", "name": "SRP programmes 2008/11", "partnership": "em-iep",
         "period": {"start": "2008", "end": "2011"}, "description": "Sub-regional programmes."},
    ],
}

VALID_FRONT_MATTER = """\
title: Joint procurement of software
summary: Councils in Nottinghamshire bought software together and saved money on licences.
partnership: em-iep
programme: em-iep-srp-2008-11
authorities: [nottinghamshire-cc, nottingham-city]
themes: [procurement]
published: 2026-01-15
period: {start: "2009", end: "2011"}
investment: 50000
savings:
  - amount: 677000
    type: cashable
    status: delivered
    basis: per-year
    quote: "saving £677k a year on licences"
source:
  document: EM IEP Board meeting pack, 12 April 2011
  date: "2011-04-12"
  section: Item 6
"""

def with_saving_amount(front_matter: str, amount: int) -> str:
    """VALID_FRONT_MATTER's saving with another amount, its quote printing that amount."""
    return front_matter.replace("amount: 677000", f"amount: {amount}").replace("£677k", f"£{amount:,}")


def with_reported(front_matter: str, date: str) -> str:
    """VALID_FRONT_MATTER's source dated `date` ('2011-04-12', '2011-04' or '2011'), its title naming no day."""
    if date == "2011-04-12":
        return front_matter
    return (front_matter.replace("document: EM IEP Board meeting pack, 12 April 2011",
                                 "document: EM IEP Board meeting pack").replace('date: "2011-04-12"', f'date: "{date}"'))


VALID_BODY = "## The challenge\n\nLicences cost too much.\n\n## What was done\n\nThey bought together.\n"


def case_study_text(front_matter: str = VALID_FRONT_MATTER, body: str = VALID_BODY) -> str:
    return f"---\n{front_matter}---\n\n{body}"


def read_page(site: Path, address: str) -> str:
    """The built page at an address of the site: 'case-studies/x', 'themes/procurement/', '' for the home page."""
    return (site / address.strip("/") / "index.html").read_text(encoding="utf-8")


def hand_written_nav_pages() -> list[str]:
    """Pages the real mkdocs.yml nav lists that are files in docs/ rather than generated at build time."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = re.findall(r"^\s*- [^:\n]+: (\S+\.md)\s*$", text, flags=re.M)
    return [page for page in pages if (ROOT / "docs" / page).is_file()]


class Repo:
    """A small hub repository on disk, made valid, for tests to break one thing at a time."""

    def __init__(self, root: Path):
        self.root = root
        self.site = root.parent / "site"  # where built() builds it
        (root / "case_studies").mkdir(parents=True)
        (root / "data" / "datasets").mkdir(parents=True)
        for name, items in REGISTERS.items():
            (root / "data" / f"{name}.yaml").write_text(yaml.safe_dump(items, sort_keys=False))

    @classmethod
    def copy(cls, repo: "Repo", folder: Path) -> "Repo":
        """A copy of `repo` and of its built site, if it has one, in `folder`."""
        copied = cls.__new__(cls)
        copied.root, copied.site = folder / "hub", folder / "site"
        shutil.copytree(repo.root, copied.root)
        if repo.site.is_dir():
            shutil.copytree(repo.site, copied.site)
        return copied

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if not text.startswith("---") else text, encoding="utf-8")
        return path

    def case_study(self, slug: str, front_matter: str = VALID_FRONT_MATTER, body: str = VALID_BODY) -> Path:
        return self.write(f"case_studies/{slug}.md", case_study_text(front_matter, body))

    def with_site(self) -> "Repo":
        """Add the real site configuration and good-practice pages, so the repository builds."""
        shutil.copy(ROOT / "mkdocs.yml", self.root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs" / "stylesheets", self.root / "docs" / "stylesheets")
        shutil.copytree(ROOT / "docs" / "javascripts", self.root / "docs" / "javascripts")
        shutil.copytree(ROOT / "overrides", self.root / "overrides")
        self.write("docs/index.md", "# Test hub\n\n{{ case_study_list() }}\n")
        # The footer links every page to the accessibility statement, and the build checks every link.
        self.write("docs/accessibility.md", "# Accessibility statement\n")
        # The real nav lists the hand-written good-practice pages: a stub for each this hub would not generate.
        generated = {f"partnerships/{p['id']}.md" for p in REGISTERS["partnerships"]}
        for page in hand_written_nav_pages():
            if page not in generated and not (self.root / "docs" / page).exists():
                self.write(f"docs/{page}", f"# {Path(page).stem}\n")
        return self

    def built(self) -> "Repo":
        """This repository built strictly into its `site` folder; a failed build fails the test with MkDocs' output."""
        result = self.build(self.site)
        assert result.returncode == 0, result.stderr
        return self

    def build(self, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Built strictly into `site`, with `env` added to the environment."""
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                              cwd=self.root, capture_output=True, text=True, env={**os.environ, **(env or {})})

    def build_here(self, site: Path, strict: bool = True) -> None:
        """Built into `site` in this process, as `mkdocs build` runs it (the plugins' start-up and shutdown included),
        so a test can catch what the build raises and read what it logged."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "hub")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real repository built strictly, once per test session."""
    out = tmp_path_factory.mktemp("site")
    # Not -q: MkDocs then drops warnings before --strict counts them, and a broken link would pass.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def hub():
    """The real repository's Hub, loaded once per test session: what its pages are expected to show."""
    from macros.figures.hub import build_hub

    return build_hub(ROOT)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    """The real repository built strictly with ProperDocs (the continuation of MkDocs 1.x), once per test session."""
    out = tmp_path_factory.mktemp("properdocs-site")
    # -f mkdocs.yml: ProperDocs reads properdocs.yml by default and mkdocs.yml only as a fallback it warns about.
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def newsletter_front_matter(title: str, published: str, themes: str = "procurement", extra: str = "",
                            reported: str = "2011-04-12") -> str:
    """VALID_FRONT_MATTER with its own title, dates (`reported`: its source's) and themes."""
    return (with_reported(VALID_FRONT_MATTER, reported)
            .replace("title: Joint procurement of software", f"title: {title}")
            .replace("published: 2026-01-15", f"published: {published}")
            .replace("themes: [procurement]", f"themes: [{themes}]") + extra)


# slug -> (title, published, themes, extra front matter): dates spread so ranges and feed order can be tested.
NEWSLETTER_CASE_STUDIES = {
    "old-procurement": ("Old procurement study", "2026-01-15", "procurement", ""),
    "october-sharing": ("October sharing study", "2026-10-05", "shared-services, procurement", ""),
    "updated-in-november": ("Updated in November study", "2026-03-01", "procurement", "updated: 2026-11-10\n"),
    "november-sharing": ("November sharing study", "2026-11-02", "shared-services", ""),
    "first-of-november": ('Legal & "trusted" services', "2026-11-01", "procurement",
                          "aliases: [legal-services]\n"),
    "late-november": ("Late November study", "2026-11-21", "procurement", ""),
    "november-draft": ("November draft study", "2026-11-03", "procurement", "draft: true\n"),
}


# slug -> the date of its source: the figures' age runs against the order of changes on the hub, so a list by one
# cannot pass for a list by the other; a source dated by year or month alone counts from its first day.
NEWSLETTER_REPORTED = {
    "old-procurement": "2013",
    "october-sharing": "2012-12-31",
    "updated-in-november": "2013-03",
    "november-sharing": "2011-04-12",
    "first-of-november": "2010",
    "late-november": "2008-02-01",
    "november-draft": "2014",
}
NEWSLETTER_NEWEST_FIGURES = ["updated-in-november", "old-procurement", "october-sharing", "november-sharing",
                             "first-of-november", "late-november"]


def reported_words(date: str) -> str:
    """A source's date in words, as precise as it is: '12 April 2011', 'April 2011', '2011'."""
    parts = [int(part) for part in date.split("-")]
    month = calendar.month_name[parts[1]] if len(parts) > 1 else ""
    return " ".join(str(part) for part in (parts[2] if len(parts) == 3 else "", month, parts[0]) if part)


@pytest.fixture(scope="session")
def newsletter_repo(tmp_path_factory) -> Repo:
    """A small hub with case studies published and updated on different days, written once per session (not built:
    for the digest command and the Hub)."""
    repo = Repo(tmp_path_factory.mktemp("newsletter") / "hub").with_site()
    for slug, (title, published, themes, extra) in NEWSLETTER_CASE_STUDIES.items():
        repo.case_study(slug, newsletter_front_matter(title, published, themes, extra, NEWSLETTER_REPORTED[slug]))
    with (repo.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nextra:\n  og_image: assets/images/favicon.png\n  og_image_alt: The hub's logo\n")
    return repo


@pytest.fixture(scope="session")
def newsletter_hub(newsletter_repo) -> Repo:
    """The newsletter hub built once per session, into its `site` folder."""
    return newsletter_repo.built()


CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"  # Debian's; another Chromium by its path (README)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def serve_folder(folder: Path):
    """Serve a folder on a free loopback port in a background thread; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # no line per request in the test output
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(site):
    """The real built site served on loopback, as a visitor's browser would see it."""
    url, server = serve_folder(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download: executablePath)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that refuses every request to a host other than the loopback test server."""
    from tests.browsing import open_tab

    tab = open_tab(browser)
    yield tab
    tab.context.close()
