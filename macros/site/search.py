"""The full-text search index: what each page tells Pagefind (body, filters, sort keys, metadata), and the
indexing run as the site renders. Pagefind writes a chunked static index; nothing is fetched from another host.

Pages go to a Pagefind service process over its own protocol (base64 JSON messages), written and read by two
threads so rendering never waits. Pagefind's Python API (`pagefind.index.PagefindIndex`) speaks the same protocol,
but its reader sleeps 0.1 s before each reply it reads: 300 pages took 30.7 s with it against 1.6 s here
(farm-bench, median of 3), so only its way of finding the binary is used."""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable
from selectolax.lexbor import LexborHTMLParser

from ..content import models
from .facets import case_study_facets, dataset_facet_values, facet_values, sort_keys, sorted_amounts
from .format import describe_dates, describe_period
from .html.text import esc
from .urls import SEARCH, SEARCH_INDEX

# Generated listings repeat the summaries of the case studies they list: searching them would bury the
# case study under its own listings, so only these kinds (and hand-written pages, which have no kind) are indexed.
INDEXED_KINDS = {"case-study", "dataset"}
NOT_INDEXED_PAGES = {SEARCH, "404.md"}
DETAILS_LENGTH = 200  # a result's line of details under its title: two or three lines in the header's popup


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
    # The age of its figures beside the day the hub added it, as every listing gives them (`format.describe_dates`).
    details = " · ".join(["Case study", hub.partnerships[cs.partnership].short_name, *describe_dates(cs)])
    # Each "largest saving" sort's amount, in words, so a sorted result can show what it was ranked by.
    filters = case_study_facets(hub).get(cs.slug) or facet_values(cs, hub)  # a draft is in no Hub's list
    return render_search_data("case-study", filters, sort_keys(cs),
                              {"summary": cs.summary, "details": details, **sorted_amounts(cs)}, aliases)


def render_dataset_search_data(dataset: models.Dataset, hub) -> str:
    filters = dataset_facet_values(dataset, hub)
    aliases = [alias for a in filters["authority"] for alias in hub.authorities[a].aliases]
    details = f"Dataset · {hub.partnerships[dataset.partnership].short_name} · {describe_period(dataset.period)}"
    return render_search_data("dataset", filters, {},
                              {"summary": dataset.description or dataset.title, "details": details}, aliases)


def is_indexed(src_uri: str, meta: dict) -> bool:
    kind = (meta or {}).get("hub_kind")
    return kind in INDEXED_KINDS if kind else src_uri not in NOT_INDEXED_PAGES


def mark_page(html: str, src_uri: str, meta: dict, article: str) -> str:
    """Mark the article of a page that belongs in the search index (the rest of the page, nav and header, never does);
    `article` is the theme's start tag of it (the plugin's `search_article` setting)."""
    if not is_indexed(src_uri, meta):
        return html
    if article not in html:
        raise SearchIndexError(f"docs/{src_uri}: the theme's article element was not found, so the page "
                               "cannot be marked for the search index (has the theme changed?)")
    attributes = "data-pagefind-body"
    if not (meta or {}).get("hub_kind"):  # hand-written pages carry no search data of their own: given here
        attributes += ' data-pagefind-filter="kind:page"'
        if details := describe_page(html, meta, article):
            # At the article's end, so the page's own content still comes first in it.
            end = html.find("</article>", html.find(article))
            if end >= 0:
                html = (html[:end] + '<div class="hub-search-data" hidden data-pagefind-ignore>'
                        f'<span data-pagefind-meta="details:{esc(details)}"></span></div>' + html[end:])
    return html.replace(article, article[:-1] + f" {attributes}>", 1)


def describe_page(html: str, meta: dict, article: str, limit: int = DETAILS_LENGTH) -> str:
    """A hand-written page's line under its title in search results: its description, else its first paragraph,
    cut at a word within `limit` characters."""
    text = str((meta or {}).get("description") or "").strip()
    if not text:
        start = html.find(article)
        body = LexborHTMLParser(html[start:]).css_first("p") if start >= 0 else None
        text = body.text(separator=" ", strip=True) if body else ""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class LiveIndex:
    """A Pagefind service process fed each page as MkDocs writes it: indexing runs on another core while the
    rest of the site renders, and the index is written when the build ends."""

    def __init__(self):
        binary = get_executable()  # the pinned `pagefind[extended]` wheel's (PAGEFIND_BINARY_PATH overrides it)
        if binary is None:
            raise SearchIndexError("the Pagefind binary was not found: reinstall the requirements (make setup)")
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.outbox: queue.Queue = queue.Queue()  # encoded messages; a writer thread keeps rendering from waiting
        self.replies: dict[int, dict] = {}
        self.errors: list[str] = []
        self.done = threading.Condition()
        self.closed = False
        self.sent = 0
        threading.Thread(target=self._write, daemon=True).start()
        threading.Thread(target=self._read, daemon=True).start()
        self.index_id = self._ask({"type": "NewIndex", "config": {"exclude_selectors": [".headerlink"]}})["index_id"]

    def _send(self, payload: dict) -> int:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")
        self.outbox.put(base64.b64encode(message) + b",")  # the service reads base64 JSON, comma-separated
        return self.sent

    def _write(self) -> None:
        try:
            while (data := self.outbox.get()) is not None:
                self.process.stdin.write(data)
                self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    def _read(self) -> None:
        pending = b""
        while chunk := self.process.stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            with self.done:
                for message in messages:
                    reply = json.loads(base64.b64decode(message))
                    payload = reply.get("payload") or {}
                    if payload.get("type") == "Error":
                        self.errors.append(str(payload.get("message")))
                    self.replies[reply.get("message_id") or -1] = payload
                self.done.notify_all()
        with self.done:
            self.closed = True
            self.done.notify_all()

    def _wait(self, until) -> None:
        with self.done:
            self.done.wait_for(lambda: until() or self.closed or self.errors, timeout=600)
            if self.errors or not until():
                raise SearchIndexError("the search index could not be built: "
                                       + ("; ".join(self.errors) or "Pagefind stopped unexpectedly"))

    def _ask(self, payload: dict) -> dict:
        message_id = self._send(payload)
        self._wait(lambda: message_id in self.replies)
        return self.replies[message_id]

    def add_page(self, html: str, url: str) -> None:
        self._send({"type": "AddFile", "index_id": self.index_id, "url": url, "file_contents": html, "file_path": None})

    def write(self, site_dir: Path) -> None:
        """Wait for every page to be indexed, then write the index into `site_dir/pagefind/`."""
        sent = self.sent
        self._wait(lambda: len(self.replies) >= sent)
        self._ask({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(Path(site_dir) / SEARCH_INDEX)})

    def close(self) -> None:
        self.outbox.put(None)
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()


class SiteSearch:
    """What the plugin calls: mark each page, feed the ones that belong in the index, write the index at the end."""

    def __init__(self, article: str, index: bool = True):
        self.article = article
        self.live = LiveIndex() if index else None  # without: pages are marked, the index already written stays

    def add_page(self, html: str, src_uri: str, meta: dict, url: str) -> str:
        marked = mark_page(html, src_uri, meta, self.article)
        if self.live and is_indexed(src_uri, meta):
            self.live.add_page(marked, "/" + url)
        return marked

    def finish(self, site_dir: Path) -> None:
        if self.live:
            try:
                self.live.write(site_dir)
            finally:
                self.live.close()

    def abort(self) -> None:
        if self.live:
            self.live.close()


def read_index(site_dir: Path) -> list[dict]:
    """Every page in the built index (url, content, filters, meta, sort), decoded from Pagefind's fragments."""
    import gzip

    pages = []
    for path in sorted((Path(site_dir) / SEARCH_INDEX / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[len(b"pagefind_dcd"):]))
    return pages

