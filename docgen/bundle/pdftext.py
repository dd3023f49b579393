"""Text on a page, located where the reader sees it.

pypdf reports each piece of text with its text and transformation matrices in the page's
user space. Verification needs positions *as displayed*: whether a number sits at the
foot of the page and reads upright depends on the page's box and /Rotate. Fragments are
therefore moved into the reader's frame (origin bottom-left as shown, y up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PageObject

from .furniture import Geometry
from .stamp import page_geometry


@dataclass(frozen=True)
class Fragment:
    text: str
    x: float  # reader's frame
    y: float
    dx: float  # unit direction of the baseline in the reader's frame
    dy: float

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


def page_fragments(page: PageObject) -> tuple[list[Fragment], Geometry]:
    """Every non-blank piece of text on ``page`` with its displayed position."""
    geometry = page_geometry(page)
    found: list[Fragment] = []
    forms = _FormTracker()

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
        x, y = to_reader(geometry, ux, uy)
        rx, ry = _direction(geometry, du / length, dv / length)
        found.append(Fragment(text.strip(), x, y, rx, ry))

    page.extract_text(visitor_text=visit, visitor_operand_before=forms.before, visitor_operand_after=forms.after)
    return found, geometry
