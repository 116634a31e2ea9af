"""Files written beside the built pages: redirects for old addresses, open-data exports and their Data Package."""

from __future__ import annotations

from pathlib import Path

from .datapackage import write_datapackage
from .exports import write_exports
from .pages import render_redirect_page
from .previews import describe_preview


def write_redirects(hub, site_dir: Path, config, policy: str = "") -> None:
    """A redirect page for each old slug, and a `_redirects` file of real 301s for hosts that read one."""
    site_url = config.get("site_url") or ""
    base = "/" + site_url.split("://", 1)[-1].split("/", 1)[1] if site_url.count("/") > 2 else "/"
    base = base.rstrip("/") + "/"
    lines = []
    for alias, slug in sorted(hub.redirects.items()):
        page = site_dir / "case-studies" / alias / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        target = f"{site_url.rstrip('/')}/case-studies/{slug}/" if site_url else f"../{slug}/"
        cs = hub.case_studies[slug]
        preview = describe_preview({"title": cs.title, "description": cs.summary, "hub_kind": "case-study"}, cs.title,
                                   target, config, cs.published, cs.updated)
        page.write_text(render_redirect_page(target, cs.title, preview, policy), encoding="utf-8")
        lines.append(f"{base}case-studies/{alias}/ {base}case-studies/{slug}/ 301")
    (site_dir / "_redirects").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def write_outputs(hub, site_dir: Path, config, policy: str = "") -> None:
    write_redirects(hub, site_dir, config, policy)
    write_exports(hub, site_dir)
    write_datapackage(hub, site_dir, config.get("site_name") or "", config.get("site_url") or "")
