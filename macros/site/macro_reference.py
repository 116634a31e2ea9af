"""The editors' reference of page macros, generated from the macros' own signatures and docstrings."""

from __future__ import annotations

import inspect

from .html.text import esc
from .macros import MACROS


def describe_signature(function) -> str:
    parameters = list(inspect.signature(function).parameters.values())[2:]  # hub and page are bound
    parts = []
    for p in parameters:
        if p.kind is p.VAR_KEYWORD:
            parts.append("**filters")
        elif p.default is p.empty:
            parts.append(p.name)
        else:
            parts.append(f"{p.name}={p.default!r}")
    return f"{function.__name__}({', '.join(parts)})"


def render_macro_reference() -> str:
    """Markdown for the macro reference page: one section per macro, its call form and its documentation."""
    sections = []
    for function in MACROS:
        doc = inspect.cleandoc(function.__doc__ or "")
        sections.append(f"## `{function.__name__}`\n\n<pre><code>{esc(describe_signature(function))}</code></pre>\n\n"
                        f"{doc}\n")
    filters = ("Filters (where a macro takes `**filters`): `partnership`, `programme`, `theme`, `authority`, "
               "`sub_region` (ids from the registers in `data/`), `authority_type`, `region`, `year` (the year a "
               "case study was reported), `area` (a region or sub-region id: the area-wide work that covered it). "
               "`authority` and `sub_region` match the case studies that name a council, the work credited to it; "
               "area-wide work, naming no council, is never counted for the councils of its area. A value that is "
               "not known stops the build and names the closest one.")
    return ("# Page macros\n\nGood-practice pages in `docs/` call these macros between double braces to pull "
            "figures, tables and lists from the data at build time, so no page carries a hand-typed total. "
            f"This page is generated from the code.\n\n{filters}\n\n" + "\n".join(sections))
