"""The site's public address for publishing: feeds, newsletter links, Copy link, canonical links and the sitemap are
written with `site_url`, so a build for publishing (`make build`) refuses mkdocs.yml's placeholder and says where the
real address is set (HUB_SITE_URL). Previews and tests keep the placeholder."""

from __future__ import annotations

import re
from pathlib import Path

PLACEHOLDER_SITE_URL = "https://hub.example.org/"  # mkdocs.yml's default when HUB_SITE_URL is not set
WHERE_TO_SET = ("set the site's real address in the environment variable HUB_SITE_URL: `make build "
                "HUB_SITE_URL=https://your-address/`, or on GitHub the repository variable HUB_SITE_URL (Settings → "
                "Secrets and variables → Actions → Variables), which the publish workflow passes to `make build`; "
                "a build that is not published says `make build PUBLISH=false`")


def describe_unpublishable_address(site_url: str | None, config_file: str | Path | None) -> str | None:
    """Why `site_url` cannot be published, as `path:line: field: message — fix`; None when it can."""
    if site_url and site_url.rstrip("/") != PLACEHOLDER_SITE_URL.rstrip("/"):
        return None
    problem = (f"{site_url} is the placeholder address, and the published site's feeds, newsletter links, Copy link, "
               "canonical links and sitemap would all point there" if site_url else
               "no address is set (HUB_SITE_URL is empty), and feeds, newsletter links, Copy link, canonical links "
               "and the sitemap need one")
    return f"{config_location(config_file)}: site_url: {problem} — {WHERE_TO_SET}"


def config_location(config_file: str | Path | None) -> str:
    """mkdocs.yml and the line of its `site_url:`, where an editor looks first."""
    if not config_file:
        return "mkdocs.yml"
    path = Path(config_file)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return path.name
    line = next((number for number, text in enumerate(lines, 1) if re.match(r"site_url\s*:", text)), None)
    return f"{path.name}:{line}" if line else path.name
