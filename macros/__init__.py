"""Partnership Knowledge Hub: content loading, validation, figures and pages; `define_env` for mkdocs-macros."""

from __future__ import annotations

import functools
from pathlib import Path


def define_env(env):
    """Register the page macros with the Hub bound (mkdocs-macros entry point)."""
    from .hub import current_hub
    from .page_macros import MACROS, MacroError

    hub = current_hub(Path(env.conf["config_file_path"]).parent)

    def bind(function):
        @functools.wraps(function)
        def macro(*args, **kwargs):
            page = env.page.file.src_uri if env.page else "?"
            try:
                return function(hub, page, *args, **kwargs)
            except (MacroError, TypeError) as error:
                raise MacroError(f"docs/{page}: {error}") from None
        return macro

    for function in MACROS:
        env.macro(bind(function), function.__name__)
