"""Layout checks on a rendered PDF that a text snapshot cannot make.

A text snapshot reads the words in order, so it passes when a long label prints on top of
the one above it, or when a font is left out of the file. These helpers look at where each
line is drawn and at the fonts each page names, so a force's tests can check both.
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from reportlab.pdfbase import pdfmetrics

from ..writers.pdf import FONT, register_fonts
from .readers import Source, pdf_bytes


@dataclass(frozen=True)
class DrawnLine:
    """One run of text as drawn: its page (from 1), its box in points, and its words."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def overlaps(self, other: "DrawnLine") -> bool:
        """Whether the two boxes share area (touching edges do not count)."""
        slack = 0.5
        return (
            self.page == other.page
            and self.x0 < other.x1 - slack and other.x0 < self.x1 - slack
            and self.y0 < other.y1 - slack and other.y0 < self.y1 - slack
        )


def _font_name(font: object) -> str:
    base = str(font.get("/BaseFont", "")) if isinstance(font, DictionaryObject) else ""
    base = base.split("+", 1)[-1]
    if "BoldOblique" in base:
        return f"{FONT}-BoldItalic"
    if "Bold" in base:
        return f"{FONT}-Bold"
    if "Oblique" in base:
        return f"{FONT}-Italic"
    return FONT


def drawn_lines(pdf: Source) -> list[DrawnLine]:
    """Every non-blank run of text on every page, with the box it covers.

    The box runs from the baseline's descent to its ascent (DejaVu's own metrics) and is as
    wide as the text in that font: enough to tell when two lines print over each other.
    """
    register_fonts()
    reader = PdfReader(_stream(pdf))
    lines: list[DrawnLine] = []
    for number, page in enumerate(reader.pages, start=1):
        found: list[DrawnLine] = []
        # pypdf gives each piece of a line (a bold word, then plain text) the line's start
        # position: a piece that starts where the last one started continues after it
        ends: dict[tuple[float, float], float] = {}

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            text = text.strip("\n")
            if not text.strip():
                return
            # text space to page space: tm then cm
            a, b, c, d, e, f = tm
            A, B, C, D, E, F = cm
            x = e * A + f * C + E
            y = e * B + f * D + F
            m_a, m_b = a * A + b * C, a * B + b * D
            m_c, m_d = c * A + d * C, c * B + d * D
            if abs(m_b) > 1e-6 or abs(m_c) > 1e-6:  # turned (a watermark): not a line of the body
                return
            scale, height = abs(m_a) or 1.0, size * (abs(m_d) or 1.0)
            name = _font_name(font)
            width = pdfmetrics.stringWidth(text, name, size) * scale
            key = (round(x, 2), round(y, 2))
            start = ends.get(key, x)
            ends[key] = start + width
            ascent, descent = pdfmetrics.getAscentDescent(name, height)
            found.append(DrawnLine(number, start, y + descent, start + width, y + ascent, text.strip()))

        page.extract_text(visitor_text=visit)
        lines.extend(found)
    return lines


def overlapping_lines(pdf: Source) -> list[tuple[DrawnLine, DrawnLine]]:
    """Pairs of drawn lines whose boxes share area: text printed over text."""
    by_page: dict[int, list[DrawnLine]] = {}
    for line in drawn_lines(pdf):
        by_page.setdefault(line.page, []).append(line)
    pairs = []
    for page in sorted(by_page):
        lines = by_page[page]
        for i, first in enumerate(lines):
            for second in lines[i + 1:]:
                if first.overlaps(second):
                    pairs.append((first, second))
    return pairs


def unembedded_fonts(pdf: Source) -> list[str]:
    """``"page N: FontName"`` for every font a page (or a form it draws) names but the file
    does not carry: such text prints in whatever the reader substitutes."""
    reader = PdfReader(_stream(pdf))
    missing: set[tuple[int, str]] = set()
    for number, page in enumerate(reader.pages, start=1):
        _fonts_in(page.get("/Resources"), number, missing, set())
    return [f"page {n}: {name}" for n, name in sorted(missing)]


def _fonts_in(resources: object, page: int, missing: set[tuple[int, str]], seen: set[int]) -> None:
    if isinstance(resources, IndirectObject):
        if resources.idnum in seen:
            return
        seen.add(resources.idnum)
        resources = resources.get_object()
    if not isinstance(resources, DictionaryObject):
        return
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if not _embedded(font):
            missing.add((page, str(font.get("/BaseFont", "?")).lstrip("/")))
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            _fonts_in(xobject.get("/Resources"), page, missing, seen)


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(f.get_object()) for f in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _stream(pdf: Source):  # noqa: ANN202 - a binary stream for pypdf
    import io

    return io.BytesIO(pdf_bytes(pdf))
