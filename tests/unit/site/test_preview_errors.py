"""The page the preview shows while a build fails (`macros/site/preview_errors.py`): escaped, complete, and which
requests get it."""

from __future__ import annotations

from html.parser import HTMLParser

from mkdocs.exceptions import Abort

from macros.content.problems import ContentError, Problem
from macros.site.csp import build_policy
from macros.site.preview_errors import (
    FailingPreview, describe_failure, is_page_request, render_failure_page, with_live_reload,
)


class _Text(HTMLParser):
    """The page's list items as a reader sees them, and every element's tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self.tags, self._in_item = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self.items.append("")
            self._in_item = True

    def handle_endtag(self, tag):
        if tag == "li":
            self._in_item = False

    def handle_data(self, data):
        if self._in_item:
            self.items[-1] += data


def read(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


HOSTILE = Problem("case_studies/<b>x</b>.md", 4, "title", "'<script>alert(1)</script>' is too long", "shorten it")
TYPO = Problem("case_studies/joint-software.md", 7, "themse", "unknown field 'themse'", "did you mean 'themes'?")


def test_the_failure_page_lists_every_content_problem_as_pkhub_check_prints_it_and_runs_nothing_it_quotes():
    failure = describe_failure(ContentError([TYPO, HOSTILE]))
    page = render_failure_page(failure)
    parsed = read(page)
    assert parsed.items == [str(HOSTILE), str(TYPO)]  # sorted, as `pkhub check` prints them
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "2 problems in the content" in page and "make check" in page


def test_another_build_error_is_shown_whole_and_points_to_the_terminal():
    failure = describe_failure(RuntimeError("docs/index.md:3: case_study_list: unknown theme <'x'>\nsecond line"))
    page = render_failure_page(failure)
    assert "docs/index.md:3: case_study_list: unknown theme &lt;&#x27;x&#x27;&gt;\nsecond line" in page
    assert "make serve" in page and not read(page).items


def test_pages_get_the_failure_and_assets_and_the_live_reload_poll_do_not():
    for path in ["/", "/themes/", "/case-studies/joint-software", "/404.html"]:
        assert is_page_request(path), path
    for path in ["/assets/stylesheets/main.css", "/livereload/123/456", "/pagefind/pagefind.js", "/feed.xml"]:
        assert not is_page_request(path), path


class _Server:
    """The parts of MkDocs' LiveReloadServer the preview uses, answering as it does."""

    def __init__(self, builder, inject=True):
        self.builder, self.app = builder, None
        if inject:
            self._visible_epoch = 7
            self._inject_js_into_html = lambda content, epoch: content.replace(
                b"</body>", b"<script>livereload(%d)</script></body>" % epoch)

    def get_app(self):
        return lambda environ, start_response: [b"the site's own answer"]

    def set_app(self, app):
        self.app = app


def request(server, path):
    statuses = []
    body = b"".join(server.app({"PATH_INFO": path}, lambda status, headers: statuses.append(status)))
    return statuses, body.decode("utf-8")


def test_a_failed_rebuild_is_recorded_and_returns_so_browsers_reload_and_a_good_one_clears_it():
    outcome = {"error": ContentError([TYPO])}

    def builder():
        if outcome["error"]:
            preview.error = outcome["error"]  # as the plugin's on_build_error records it
            raise Abort("Aborted with a BuildError!")  # as mkdocs.commands.build.build does

    preview = FailingPreview()
    server = _Server(builder)
    preview.attach(server)
    server.builder()  # does not raise: MkDocs' build loop then tells the browsers to reload
    assert preview.failure.lines == (str(TYPO),)
    statuses, page = request(server, "/case-studies/joint-software/")
    assert statuses == ["200 OK"] and str(TYPO).replace("'", "&#x27;") in page and "livereload(7)" in page
    assert request(server, "/assets/app.js")[1] == "the site's own answer"
    outcome["error"] = None
    server.builder()
    assert preview.failure is None
    assert request(server, "/case-studies/joint-software/")[1] == "the site's own answer"


def test_without_mkdocs_live_reload_script_the_failure_page_reloads_itself():
    page = with_live_reload(_Server(None, inject=False), b"<html><head></head><body></body></html>")
    assert b'<meta http-equiv="refresh"' in page


def test_the_preview_policy_lets_the_live_reload_script_run_and_the_published_one_does_not():
    theme = ["console.log('theme')"]
    script_src = {live: build_policy(theme, live_reload=live).split("script-src", 1)[1].split(";")[0]
                  for live in (True, False)}
    assert "'unsafe-inline'" in script_src[True] and "sha256-" not in script_src[True]
    assert "'unsafe-inline'" not in script_src[False] and "sha256-" in script_src[False]
