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


def fit_widths(table, total: float, measure, padding: float) -> list[float]:  # noqa: ANN001 - model.Table
    """Column widths (in the units of ``total``) that fit every column's longest word.

    The template's percentages are kept where they leave room for the longest word in
    each column (a date such as 03/09/2024 must never wrap inside itself); a column that
    is too narrow takes the space it lacks from the columns with room to spare, in
    proportion to their slack. ``measure(word, bold)`` gives a word's width.
    """
    from ..model import cell_words

    declared = [total * w / sum(table.widths) for w in table.widths]
    need = [0.0] * len(declared)
    for row in table.rows:
        for col, cell in enumerate(row.cells):
            for word in cell_words(cell):
                need[col] = max(need[col], measure(word, row.header) + padding)
    need = [min(n, total / len(need) * 1.6) for n in need]  # a very long token wraps anyway
    short = sum(max(0.0, n - d) for n, d in zip(need, declared))
    if short <= 0:
        return declared
    slack = [max(0.0, d - n) for n, d in zip(need, declared)]
    spare = sum(slack)
    if spare <= 0:
        return declared
    take = min(short, spare)
    widths = []
    for d, n, s in zip(declared, need, slack):
        if n > d:
            widths.append(d + (n - d) * take / short)
        else:
            widths.append(d - s * take / spare)
    return widths
