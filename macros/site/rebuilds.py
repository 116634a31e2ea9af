"""Fast previews under `mkdocs serve --dirty`: generated pages backed by files that change only when their Markdown
does, so after an edit MkDocs renders again only the pages the edit touched."""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from pathlib import Path

import jinja2


class PreviewPages:
    """Generated pages kept on disk between rebuilds of one `mkdocs serve --dirty` session."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="hub-preview-"))
        self.digests: dict[str, str] = {}
        self.builds = 0
        self.page_links: dict = {}  # the link check's reading of each built page, reused while the page is unchanged
        self.vocabulary = None  # the words of the first build's search index, which the rebuilds keep
        self.templates = CompiledTemplates()

    def path_for(self, uri: str, markdown: str) -> str:
        """The page's backing file, rewritten (so newer than its HTML) only when its Markdown changed."""
        digest = hashlib.sha1(markdown.encode("utf-8")).hexdigest()
        path = self.folder / uri
        if self.digests.get(uri) != digest or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
            self.digests[uri] = digest
        return str(path)

    def remove(self) -> None:
        """Delete the backing files when the preview stops."""
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def rebuilding(self) -> bool:
        """After the first build: only changed pages are rendered, so the search index from the first build stays."""
        return self.builds > 1


def always_rebuild(file) -> None:
    """Hand-written pages call macros over the whole hub: any edit may change them, so they are always rendered."""
    file.is_modified = lambda: True


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview: MkDocs makes a new Jinja environment for every build, which
    compiled each template again (about 0.2 s a rebuild). Jinja checks each one's source against what was compiled,
    so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.load_bytecode(io.BytesIO(code))  # refused (left empty) if the template's source has changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        self.compiled[bucket.key] = out.getvalue()
