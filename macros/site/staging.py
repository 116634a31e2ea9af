"""Atomic builds: a full build writes into a staging folder beside the site folder, and the staging folder replaces
the site folder only once the whole build has succeeded (pages, search index, feeds, redirects, exports, link check,
and no warning under --strict). A failed or interrupted build leaves the previous site as it was."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".building-"
OLD_PREFIX = ".replaced-"


class Staging:
    """The staging folder of one build, and the site folder it will replace."""

    def __init__(self, site_dir: str | os.PathLike):
        self.target = Path(site_dir).absolute()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        # Beside the target, so the final move is a rename on one file system, never a copy.
        self.folder = Path(tempfile.mkdtemp(prefix=f"{self.target.name}{STAGING_PREFIX}", dir=self.target.parent))
        self.published = False

    def publish(self) -> None:
        """Put the staged site in place of the old one: two renames, then the old one is deleted."""
        old = None
        if os.path.lexists(self.target):
            old = Path(tempfile.mkdtemp(prefix=f"{self.target.name}{OLD_PREFIX}", dir=self.target.parent))
            os.rmdir(old)
            os.rename(self.target, old)
        os.rename(self.folder, self.target)
        self.published = True
        if old is not None:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() and not old.is_symlink() else old.unlink()

    def discard(self) -> None:
        """Remove what a failed or interrupted build staged; the site folder is untouched."""
        if not self.published:
            shutil.rmtree(self.folder, ignore_errors=True)


def strict_warnings_counted() -> bool:
    """Whether MkDocs (or ProperDocs) has counted a warning this build: under --strict it aborts right after the
    plugins' last event, so the staged site must not be published."""
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            counts = getattr(handler, "get_counts", None)
            if counts and counts():
                return True
    return False
