"""The Content-Security-Policy of every page: scripts only from the site itself and the theme's own inline scripts
(by hash), so no inline handler or injected script runs; no plugins, no <base>; images, fonts and requests only to
the site. Built once per build, written into each page's head and into `_headers` for hosts that read it, and
every page checked to hold no inline script but the theme's."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .urls import HEADERS

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SCRIPT_SOURCE = re.compile(r"\bsrc\s*=", re.I)
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}  # data for scripts, never run (Material's __config)



def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def find_inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (not data blocks, not scripts loaded by address)."""
    found = []
    for attributes, text in INLINE_SCRIPT.findall(html):
        kind = SCRIPT_TYPE.search(attributes)
        if SCRIPT_SOURCE.search(attributes) or (kind and kind.group(1).lower() in DATA_BLOCK_TYPES):
            continue
        found.append(text)
    return found


def render_theme_scripts(env, config, base_urls, templates) -> set[str]:
    """The theme's inline scripts as the theme writes them for each base address, rendered from its own files
    (`templates`: the plugin's `theme_script_templates`). Material's first partial names the page's base address, so
    its text (and hash) differs with how deep the page is: each is rendered for every depth the site has."""
    features = (config.theme.get("features") if hasattr(config.theme, "get") else None) or []
    scripts = set()
    for name in templates:
        template = env.get_template(name)
        for base_url in base_urls:
            scripts.update(find_inline_scripts(template.render(config=config, base_url=base_url, features=features)))
    return scripts


def build_policy(allowed_scripts, live_reload: bool = False) -> str:
    """The policy text: the same for every page and in `_headers`. With `live_reload` (the preview, `mkdocs serve`
    only) inline scripts may run: the server adds its live-reload script to every page it serves, different each
    time, so no hash could allow it. The pages are still checked to hold no inline script but the theme's."""
    hashes = " ".join(sorted(script_hash(script) for script in allowed_scripts))
    inline = "'unsafe-inline'" if live_reload else hashes  # a hash would switch 'unsafe-inline' off
    directives = [
        ("default-src", "'self'"),
        # 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search code; it allows no JavaScript eval.
        ("script-src", f"'self' 'wasm-unsafe-eval' {inline}".strip()),
        # Material sets inline styles; no contributed style survives the sanitiser, and none can load anything.
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", "'self' data:"),  # Material's icons are data: addresses in its stylesheet
        ("font-src", "'self'"),
        ("connect-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'self'"),
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


def find_foreign_scripts(html: str, allowed) -> list[str]:
    """Inline scripts in a built page that are not the theme's own: each would be blocked, and means something
    wrote a script into the page."""
    return [script for script in find_inline_scripts(html) if script not in allowed]


def describe_script(script: str) -> str:
    text = " ".join(script.split())
    return repr(text if len(text) <= 60 else text[:59] + "…")


def write_headers(site_dir: Path, policy: str) -> None:
    """`_headers` (Netlify, Cloudflare Pages): the same policy as a header, which also covers files that are not
    pages, and headers a <meta> cannot set."""
    lines = [
        "# Security headers for static hosts that read this file (Netlify, Cloudflare Pages). Every page also carries",
        "# the same Content-Security-Policy in a <meta http-equiv>, for hosts that set no headers (GitHub Pages).",
        "/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        "  X-Frame-Options: DENY",
        "  Referrer-Policy: strict-origin-when-cross-origin",
    ]
    (Path(site_dir) / HEADERS).write_text("\n".join(lines) + "\n", encoding="utf-8")
