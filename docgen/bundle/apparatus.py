"""One reportlab document for everything the bundle draws itself.

Front sheet, index, picture pages and manifest are drawn into a single document, and the
page-number stamps of every source page are encoded in its font, so the embedded font is
subset once and shared, and the builder reads the result once. reportlab runs in invariant mode: no dates, no
random identifiers, the same bytes every time.
"""

from __future__ import annotations

import hashlib
import io
import string
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .fonts import Fonts
from .furniture import A4, Geometry, draw_label, draw_marking
from .sources import Picture

PICTURE_SIDE_MARGIN = 36.0
PICTURE_END_MARGIN = 48.0  # room for the marking above and the furniture below


@dataclass(frozen=True)
class Stamp:
    """A page number to put on a source page: text runs as (font resource, encoded bytes)."""

    geometry: Geometry
    label: str
    runs: tuple[tuple[str, bytes], ...]


class Apparatus:
    """Collects added pages in order; ``finish`` returns them as a PDF reader."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self._buffer = io.BytesIO()
        self.canvas = Canvas(self._buffer, pagesize=A4, invariant=1, pageCompression=1)
        self.count = 0
        self.stamps = 0

    def start(self, size: tuple[float, float] = A4) -> int:
        """Begin a page of ``size``; returns its index in the finished document."""
        self.canvas.setPageSize(size)
        return self.count

    def end(self) -> None:
        self.canvas.showPage()
        self.count += 1

    def stamp(self, geometry: Geometry, label: str) -> Stamp:
        """The page number for a source page of ``geometry``, encoded in this document's font.

        Stamps are not drawn as pages: a stamp is a few bytes of content that
        :mod:`.stamp` writes itself, using the font subset this document embeds. Asking
        reportlab for the encoding here also puts the glyphs into that subset.
        """
        font = pdfmetrics.getFont(self.fonts.bold)
        document = self.canvas._doc  # reportlab keeps font subsets per document
        runs = tuple(
            (font.getSubsetInternalName(subset, document), data) for subset, data in font.splitString(label, document)
        )
        self.stamps += 1
        return Stamp(geometry, label, runs)

    def picture(self, picture: Picture, label: str, marking: str, *, turn_landscape: bool) -> int:
        """A picture scaled to fit A4, upright, with the marking and page number."""
        turned = picture.landscape and turn_landscape
        size = (A4[1], A4[0]) if picture.landscape and not turned else A4
        index = self.start(size)
        width, height = size
        box_w = width - 2 * PICTURE_SIDE_MARGIN
        box_h = height - 2 * PICTURE_END_MARGIN
        across, up = (picture.height, picture.width) if turned else (picture.width, picture.height)
        scale = min(box_w / across, box_h / up)
        draw_w, draw_h = picture.width * scale, picture.height * scale
        source = ImageReader(io.BytesIO(picture.data) if picture.data is not None else picture.image)
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(width / 2, height / 2)
        if turned:
            canvas.rotate(90)  # top of the picture to the left edge, as the profile asks
        canvas.drawImage(source, -draw_w / 2, -draw_h / 2, draw_w, draw_h, mask="auto")
        canvas.restoreState()
        draw_marking(canvas, self.fonts, marking, width, height)
        draw_label(canvas, self.fonts, label, width, height)
        self.end()
        return index

    def finish(self) -> PdfReader:
        if self.count == 0:
            self.start()  # a page that is never copied: it carries the font stamps use
            self.end()
        self.canvas.save()
        reader = PdfReader(io.BytesIO(self._buffer.getvalue()))
        _retag_subsets(reader)
        return reader


def _retag_subsets(reader: PdfReader) -> None:
    """Give each embedded font subset a tag derived from its glyph data.

    reportlab names every subset AAAAAA+DejaVuSans. Two different subsets with one name in
    the same PDF (as after ``bundle add``) can make a viewer draw the wrong glyphs, so the
    tag is made from the subset's own bytes instead: stable, and distinct per subset.
    """
    fonts = reader.pages[0].get("/Resources", DictionaryObject()).get("/Font", DictionaryObject())
    for font_ref in fonts.get_object().values():
        font = font_ref.get_object()
        base = str(font.get("/BaseFont", ""))
        if len(base) < 8 or base[7] != "+":
            continue
        descriptor = font["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        digest = hashlib.sha256(data).digest()
        tag = "".join(string.ascii_uppercase[b % 26] for b in digest[:6])
        name = NameObject(f"/{tag}+{base[8:]}")
        font[NameObject("/BaseFont")] = name
        descriptor[NameObject("/FontName")] = name
