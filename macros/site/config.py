"""The hub plugin's settings, each with its default: what a site may set under `- hub:` in mkdocs.yml. Declared
only; the plugin hands each to the module that uses it. The content layer's bounds are `content/settings.py`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HubConfig(Config):
    # A build for publishing (`make build`, which sets HUB_PUBLISH) refuses the placeholder site_url (site_address.py).
    publishing = c.Type(bool, default=False)

    # Feeds: the newest changes are what readers poll for; older ones stay on the site.
    feed_size = c.Type(int, default=50)

    # Link check: external links are listed for review in this file of the built site, never fetched.
    external_links_report = c.Type(str, default="reports/external-links.txt")

    # The theme (Material for MkDocs 9.x): the start tag of each page's article, which alone is indexed for search,
    # and the partials that write the theme's own inline scripts, which alone the Content-Security-Policy allows.
    search_article = c.Type(str, default='<article class="md-content__inner md-typeset">')
    theme_script_templates = c.ListOfItems(c.Type(str), default=[
        "partials/javascripts/base.html", "partials/javascripts/palette.html", "partials/javascripts/content.html"])
