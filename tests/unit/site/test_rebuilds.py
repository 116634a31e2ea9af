"""Preview rebuilds (site/rebuilds.py): a generated page's file is rewritten only when its Markdown changes."""

from __future__ import annotations

import time
from pathlib import Path

from macros.site.rebuilds import PreviewPages


def test_preview_pages_are_rewritten_only_when_their_markdown_changes():
    pages = PreviewPages()
    path = Path(pages.path_for("case-studies/a.md", "# A\n"))
    first = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert pages.path_for("case-studies/a.md", "# A\n") == str(path) and path.stat().st_mtime_ns == first
    pages.path_for("case-studies/a.md", "# A, edited\n")
    assert path.read_text() == "# A, edited\n" and path.stat().st_mtime_ns > first
