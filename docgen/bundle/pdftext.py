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


def page_fragments(page: PageObject) -> tuple[list[Fragment], Geometry]:
    """Every non-blank piece of text on ``page`` with its displayed position."""
    geometry = page_geometry(page)
    found: list[Fragment] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text.strip():
            return
        a, b, c, d, e, f = (float(v) for v in cm)
        ux = a * float(tm[4]) + c * float(tm[5]) + e
        uy = b * float(tm[4]) + d * float(tm[5]) + f
        du = a * float(tm[0]) + c * float(tm[1])
        dv = b * float(tm[0]) + d * float(tm[1])
        length = (du * du + dv * dv) ** 0.5 or 1.0
        x, y = to_reader(geometry, ux, uy)
        rx, ry = _direction(geometry, du / length, dv / length)
        found.append(Fragment(text.strip(), x, y, rx, ry))

    page.extract_text(visitor_text=visit)
    return found, geometry
