"""Every address of the site, and every link between two of them. Addresses are a contract with newsletters, reports
and search engines (README, "Newsletters, feeds and link previews"): /case-studies/<slug>/, /themes/<id>/ and the
rest are built here and nowhere else.

Three kinds of address:
- a page's source path, as MkDocs names it (`src_uri`): "case-studies/x.md", "themes/index.md";
- a site path, where the built site holds a file or serves a page: "datasets/x.csv", "case-studies/x/";
- an absolute address, from the configured `site_url`: "https://hub.example.org/case-studies/x/".
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import urlencode, urlsplit

from ..content.settings import CASE_STUDY_SITE_FOLDER

# --- Pages, by source path ----------------------------------------------------------------------------------

HOME = "index.md"
CASE_STUDIES = f"{CASE_STUDY_SITE_FOLDER}/index.md"
DATASETS = "datasets/index.md"
YEARS = "years/index.md"
SEARCH = "search.md"
DIGEST = "digest/index.md"
CONTRIBUTE = "contribute.md"
MACRO_REFERENCE = "reference/macros.md"
GUIDES = "guides/"
REGISTERS_WITH_PAGES = ("themes", "authorities", "sub_regions", "partnerships")  # programmes have no pages


def case_study_page(slug: str) -> str:
    return f"{CASE_STUDY_SITE_FOLDER}/{slug}.md"


def register_page(register: str, item_id: str) -> str:
    return f"{register.replace('_', '-')}/{item_id}.md"


def register_index(register: str) -> str:
    return f"{register.replace('_', '-')}/index.md"


def case_study_index_page(number: int) -> str:
    """Page `number` (from 1) of the case-study index: the first at /case-studies/, the rest at
    /case-studies/page/2/ and on."""
    return CASE_STUDIES if number == 1 else f"{CASE_STUDY_SITE_FOLDER}/page/{number}.md"


def year_page(year: int) -> str:
    return f"years/{year}.md"


def dataset_page(dataset_id: str) -> str:
    return f"datasets/{dataset_id}.md"


def guide_page(theme_id: str) -> str:
    return f"{GUIDES}{theme_id}.md"


# --- Files the build writes beside the pages, by site path --------------------------------------------------

EXPORTS = "exports"                                 # computed tables and the Data Package; paths inside stay inside
DATA_PACKAGE = f"{EXPORTS}/datapackage.json"
CASE_STUDY_TABLE = f"{EXPORTS}/case-studies.csv"
PACKAGED_DATASETS = f"{EXPORTS}/datasets"           # copies of the dataset CSVs, which a package may only name there
DIGEST_DOWNLOADS = "digest/newsletter"              # + .html, .txt, .md: the "What's new" page's digest
SEARCH_INDEX = "pagefind"                           # Pagefind's index and script
SEARCH_TERMS = "search/terms.json"                  # beside the search page; fetched only when a query is typed
CASE_STUDY_INDEX_DATA = f"{CASE_STUDY_SITE_FOLDER}/index.json"  # what the index filters; fetched when a filter is chosen
REDIRECTS = "_redirects"                            # 301s for hosts that read the file (Netlify, Cloudflare Pages)
HEADERS = "_headers"                                # headers for the same hosts
SITEMAP = "sitemap.xml"
RSS, ATOM = "feed.xml", "atom.xml"


def dataset_downloads(dataset_id: str) -> tuple[str, str]:
    """Site paths of a dataset's CSV and JSON."""
    return f"datasets/{dataset_id}.csv", f"datasets/{dataset_id}.json"


def export_downloads(export_id: str) -> tuple[str, str]:
    """Site paths of a computed table's CSV and JSON."""
    return f"{EXPORTS}/{export_id}.csv", f"{EXPORTS}/{export_id}.json"


def feed_folder(theme_id: str | None = None) -> str:
    """The folder of the hub's feeds ('') or of a theme's, which is its page's folder."""
    return served_path(register_page("themes", theme_id)) if theme_id else ""


def redirect_page(alias: str) -> str:
    """Where the page that sends an old case-study address on to the new one is written."""
    return f"{served_path(case_study_page(alias))}index.html"


# --- From source path to site path --------------------------------------------------------------------------

def served_path(src_uri: str) -> str:
    """The folder a page is served from: 'case-studies/x.md' -> 'case-studies/x/', 'themes/index.md' -> 'themes/',
    'index.md' -> ''."""
    path = src_uri.removesuffix(".md")
    return path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"


def page_path(page_url: str) -> str:
    """A built page's path without 'index.html' or trailing slash, from MkDocs' `page.url`: 'themes/x/' -> 'themes/x'."""
    return page_url.rstrip("/").removesuffix("/index.html").removesuffix("index.html")


# --- Relative links -----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def link(from_uri: str, to_uri: str) -> str:
    """A Markdown link between two source files ('case-studies/x.md' -> '../themes/y.md'), which MkDocs turns into
    the target's address."""
    # posixpath.relpath, less its os.getcwd() calls: tens of thousands of links per build at 1,000 case studies.
    start = [part for part in posixpath.dirname(from_uri).split("/") if part]
    target = to_uri.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def href(from_uri: str, to_uri: str) -> str:
    """An address for raw HTML, where MkDocs rewrites no links: from one page's folder to another's
    ('case-studies/x.md' -> 'themes/y.md' gives '../../themes/y/'; a page to itself, './')."""
    return link(served_path(from_uri) + "index.md", served_path(to_uri) + "index.md")[:-len("index.md")] or "./"


def file_href(from_uri: str, site_path: str) -> str:
    """An address for raw HTML from a page to a file of the built site ('datasets/x.csv')."""
    return folder_href(served_path(from_uri), site_path)


def folder_href(folder: str, site_path: str) -> str:
    """An address from a folder of the site ('exports/', or '' for the root) to a file or folder of it."""
    return link(folder + "index.md", site_path)


def href_from_page(page_url: str, site_path: str) -> str:
    """An address from a built page (MkDocs' `page.url`: 'themes/x/', '', '404.html') to a file of the site."""
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return link(folder.lstrip("/") + "index.md", site_path)


def case_study_index_href(from_uri: str, query: dict[str, str]) -> str:
    """The case-study index, filtered: '../case-studies/?theme=procurement&delivered=cashable-per-year'."""
    return href(from_uri, CASE_STUDIES) + ("?" + urlencode(query) if query else "")


def search_href(from_uri: str, query: dict[str, str]) -> str:
    """The search page with filters chosen: '../search/?authority=blaby&kind=case-study'."""
    return href(from_uri, SEARCH) + ("?" + urlencode(query) if query else "")


# --- Absolute addresses, from site_url ----------------------------------------------------------------------

def site_base(site_url: str) -> str:
    """The site's address with a trailing slash; '/' when no site_url is configured."""
    return (site_url or "/").rstrip("/") + "/"


def base_path(site_url: str) -> str:
    """The path the site is served under: '/' for https://hub.example.org/, '/hub/' for https://x.org/hub."""
    path = urlsplit(site_url or "").path
    return path if path.endswith("/") else path + "/"


def site_origin(site_url: str) -> str:
    """'https://host' of the configured site address, or '' without one."""
    parts = urlsplit(site_url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def absolute_url(site_url: str, site_path: str) -> str:
    return site_base(site_url) + site_path


def page_url(site_url: str, src_uri: str) -> str:
    """The absolute address of the page built from `src_uri`."""
    return absolute_url(site_url, served_path(src_uri))


def case_study_url(site_url: str, slug: str, query: dict[str, str] | None = None) -> str:
    """A case study's absolute address, with a query (a newsletter's campaign tags) when given."""
    return page_url(site_url, case_study_page(slug)) + ("?" + urlencode(query) if query else "")


def case_study_path(site_url: str, slug: str) -> str:
    """A case study's address on its host, under the site's base path: '/case-studies/x/', '/hub/case-studies/x/'."""
    return base_path(site_url) + served_path(case_study_page(slug))


def search_url_template(site_url: str) -> str:
    """The search page's address with its query left to fill in, as schema.org's SearchAction writes it."""
    return page_url(site_url, SEARCH) + "?q={search_term_string}"
