"""Bookmarks: one per section and per document, each naming its pages.

A source PDF's own bookmarks are kept, nested under its document's bookmark, so a long
exhibit stays as easy to move around as it was on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination, Fit, IndirectObject

from .furniture import Geometry
from .links import open_at
from .numbering import span
from .plan import Placed, Plan


def pages_text(first: str, last: str) -> str:
    """``p. 5`` or ``pp. 5–9``: the page reference at the end of a bookmark."""
    return f"p. {first}" if first == last else f"pp. {span(first, last)}"


def _pages(plan: Plan, first: int, last: int) -> str:
    return pages_text(plan.label(first), plan.label(last))


def add_outline(writer: PdfWriter, plan: Plan, geometries: Sequence[Geometry]) -> list[str]:
    """Write the bundle's bookmarks; returns warnings about source bookmarks left out."""
    warnings: list[str] = []

    def item(title: str, index: int, parent: IndirectObject | None = None, **style: Any) -> IndirectObject:
        return writer.add_outline_item(title=title, page_number=index, parent=parent, fit=open_at(geometries[index]), **style)

    item(f"Front sheet and index ({_pages(plan, 0, plan.front_pages - 1)})", 0)
    for section in plan.sections:
        heading = item(
            f"{section.letter}. {section.title} ({_pages(plan, section.first, section.last)})",
            section.first,
            bold=True,
            is_open=True,
        )
        for placed in section.documents:
            own = item(f"{placed.source.doc.title} ({_pages(plan, placed.first, placed.last)})", placed.first,
                       heading, is_open=False)  # fmt: skip
            if placed.source.reader is not None:
                try:
                    _nest(writer, placed, placed.source.reader, placed.source.reader.outline, own, geometries)
                except Exception:  # a damaged outline must not stop the bundle
                    warnings.append(f"{placed.source.display}: its own bookmarks could not be read and were left out")
    item(f"Integrity manifest ({_pages(plan, plan.manifest_first, plan.total - 1)})", plan.manifest_first)
    return warnings


def _nest(
    writer: PdfWriter,
    placed: Placed,
    reader: PdfReader,
    items: list[Any],
    parent: IndirectObject,
    geometries: Sequence[Geometry],
) -> None:
    last: IndirectObject | None = None
    for entry in items:
        if isinstance(entry, list):
            if last is not None:
                _nest(writer, placed, reader, entry, last, geometries)
            continue
        if not isinstance(entry, Destination):
            continue
        number = reader.get_destination_page_number(entry)
        if number is None or not 0 <= number < placed.pages:
            last = writer.add_outline_item(title=str(entry.title), page_number=None, parent=parent, is_open=False)
            continue
        index = placed.first + number
        fit = open_at(geometries[index])
        if entry.typ == "/XYZ" and entry.left is not None and entry.top is not None:
            fit = Fit.xyz(left=float(entry.left), top=float(entry.top), zoom=1)
        last = writer.add_outline_item(title=str(entry.title), page_number=index, parent=parent, fit=fit, is_open=False)
