"""Partnership Knowledge Hub: content loading, validation, figures and pages; `define_env` for mkdocs-macros."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path


def define_env(env):
    """Register the page macros with the Hub bound (mkdocs-macros entry point)."""
    from .figures.hub import current_hub
    from .site.case_study_macros import MACROS, MacroError

    hub = current_hub(Path(env.conf["config_file_path"]).parent)

    def bind(function):
        @functools.wraps(function)
        def macro(*args, **kwargs):
            page = env.page.file.src_uri if env.page else "?"
            try:
                return function(hub, page, *args, **kwargs)
            except (MacroError, TypeError) as error:
                line = calling_line(env.page, env.markdown)
                raise MacroError(f"docs/{page}{f':{line}' if line else ''}: {error}") from None
        return macro

    for function in MACROS:
        env.macro(bind(function), function.__name__)


def calling_line(page, markdown: str) -> int | None:
    """The line of the page's file holding the macro call being run: Jinja's line in the Markdown it renders, plus
    the front matter MkDocs took off before it."""
    frame = inspect.currentframe()
    while frame and "__jinja_template__" not in frame.f_globals:
        frame = frame.f_back
    if frame is None or page is None:
        return None
    line = frame.f_globals["__jinja_template__"].get_corresponding_lineno(frame.f_lineno)
    try:
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError):
        return line
    return line + (text[:len(text) - len(markdown)].count("\n") if markdown and text.endswith(markdown) else 0)
