"""syrupy extensions that store what a reader would see, one readable file per snapshot.

Each snapshot is a text file beside the test (``__snapshots__/<test file>/<test>.<ext>``),
so a change to a template shows up in review as a change in words, styles or pages, not
as a changed binary. Each extension accepts the file's bytes, a path to the file, or the
:class:`docgen.pipeline.Rendered` result of a render.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from ..model import Document, to_text
from .diffs import summary
from .readers import docx_text, file_bytes as _file_bytes, pdf_text


# the template and catalog files of the documents rendered by ``docgen_render`` in the
# running test, so that a failing snapshot can name the line that holds new words
SOURCES: list[Path] = []


def remember_sources(dirs: Sequence[Path]) -> None:
    """Note the template folders of a render (its templates and Welsh catalogs)."""
    from .. import i18n

    found = [p for folder in dirs if Path(folder).is_dir() for p in sorted(Path(folder).glob("*.j2"))]
    found += i18n.catalog_files("cy", tuple(Path(d) for d in dirs))[::-1]  # a force's catalog first
    SOURCES[:] = found


class _TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    # how the summary of a failure places a change: "pdf" by page, anything else by paragraph
    summary_format = "docx"

    def to_text(self, data: Any) -> str:
        raise NotImplementedError

    def serialize(self, data: Any, **kwargs: Any) -> str:
        return self.to_text(data)

    def diff_lines(self, serialized_data: Any, snapshot_data: Any) -> Iterator[str]:
        """The changed words with their page or paragraph first (pytest shows these without
        ``-vv``), then syrupy's own line diff."""
        lines = summary(str(snapshot_data or ""), str(serialized_data or ""), self.summary_format, SOURCES)
        yield from lines
        if lines:
            yield "full diff:"
        yield from super().diff_lines(serialized_data, snapshot_data)


class DocxSnapshotExtension(_TextSnapshot):
    """A Word file as its properties, page set-up, headers, footers and body, in order."""

    file_extension = "docx.txt"

    def to_text(self, data: Any) -> str:
        return docx_text(_file_bytes(data, "docx"))


class PdfSnapshotExtension(_TextSnapshot):
    """A PDF as its metadata, outline and, per page, size, fonts, links and text."""

    file_extension = "pdf.txt"
    summary_format = "pdf"

    def to_text(self, data: Any) -> str:
        return pdf_text(_file_bytes(data, "pdf"))


class ModelSnapshotExtension(_TextSnapshot):
    """The format-neutral document model, as :func:`docgen.model.to_text` prints it."""

    file_extension = "model.txt"

    def to_text(self, data: Any) -> str:
        document = getattr(data, "document", data)
        if not isinstance(document, Document):
            raise TypeError(f"cannot snapshot {type(data).__name__} as a document model")
        return to_text(document)
