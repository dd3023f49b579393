"""Index entries as live links: each row opens the first page it names, at 100% zoom."""

from __future__ import annotations

from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit

from .frontmatter import LinkSpot
from .furniture import Geometry


def open_at(geometry: Geometry) -> Fit:
    """Show the page's top-left corner as displayed, at 100% zoom."""
    left, top = geometry.top_left()
    return Fit.xyz(left=left, top=top, zoom=1)


def add_links(writer: PdfWriter, spots: Sequence[LinkSpot], geometries: Sequence[Geometry]) -> None:
    for spot in spots:
        link = Link(rect=spot.rect, target_page_index=spot.target, fit=open_at(geometries[spot.target]))
        writer.add_annotation(spot.page, link)
