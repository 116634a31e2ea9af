"""What generated pages still give Markdown: their front matter, and headings with text escaped so Markdown shows it as
written (everything else on them is HTML carried past Markdown, `passthrough.py`)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


def escape_md(text: str) -> str:
    """Text that Markdown will show exactly as written."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|!{}])", r"\\\1", text)


def front_matter(**fields) -> str:
    import yaml
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: one front matter per generated page
    return "---\n" + yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


@dataclass(frozen=True)
class GeneratedPage:
    uri: str        # source path inside docs, e.g. "case-studies/shared-legal-service.md"
    markdown: str


def page_header(title: str, description: str, kind: str, **extra) -> str:
    """A generated page's front matter: never rendered through Jinja (contributed text is data, not a template)."""
    return front_matter(title=title, description=description, render_macros=False, hub_kind=kind, **extra)
