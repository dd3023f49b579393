"""Writers turn one document model into a file format.

Both writers take the same :class:`DocumentMeta`, so the marking, reference, version and
language on every page cannot differ between the Word file and the PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DocumentMeta:
    """What goes on every page and into the file's properties."""

    title: str
    subject: str
    author: str
    marking: str
    reference: str
    version: int
    date: dt.date
    language: str = "en-GB"
    banner: str = ""  # e.g. "DRAFT - NOT FOR SERVICE" or "PREVIEW - NOT ISSUED"
    watermark: str = ""  # large diagonal text on every PDF page, e.g. "DRAFT"
    logo: Path | None = None
    page_label: str = "Page {page} of {pages}"
    reference_label: str = "Reference"
    version_label: str = "Version"

    def footer_line(self) -> str:
        return f"{self.reference_label}: {self.reference} · {self.version_label} {self.version}"


FORMATS = ("docx", "pdf")


def write(fmt: str, doc, meta: DocumentMeta) -> bytes:  # noqa: ANN001 - model.Document
    """Render ``doc`` in format ``fmt`` and return the file's bytes."""
    if fmt == "docx":
        from .docx import write_docx

        return write_docx(doc, meta)
    if fmt == "pdf":
        from .pdf import write_pdf

        return write_pdf(doc, meta)
    raise ValueError(f"unknown format {fmt!r}")
