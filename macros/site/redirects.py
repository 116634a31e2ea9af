"""Old case-study addresses kept working: an HTML redirect page at each alias, which any static host serves, and a
`_redirects` file of real 301s for hosts that read one (Netlify, Cloudflare Pages)."""

from __future__ import annotations

from pathlib import Path

from . import urls
from .html.text import esc
from .previews import describe_preview


def render_redirect_page(target_url: str, title: str = "Moved", preview: list[tuple] = (), policy: str = "") -> str:
    """A redirect that works on any static host: meta refresh, canonical link and a plain link; with the target's
    preview tags, so an old address pasted into an email or post still shows the case study's card."""
    target = esc(target_url)
    tags = "".join(f'<meta {attribute}="{esc(name)}" content="{esc(content)}">\n' for attribute, name, content in preview)
    return (
        f"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + (f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n' if policy else "")
        + f"<title>{esc(title)}</title>\n"
        f"<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n{tags}"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n"
        f"<p>This case study has moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n"
    )


def write_redirects(hub, site_dir: Path, config, policy: str = "") -> None:
    """A redirect page for each old slug, and a `_redirects` file of real 301s for hosts that read one."""
    site_url = config.get("site_url") or ""
    lines = []
    for alias, slug in sorted(hub.redirects.items()):
        page = site_dir / urls.redirect_page(alias)
        page.parent.mkdir(parents=True, exist_ok=True)
        here = urls.served_path(urls.case_study_page(alias))
        target = urls.case_study_url(site_url, slug) if site_url else \
            urls.folder_href(here, urls.served_path(urls.case_study_page(slug)))
        cs = hub.case_studies[slug]
        preview = describe_preview({"title": cs.title, "description": cs.summary, "hub_kind": "case-study"}, cs.title,
                                   target, config, cs.published, cs.updated)
        page.write_text(render_redirect_page(target, cs.title, preview, policy), encoding="utf-8")
        lines.append(f"{urls.case_study_path(site_url, alias)} {urls.case_study_path(site_url, slug)} 301")
    (site_dir / urls.REDIRECTS).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
