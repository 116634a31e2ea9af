"""The page macros, registered with mkdocs-macros (`define_env`): each bound to the build's Hub and to the page
calling it, so that a bad argument stops the build naming the page's file and line. No logic of its own: the
macros are in `case_study_macros.py` and `dataset_macros.py`."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

from .case_study_macros import (
    case_study_count, case_study_list, headline, league_table, savings_by_kind, savings_summary, savings_table,
)
from .count_macros import count_of
from .dataset_macros import chart, dataset_figure, dataset_league, dataset_table
from .macro_arguments import MacroError
from .passthrough import html_inline

MACROS = [case_study_list, case_study_count, savings_summary, savings_table, league_table, headline, savings_by_kind,
          dataset_table, dataset_figure, dataset_league, chart, count_of]


def define_env(env):
    """Register the page macros with the build's Hub bound (mkdocs-macros entry point). The hub plugin, listed
    before `macros` in mkdocs.yml, has loaded it in its own `on_config`."""
    hub = env.conf["plugins"]["hub"].hub

    def bind(function):
        @functools.wraps(function)
        def macro(*args, **kwargs):
            page = env.page.file.src_uri if env.page else "?"
            try:
                result = function(hub, page, *args, **kwargs)
            except (MacroError, TypeError) as error:
                line = calling_line(env.page, env.markdown)
                raise MacroError(f"docs/{page}{f':{line}' if line else ''}: {error}") from None
            # Lists, tables and figures are HTML built from escaped text: Markdown leaves them alone.
            return html_inline(result) if isinstance(result, str) and result.startswith("<") else result
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
