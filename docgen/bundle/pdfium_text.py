"""Page text for verification, read with PDFium: the fragments of ``pdftext``, fast.

pypdf interprets every content stream in Python, which made reading the text of a
1,000-page bundle most of the time ``bundle verify`` took. PDFium parses a page in C++
and hands over its text objects (one per text-showing operator, as pypdf reports them)
with their matrix, font size, fill colour and render mode. Working out the *characters*
of a text object is what costs, so it is asked only for the objects a check reads: those
in the head and foot bands or off the page, and, of the body, either every object (index
and manifest pages, or a page where some body text reads upside down) or only until one
object shows a non-blank character (enough to know the page has a text layer). Objects
whose characters are not needed are taken out of PDFium's in-memory copy of the page
before its characters are read; the file itself is never changed.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium

from .furniture import Geometry
from .pdftext import Fragment, Matrix, _direction, multiply, to_reader

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# PDFium must not be entered from two threads at once (the workbench verifies bundles in
# a thread pool): every call into it here holds this lock.
_PDFIUM = threading.RLock()
_INVISIBLE = (3, 7)  # text render modes that paint nothing
_CLEAR = 0.01  # points: more than single precision can move a position on a page


class _Text:
    """One text object of a page: where it sits in the reader's frame, and how it is painted."""

    __slots__ = ("handle", "parent", "x", "y", "dx", "dy", "size", "fill", "invisible", "text")

    def __init__(self, handle: Any, parent: Any, x: float, y: float, dx: float, dy: float,
                 size: float, fill: tuple[float, float, float], invisible: bool) -> None:  # fmt: skip
        self.handle, self.parent = handle, parent
        self.x, self.y, self.dx, self.dy = x, y, dx, dy
        self.size, self.fill, self.invisible = size, fill, invisible
        self.text: str | None = None


class PdfiumPages:
    """The pages of one PDF as PDFium reads them; ``None`` from :func:`open_pages` when it cannot."""

    def __init__(self, document: pypdfium2.PdfDocument) -> None:
        self._document = document
        self._matrix = pdfium.FS_MATRIX()
        self._size = ctypes.c_float()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._buffer = (ctypes.c_ushort * 4096)()

    def __len__(self) -> int:
        with _PDFIUM:
            return len(self._document)

    def close(self) -> None:
        with _PDFIUM:
            self._document.close()

    def fragments(self, index: int, geometry: Geometry, body: tuple[float, float] | None) -> list[Fragment]:
        """The non-blank text of page ``index`` (0-based) as fragments in the reader's frame.

        ``body`` is the (foot, head) band, in the reader's frame, whose text may be read
        only until one non-blank object is found; ``None`` reads every object.
        """
        with _PDFIUM:
            texts = self._read(index, geometry, body)
            if texts is None:  # the body's first objects were all blank: read the whole page
                texts = self._read(index, geometry, None)
                assert texts is not None
        return [
            Fragment(t.text, t.x, t.y, t.dx, t.dy, t.size, t.fill, t.invisible)
            for t in texts
            if t.text
        ]

    def _read(self, index: int, geometry: Geometry, body: tuple[float, float] | None) -> list[_Text] | None:
        page = pdfium.FPDF_LoadPage(self._document.raw, index)
        if not page:
            raise ValueError(f"PDFium cannot load page {index + 1}")
        try:
            texts: list[_Text] = []
            self._collect(page, None, _IDENTITY, geometry, texts)
            wanted = texts if body is None else self._drop_body(page, texts, geometry, body)
            if wanted is None:
                wanted = texts
            self._read_characters(page, wanted)
            if len(wanted) < len(texts) and body is not None and not self._body_shown(wanted, geometry, body):
                return None
            return wanted
        finally:
            pdfium.FPDF_ClosePage(page)

    def _collect(self, page: Any, form: Any, outer: Matrix, geometry: Geometry, texts: list[_Text]) -> None:
        """Every text object on the page, inside forms too, in drawing order."""
        if form is None:
            count, get = pdfium.FPDFPage_CountObjects(page), lambda k: pdfium.FPDFPage_GetObject(page, k)
        else:
            count, get = pdfium.FPDFFormObj_CountObjects(form), lambda k: pdfium.FPDFFormObj_GetObject(form, k)
        m, size, (r, g, b, a) = self._matrix, self._size, self._rgba
        for k in range(count):
            handle = get(k)
            kind = pdfium.FPDFPageObj_GetType(handle)
            if kind == pdfium.FPDF_PAGEOBJ_FORM:
                pdfium.FPDFPageObj_GetMatrix(handle, m)
                self._collect(page, handle, multiply((m.a, m.b, m.c, m.d, m.e, m.f), outer), geometry, texts)
                continue
            if kind != pdfium.FPDF_PAGEOBJ_TEXT:
                continue
            pdfium.FPDFPageObj_GetMatrix(handle, m)
            a_, b_, c_, d_, e_, f_ = multiply((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            pdfium.FPDFTextObj_GetFontSize(handle, size)
            length = (a_ * a_ + b_ * b_) ** 0.5 or 1.0
            height = (c_ * c_ + d_ * d_) ** 0.5
            x, y = to_reader(geometry, e_, f_)
            rx, ry = _direction(geometry, a_ / length, b_ / length)
            if pdfium.FPDFPageObj_GetFillColor(handle, r, g, b, a):
                fill = (r.value / 255.0, g.value / 255.0, b.value / 255.0)
            else:
                fill = (0.0, 0.0, 0.0)
            mode = pdfium.FPDFTextObj_GetTextRenderMode(handle)
            texts.append(_Text(handle, form, x, y, rx, ry, height * size.value, fill, mode in _INVISIBLE))

    @staticmethod
    def _in_band(text: _Text, geometry: Geometry, body: tuple[float, float]) -> bool:
        """Inside the body band and the page, clear of their edges by more than PDFium's
        rounding (an object nearer an edge is read, so the caller can see how near)."""
        foot, head = body
        return foot + _CLEAR < text.y < head - _CLEAR and _CLEAR < text.x < geometry.shown[0] - _CLEAR

    def _drop_body(self, page: Any, texts: list[_Text], geometry: Geometry, body: tuple[float, float]) -> list[_Text] | None:
        """The objects whose characters are needed, the others taken out of the page;
        None when every object is needed (some body text reads upside down)."""
        in_body = [t for t in texts if self._in_band(t, geometry, body)]
        if any(t.dx < -0.9 for t in in_body):
            return None  # the share of upside-down text is weighed by its characters
        kept_one = False
        wanted = []
        for t in texts:
            if not self._in_band(t, geometry, body) or not kept_one:
                kept_one = kept_one or self._in_band(t, geometry, body)
                wanted.append(t)
                continue
            removed = (pdfium.FPDFFormObj_RemoveObject(t.parent, t.handle) if t.parent is not None
                       else pdfium.FPDFPage_RemoveObject(page, t.handle))  # fmt: skip
            if removed:
                pdfium.FPDFPageObj_Destroy(t.handle)
            else:
                wanted.append(t)  # cannot be taken out: read it like the others
        return wanted

    def _body_shown(self, wanted: list[_Text], geometry: Geometry, body: tuple[float, float]) -> bool:
        """Whether the body objects read (or, with none in the body, none was dropped) show text."""
        in_body = [t for t in wanted if self._in_band(t, geometry, body)]
        return not in_body or any(t.text for t in in_body)

    def _read_characters(self, page: Any, texts: list[_Text]) -> None:
        if not texts:
            return
        text_page = pdfium.FPDFText_LoadPage(page)
        if not text_page:
            raise ValueError("PDFium cannot read the page's text")
        try:
            buffer = self._buffer
            for t in texts:
                n = pdfium.FPDFTextObj_GetText(t.handle, text_page, buffer, ctypes.sizeof(buffer))
                if n > ctypes.sizeof(buffer):
                    buffer = (ctypes.c_ushort * (n // 2 + 1))()
                    n = pdfium.FPDFTextObj_GetText(t.handle, text_page, buffer, ctypes.sizeof(buffer))
                t.text = ctypes.string_at(buffer, max(n - 2, 0)).decode("utf-16-le", "replace").strip()
        finally:
            pdfium.FPDFText_ClosePage(text_page)


def open_pages(data: bytes) -> PdfiumPages | None:
    """PDFium's reading of ``data``, or None when PDFium cannot open it (pypdf reads it then)."""
    try:
        with _PDFIUM:
            return PdfiumPages(pypdfium2.PdfDocument(data))
    except Exception:  # PdfiumError and anything a damaged file provokes
        return None
