"""What generated pages still give Markdown: their front matter, and headings with text escaped so Markdown shows it as
written (everything else on them is HTML carried past Markdown, `passthrough.py`)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .urls import link


def escape_md(text: str) -> str:
    """Text that Markdown will show exactly as written."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#|!{}])", r"\\\1", text)


def md_link(text: str, from_uri: str, to_uri: str) -> str:
    return f"[{escape_md(text)}]({link(from_uri, to_uri)})"


def render_links(pairs, from_uri: str) -> str:
    """Comma-separated Markdown links from (text, uri) pairs."""
    return ", ".join(md_link(text, from_uri, uri) for text, uri in pairs)


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
