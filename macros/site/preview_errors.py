"""The preview (`mkdocs serve`) while a build fails: every page it serves shows the problems, escaped, with MkDocs'
live-reload script, so the editor's browser shows the site again by itself after the next good save. `mkdocs build`
never comes here: it fails with the same messages."""

from __future__ import annotations

import html
import logging
import posixpath
import traceback
from dataclasses import dataclass

log = logging.getLogger("mkdocs.plugins.hub")

# MkDocs' own line after a failed rebuild says the server "will appear stuck"; this one says what it does instead.
SHOWN_IN_BROWSER = ("The preview shows these problems on every page until they are fixed; it reloads by itself "
                    "after the next save that builds")


@dataclass(frozen=True)
class BuildFailure:
    """What stopped the last preview build: the content's problems, one line each, or another build error."""

    lines: tuple[str, ...]
    content: bool  # the lines are problems in the content (`pkhub check`'s lines), not another build error


def describe_failure(error: BaseException) -> BuildFailure:
    """The content's problems of a ContentError (or the plugin's error carrying them), else the error's text."""
    problems = getattr(error, "problems", None)
    if problems:
        return BuildFailure(tuple(str(problem) for problem in problems), content=True)
    text = str(error).strip() or type(error).__name__
    return BuildFailure(tuple(text.splitlines()), content=False)


def render_failure_page(failure: BuildFailure) -> str:
    """The page shown in place of every page of the preview: what is wrong, where, and what to do."""
    count = len(failure.lines)
    if failure.content:
        heading = f"The preview is waiting for {count} problem{'s' if count != 1 else ''} in the content to be fixed"
        advice = ("Each line names the file and line, the field, what is wrong and what to write instead. "
                  "Fix them and save: this page shows the site again by itself once the content builds. "
                  "<code>make check</code> lists the same problems; CONTRIBUTING.md describes every field.")
        body = "<ul class=problems>" + "".join(f"<li><code>{html.escape(line)}</code></li>"
                                               for line in failure.lines) + "</ul>"
    else:
        heading = "The preview is waiting for the build to succeed"
        advice = ("The build stopped with the error below; the terminal running <code>make serve</code> shows the "
                  "details. Fix it and save: this page shows the site again by itself once the site builds.")
        body = "<pre>" + html.escape("\n".join(failure.lines)) + "</pre>"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview stopped: {html.escape(heading)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b;
       line-height: 1.5; }}
h1 {{ font-size: 1.5rem; border-left: 0.4rem solid #b3261e; padding-left: 0.75rem; }}
.problems {{ padding-left: 1.25rem; }}
.problems li {{ margin: 0.5rem 0; }}
code, pre {{ font-family: ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }}
pre {{ background: #f4f4f4; padding: 1rem; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(heading)}</h1>
<p>{advice}</p>
{body}
</main>
</body>
</html>
"""


def is_page_request(path: str) -> bool:
    """A request for a page (a folder, an .html file or an address without a suffix), not for an asset or the
    live-reload poll, which the server answers as usual."""
    if path.startswith("/livereload/"):
        return False
    name = posixpath.basename(path)
    return path.endswith("/") or name.endswith(".html") or "." not in name


class FailingPreview:
    """The preview server's build failure, if any, and the hooks that show it (installed by the plugin's
    `on_serve`; the first build's content problems are recorded by the plugin before the server exists)."""

    def __init__(self):
        self.failure: BuildFailure | None = None
        self.error: BaseException | None = None  # the build's own error, as the plugins' `on_build_error` saw it

    def record(self, error: BaseException) -> None:
        self.failure = describe_failure(error)

    def attach(self, server) -> None:
        """Wrap the server's builder, so a failed rebuild is recorded and the browsers reload (MkDocs would leave
        every request waiting for a good build), and its application, so pages show the failure meanwhile."""
        builder, app = server.builder, server.get_app()

        def build():
            self.error = None
            try:
                builder()
            except Exception as error:  # mkdocs' Abort (a BuildError already logged), or anything a plugin raised
                if not isinstance(error, SystemExit):
                    traceback.print_exc()
                self.record(self.error or error)
                log.error(SHOWN_IN_BROWSER)
            else:
                self.failure = None

        def serve(environ, start_response):
            failure = self.failure
            if failure is None or not is_page_request(environ.get("PATH_INFO", "")):
                return app(environ, start_response)
            body = with_live_reload(server, render_failure_page(failure).encode("utf-8"))
            # 200: the server logs every other status as a warning, once per page the browser asks for.
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
            return [body]

        server.builder = build
        server.set_app(serve)


def with_live_reload(server, page: bytes) -> bytes:
    """The page with MkDocs' live-reload script, as the server adds it to every page it serves: it reloads when a
    newer build is shown. (MkDocs has no public call for it; without one, the page reloads every few seconds.)"""
    inject, epoch = getattr(server, "_inject_js_into_html", None), getattr(server, "_visible_epoch", None)
    if inject is None or epoch is None:
        return page.replace(b"<head>", b'<head>\n<meta http-equiv="refresh" content="3">', 1)
    return inject(page, epoch)
