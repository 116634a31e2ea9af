"""Partnership Knowledge Hub: the package mkdocs-macros loads (`define_env`). The code is in layers, each importing
only those below it: content (files to validated models) <- figures (the Hub and every figure) <- site (addresses,
pages, macros and the MkDocs plugin); cli (the `pkhub` command) may use them all."""

from __future__ import annotations


def define_env(env):
    """mkdocs-macros' entry point: the page macros, registered by `site/macros.py`."""
    from .site.macros import define_env as register_macros  # imported on use: the layers below never load the site's

    register_macros(env)
