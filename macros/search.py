"""The full-text search index: what each page tells Pagefind (body, filters, sort keys, metadata) and the
indexing run after the build. Pagefind writes a chunked static index; nothing is fetched from another host."""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import models
from .facets import dataset_facet_values, facet_values, sort_keys
from .render import esc

INDEX_FOLDER = "pagefind"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Generated listings repeat the summaries of the case studies they list: searching them would bury the
# case study under its own listings, so only these kinds (and hand-written pages, which have no kind) are indexed.
INDEXED_KINDS = {"case-study", "dataset"}
NOT_INDEXED_PAGES = {"search.md", "404.md"}


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


def render_search_data(kind: str, filters: dict[str, list[str]], sorts: dict[str, str], meta: dict[str, str],
                       also_known_as: list[str] = ()) -> str:
    """Hidden elements carrying a page's filters, sort keys and result metadata to the index.

    One element per value: Pagefind reads `key:value` up to the first colon, so a value may hold commas.
    Other names of the authorities go in an indexed attribute, so "Notts" finds Nottinghamshire.
    """
    spans = [f'<span data-pagefind-filter="kind:{esc(kind)}"></span>']
    spans += [f'<span data-pagefind-filter="{key}:{esc(value)}"></span>'
              for key, values in filters.items() for value in values]
    spans += [f'<span data-pagefind-sort="{key}:{esc(value)}"></span>' for key, value in sorts.items()]
    spans += [f'<span data-pagefind-meta="{key}:{esc(value)}"></span>' for key, value in meta.items()]
    block = f'<div class="hub-search-data" hidden data-pagefind-ignore>{"".join(spans)}</div>'
    if also_known_as:
        names = ", ".join(dict.fromkeys(also_known_as))
        block += (f'\n<div class="hub-search-data" hidden><span data-pagefind-index-attrs="data-also-known-as" '
                  f'data-also-known-as="Also known as: {esc(names)}"></span></div>')
    return "\n" + block + "\n\n"


def render_case_study_search_data(cs: models.CaseStudy, hub) -> str:
    aliases = [alias for a in cs.authorities for alias in hub.authorities[a].aliases]
    details = f"Case study · {hub.partnerships[cs.partnership].short_name} · reported in {cs.year}"
    return render_search_data("case-study", facet_values(cs, hub), sort_keys(cs),
                              {"summary": cs.summary, "details": details}, aliases)


def render_dataset_search_data(dataset: models.Dataset, hub) -> str:
    filters = dataset_facet_values(dataset, hub)
    aliases = [alias for a in filters["authority"] for alias in hub.authorities[a].aliases]
    details = f"Dataset · {hub.partnerships[dataset.partnership].short_name} · {dataset.period.label}"
    return render_search_data("dataset", filters, {},
                              {"summary": dataset.description or dataset.title, "details": details}, aliases)


def is_indexed(src_uri: str, meta: dict) -> bool:
    kind = (meta or {}).get("hub_kind")
    return kind in INDEXED_KINDS if kind else src_uri not in NOT_INDEXED_PAGES


def mark_page(html: str, src_uri: str, meta: dict) -> str:
    """Mark the article of a page that belongs in the search index (the rest of the page, nav and header, never does)."""
    if not is_indexed(src_uri, meta):
        return html
    if ARTICLE not in html:
        raise SearchIndexError(f"docs/{src_uri}: the theme's article element was not found, so the page "
                               "cannot be marked for the search index (has the theme changed?)")
    attributes = "data-pagefind-body"
    if not (meta or {}).get("hub_kind"):  # hand-written pages carry no search data of their own
        attributes += ' data-pagefind-filter="kind:page"'
    return html.replace(ARTICLE, ARTICLE[:-1] + f" {attributes}>", 1)


def find_pagefind() -> Path:
    """The Pagefind binary shipped in the pinned `pagefind[extended]` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # the plain `pagefind[bin]` wheel works as well
        from pagefind_bin import get_executable
    return Path(get_executable())


def index_site(site_dir: Path) -> None:
    """Run Pagefind over the built site, writing its chunked index into `site_dir/pagefind/`."""
    command = [str(find_pagefind()), "--site", str(site_dir), "--output-subdir", INDEX_FOLDER, "--silent",
               "--exclude-selectors", ".headerlink"]  # the ¶ permalinks would end up in titles and excerpts
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"the search index could not be built: {(result.stderr or result.stdout).strip()}")


def read_index(site_dir: Path) -> list[dict]:
    """Every page in the built index (url, content, filters, meta, sort), decoded from Pagefind's fragments."""
    import gzip
    import json

    pages = []
    for path in sorted((Path(site_dir) / INDEX_FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[len(b"pagefind_dcd"):]))
    return pages


def index_size(site_dir: Path) -> int:
    """Bytes of the whole index folder (a visitor downloads only the chunks a search needs)."""
    return sum(p.stat().st_size for p in (Path(site_dir) / INDEX_FOLDER).rglob("*") if p.is_file())
