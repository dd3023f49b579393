"""Text on a page, located where the reader sees it.

pypdf reports each piece of text with its text and transformation matrices in the page's
user space. Verification needs positions *as displayed*: whether a number sits at the
foot of the page and reads upright depends on the page's box and /Rotate. Fragments are
therefore moved into the reader's frame (origin bottom-left as shown, y up).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject
from pypdf.generic import DictionaryObject
from pypdf.generic._font import Font

from .furniture import Geometry
from .stamp import page_geometry


@dataclass(frozen=True)
class Fragment:
    text: str
    x: float  # reader's frame
    y: float
    dx: float  # unit direction of the baseline in the reader's frame
    dy: float
    size: float = 12.0  # height of the text as displayed, in points
    fill: tuple[float, float, float] = (0.0, 0.0, 0.0)  # RGB, 0..1
    invisible: bool = False  # text render mode 3 or 7: searchable but never painted

    @property
    def upright(self) -> bool:
        return self.dx > 0.9 and abs(self.dy) < 0.3

    @property
    def upside_down(self) -> bool:
        return self.dx < -0.9 and abs(self.dy) < 0.3


def to_reader(geometry: Geometry, x: float, y: float) -> tuple[float, float]:
    """A user-space point in the reader's frame."""
    u, v = x - geometry.x0, y - geometry.y0
    w, h = geometry.width, geometry.height
    return {0: (u, v), 90: (v, w - u), 180: (w - u, h - v), 270: (h - v, u)}[geometry.rotate]


def _direction(geometry: Geometry, dx: float, dy: float) -> tuple[float, float]:
    return {0: (dx, dy), 90: (dy, -dx), 180: (-dx, -dy), 270: (-dy, dx)}[geometry.rotate]


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first`` and then ``then`` (PDF row-vector order)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


class _FormTracker:
    """Keeps the page matrix in force inside form XObjects.

    pypdf reports text inside a form in the form's own space, as if the form were drawn
    at the origin. The matrix at each ``Do`` is therefore remembered and applied to the
    text the form reports. pypdf flushes the text before a ``Do`` only after telling us
    about the ``Do``, so the form's matrix takes effect at the form's first operator.
    (A form's own /Matrix is taken as the identity, which is what nearly every PDF,
    and every stamp docgen draws, uses.)
    """

    def __init__(self) -> None:
        self.stack: list[Matrix] = []
        self.pending: list[Matrix | None] = []

    @property
    def current(self) -> Matrix:
        return self.stack[-1] if self.stack else IDENTITY

    def before(self, operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        if self.pending and self.pending[-1] is not None:
            self.stack.append(self.pending[-1])  # the form's first operator: it is now drawing
            self.pending[-1] = None
        if operator == b"Do":
            local = tuple(float(v) for v in cm)
            self.pending.append(multiply(local, self.current))  # type: ignore[arg-type]

    def after(self, operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        if operator == b"Do" and self.pending:
            if self.pending.pop() is None:  # it was activated, so it was pushed
                self.stack.pop()


def _rgb(operator: bytes, values: list[float]) -> tuple[float, float, float] | None:
    """The fill colour a colour operator sets, as RGB (None when it cannot be told)."""
    if operator == b"g" or (operator in (b"sc", b"scn") and len(values) == 1):
        return (values[0],) * 3 if values else None
    if operator == b"rg" or (operator in (b"sc", b"scn") and len(values) == 3):
        return (values[0], values[1], values[2]) if len(values) == 3 else None
    if operator == b"k" or (operator in (b"sc", b"scn") and len(values) == 4):
        if len(values) != 4:
            return None
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


class _PaintTracker:
    """The fill colour and text render mode in force, through ``q``/``Q`` and into forms.

    pypdf reports text when it flushes, which can be after the colour changed again; the
    colour recorded is the one in force at the last text-showing operator, which is what
    paints the text in every PDF docgen writes and nearly every other.
    """

    SHOW = (b"Tj", b"TJ", b"'", b'"')

    def __init__(self) -> None:
        self.stack: list[tuple[tuple[float, float, float], int]] = []
        self.fill: tuple[float, float, float] = (0.0, 0.0, 0.0)
        self.mode = 0
        self.shown: tuple[tuple[float, float, float], int] = (self.fill, 0)

    def before(self, operator: bytes, operands: Any) -> None:
        if operator == b"q":
            self.stack.append((self.fill, self.mode))
        elif operator == b"Q" and self.stack:
            self.fill, self.mode = self.stack.pop()
        elif operator == b"Tr" and operands:
            self.mode = int(operands[0])
        elif operator in self.SHOW:
            self.shown = (self.fill, self.mode)
        elif operator in (b"g", b"rg", b"k", b"sc", b"scn"):
            try:
                values = [float(v) for v in operands]
            except (TypeError, ValueError):  # a pattern name: its colour cannot be told
                return
            colour = _rgb(operator, values)
            if colour is not None:
                self.fill = colour


_READ_FONT = Font.__dict__["from_font_resource"]  # pypdf's own classmethod
_SHARED: ContextVar[dict[int, tuple[DictionaryObject, Font]] | None] = ContextVar("_shared_fonts", default=None)


def _font_once(cls: type[Font], pdf_font_dict: DictionaryObject) -> Font:
    """pypdf's Font.from_font_resource, answered from the fonts already read in a
    ``shared_fonts()`` block (and exactly pypdf's own outside one)."""
    built = _SHARED.get()
    if built is None:
        return _READ_FONT.__func__(cls, pdf_font_dict)
    hit = built.get(id(pdf_font_dict))
    if hit is not None and hit[0] is pdf_font_dict:
        return hit[1]
    font = _READ_FONT.__func__(cls, pdf_font_dict)
    built[id(pdf_font_dict)] = (pdf_font_dict, font)  # the dict is kept, so its id is not reused
    return font


@contextmanager
def shared_fonts() -> Iterator[None]:
    """Read each font of a file once, however many pages draw with it.

    pypdf rebuilds a font's character map (its /ToUnicode CMap, often thousands of
    entries) on every page and every form that names it; in a bundle the same few fonts
    serve a thousand pages and every stamp, so that rebuilding was most of the time spent
    reading text. Within this block a font dictionary already read (the same object, as
    the reader keeps one object per indirect reference) gives back the Font built the
    first time; pypdf only reads a Font while extracting, so sharing it changes nothing.
    The fonts read are private to the block (a context variable), so two verifications
    in two threads never share or leak them.
    """
    if Font.__dict__["from_font_resource"] is _READ_FONT:
        Font.from_font_resource = classmethod(_font_once)  # type: ignore[method-assign,assignment]
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def page_fragments(page: PageObject) -> tuple[list[Fragment], Geometry]:
    """Every non-blank piece of text on ``page`` with its displayed position, size and colour."""
    geometry = page_geometry(page)
    found: list[Fragment] = []
    forms = _FormTracker()
    paint = _PaintTracker()

    def before(operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        forms.before(operator, operands, cm, tm)
        paint.before(operator, operands)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            return
        local = tuple(float(v) for v in cm)
        a, b, c, d, e, f = multiply(local, forms.current)  # type: ignore[arg-type]
        ux = a * float(tm[4]) + c * float(tm[5]) + e
        uy = b * float(tm[4]) + d * float(tm[5]) + f
        du = a * float(tm[0]) + c * float(tm[1])
        dv = b * float(tm[0]) + d * float(tm[1])
        length = (du * du + dv * dv) ** 0.5 or 1.0
        height = ((a * float(tm[2]) + c * float(tm[3])) ** 2 + (b * float(tm[2]) + d * float(tm[3])) ** 2) ** 0.5
        x, y = to_reader(geometry, ux, uy)
        rx, ry = _direction(geometry, du / length, dv / length)
        fill, mode = paint.shown
        found.append(Fragment(text.strip(), x, y, rx, ry, height * float(size or 0), fill, mode in (3, 7)))

    page.extract_text(visitor_text=visit, visitor_operand_before=before, visitor_operand_after=forms.after)
    return found, geometry
