"""MkDocs' link warnings in the hub's words: each names the file and line the editor wrote the link on
(`case_studies/x.md:12`, not the generated page `case-studies/x.md`) and says what to write instead."""

from __future__ import annotations

import difflib
import logging
import posixpath
import re

from ..content.problems import Problem
from ..content.settings import CASE_STUDIES, CASE_STUDY_SITE_FOLDER
from .source_lines import PageSources

# The loggers of MkDocs' link validation (mkdocs/structure/pages.py), and of ProperDocs', its continuation.
LINK_LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")

# MkDocs 1.6's wording, one pattern per kind of link warning.
DOC_LINK = re.compile(r"Doc file '(?P<page>.+?)' contains (?P<what>.*)\Z", re.S)
KINDS = {
    "unrecognized": re.compile(r"an unrecognized relative link '(?P<url>.*)', it was left as is\.(?P<rest>.*)\Z", re.S),
    "absolute": re.compile(r"an absolute link '(?P<url>.*)', it was left as is\.(?P<rest>.*)\Z", re.S),
    "not found": re.compile(r"a link '(?P<url>.*)', but the target(?: '(?P<target>.*)')? is not found among "
                            r"documentation files\.(?P<rest>.*)\Z", re.S),
    "anchor here": re.compile(r"a link '(?P<url>.*)', but there is no such anchor on this page\.(?P<rest>.*)\Z", re.S),
    "anchor": re.compile(r"a link '(?P<url>.*)', but the doc '(?P<target>.*)' does not contain an anchor "
                         r"'#(?P<anchor>.*)'\.(?P<rest>.*)\Z", re.S),
    "excluded": re.compile(r"a link to '(?P<target>.*)' which is excluded from the built site\.(?P<rest>.*)\Z", re.S),
}
SUGGESTION = re.compile(r"Did you mean '(?P<url>.*)'\?")
HOW_TO_LINK = ("link a page of the hub by its Markdown file, relative to this page's place on the site "
               "({example}), or another site by its full https:// address")


class LinkMessages(logging.Filter):
    """Rewrites MkDocs' link warnings about pages an editor writes (level kept, so --strict still counts them),
    and records each link reported, so the hub's own link check does not report it a second time."""

    def __init__(self):
        super().__init__()
        self.sources: PageSources | None = None
        self.files = None

    def start(self, sources: PageSources, files) -> None:
        """The pages of this build and where each comes from."""
        self.sources, self.files = sources, files

    def filter(self, record: logging.LogRecord) -> bool:
        if self.sources is None or record.levelno < logging.INFO:
            return True
        try:
            problem = self.describe(record.getMessage())
        except Exception:  # never lose MkDocs' own warning over a wording the hub did not foresee
            return True
        if problem is not None:
            record.msg, record.args = str(problem), ()
            record.hub_problem = problem
        return True

    def describe(self, message: str) -> Problem | None:
        """MkDocs' warning as a problem at the line the link is written on, or None for one it does not know or
        about a page no editor writes."""
        doc = DOC_LINK.match(message)
        if not doc:
            return None
        page = doc["page"]
        for kind, pattern in KINDS.items():
            if found := pattern.match(doc["what"]):
                break
        else:
            return None
        url = found.groupdict().get("url") or found.groupdict().get("target") or ""
        location = self.sources.locate_link(page, url) if kind != "excluded" else self.sources.locate(
            page, [re.escape(posixpath.basename(url))])
        if location is None:
            return None
        suggested = SUGGESTION.search(found["rest"] or "")
        hint = f"did you mean '{suggested['url']}'?" if suggested else ""
        example = self.example(page)
        if kind in ("unrecognized", "absolute"):
            self.sources.reported.add((page, url))
            reason = ("starts with '/', which skips the site's own folder on some hosts" if kind == "absolute"
                      else "names no Markdown file of the hub")
            fix = hint or self.closest_page(page, self.guess_target(page, url)) or HOW_TO_LINK.format(example=example)
            message = f"the link '{url}' {reason}"
        elif kind == "not found":
            self.sources.reported.add((page, url))
            target = found["target"] or url
            message = f"the link '{url}' leads nowhere: {describe_missing(target)}"
            fix = hint or self.closest_page(page, target) or (
                f"check the slug against the files in {CASE_STUDIES}/: a case study is linked by its file name"
                if is_case_study(target) else HOW_TO_LINK.format(example=example))
        elif kind in ("anchor", "anchor here"):
            anchor = found.groupdict().get("anchor") or url.partition("#")[2]
            target = found.groupdict().get("target") or page
            self.sources.reported.add((page, target, anchor))
            where = "this page" if target == page else self.describe_page(target)
            message = f"the link '{url}' leads to no heading: {where} has no heading or anchor '#{anchor}'"
            fix = self.closest_anchor(target, anchor) or ("link to one of its headings: a heading's anchor is its "
                                                          "text in lower case, spaces as hyphens ('## What was done' "
                                                          "is '#what-was-done')")
        else:
            message = f"the link '{url}' leads to a page left out of the site"
            fix = "link a published page, or remove the link"
        return Problem(location.path, location.line, "body", message, fix)

    def example(self, page: str) -> str:
        """A link the editor could write from this page: to a theme's page, from a page in its folder."""
        return f"'{posixpath.relpath('themes/procurement.md', posixpath.dirname(page) or '.')}'"

    def closest_page(self, page: str, target: str) -> str:
        """'did you mean …?' with the hub's page whose name is nearest the one linked (in the folder linked, else
        anywhere), written relative to the linking page."""
        if self.files is None:
            return ""
        folder, _, name = posixpath.normpath(target).rpartition("/")
        stem = name.removesuffix(".md")
        pages = [file.src_uri for file in self.files.documentation_pages() if not file.src_uri.endswith("index.md")]
        for candidates in ([p for p in pages if posixpath.dirname(p) == folder], pages):
            stems = {posixpath.basename(p).removesuffix(".md"): p for p in sorted(candidates, reverse=True)}
            if matches := difflib.get_close_matches(stem, list(stems), n=1, cutoff=0.75):
                return f"did you mean '{posixpath.relpath(stems[matches[0]], posixpath.dirname(page) or '.')}'?"
        return ""

    def guess_target(self, page: str, url: str) -> str:
        """The Markdown file an address written as the built site has it ('../../themes/x/') means: the page
        at that address, seen from where this page is served."""
        path = url.split("#")[0].split("?")[0].rstrip("/")
        served = page.removesuffix(".md").removesuffix("index").rstrip("/")  # 'case-studies/x' for case-studies/x.md
        return posixpath.normpath(posixpath.join(served, path)) + ".md"

    def describe_page(self, src_uri: str) -> str:
        """A page as an editor knows it: by the file they write ('case_studies/x.md', 'docs/guides/x.md'), else
        as the page the hub generates ('the page themes/x.md')."""
        return self.sources.source_of(src_uri) or f"the page {src_uri}"

    def closest_anchor(self, target: str, anchor: str) -> str:
        if self.files is None:
            return ""
        file = self.files.get_file_from_path(target)
        ids = sorted(getattr(getattr(file, "page", None), "present_anchor_ids", None) or ())
        matches = difflib.get_close_matches(anchor, [i for i in ids if not i.startswith("__")], n=1, cutoff=0.6)
        return f"did you mean '#{matches[0]}'?" if matches else ""


def is_case_study(src_uri: str) -> bool:
    folder, _, name = src_uri.rpartition("/")
    return folder == CASE_STUDY_SITE_FOLDER and name.endswith(".md") and name != "index.md"


def describe_missing(target: str) -> str:
    if is_case_study(target):
        return f"there is no case study {CASE_STUDIES}/{posixpath.basename(target)}"
    return f"there is no page or file {target} in the site"


def install_link_messages() -> LinkMessages:
    """The one LinkMessages filter on MkDocs' (and ProperDocs') link loggers, added once per process."""
    for name in LINK_LOGGERS:
        logger = logging.getLogger(name)
        for existing in logger.filters:
            if isinstance(existing, LinkMessages):
                return existing
    messages = LinkMessages()
    for name in LINK_LOGGERS:
        logging.getLogger(name).addFilter(messages)
    return messages
