"""Page furniture: the page number and protective marking, placed as the reader sees them.

A PDF page may be any size, may start its box away from the origin and may carry a
/Rotate that turns it on screen. Everything here works in the *reader's frame*: origin at
the bottom-left corner of the page as displayed, x to the right, y up. ``reader_frame``
gives the matrix from that frame into the page's own user space, so a page number lands
upright at the foot of the page whatever the page's rotation.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import Fonts

A4 = (595.2756, 841.8898)
LABEL_SIZE = 10.0
LABEL_INSET = 28.0  # from the right edge, as the reader sees it
FOOT_BASELINE = 16.0  # from the bottom edge, as the reader sees it
MARKING_SIZE = 10.0

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Geometry:
    """A page's visible box in its own user space, and its rotation on screen."""

    x0: float
    y0: float
    width: float
    height: float
    rotate: int  # 0, 90, 180 or 270, clockwise as the PDF defines /Rotate

    @property
    def shown(self) -> tuple[float, float]:
        """Width and height as displayed."""
        if self.rotate in (90, 270):
            return self.height, self.width
        return self.width, self.height

    @property
    def landscape(self) -> bool:
        shown_w, shown_h = self.shown
        return shown_w > shown_h

    def reader_frame(self) -> Matrix:
        """Matrix (a, b, c, d, e, f) from the reader's frame to the box's user space."""
        w, h = self.width, self.height
        return {
            0: (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
            90: (0.0, 1.0, -1.0, 0.0, w, 0.0),
            180: (-1.0, 0.0, 0.0, -1.0, w, h),
            270: (0.0, -1.0, 1.0, 0.0, 0.0, h),
        }[self.rotate]

    def top_left(self) -> tuple[float, float]:
        """The user-space point shown at the top-left corner (for /XYZ destinations)."""
        x1, y1 = self.x0 + self.width, self.y0 + self.height
        return {0: (self.x0, y1), 90: (self.x0, self.y0), 180: (x1, self.y0), 270: (x1, y1)}[self.rotate]


def scale_for(shown_w: float, shown_h: float) -> float:
    """Furniture grows on very large sheets (A3, A0 plans) so it stays legible."""
    return max(1.0, min(shown_w, shown_h) / A4[0])


def label_position(fonts: Fonts, label: str, shown_w: float, shown_h: float) -> tuple[float, float, float]:
    """Where the page number starts (x, baseline) and its size, in the reader's frame."""
    scale = scale_for(shown_w, shown_h)
    size = LABEL_SIZE * scale
    width = stringWidth(label, fonts.bold, size)
    return shown_w - LABEL_INSET * scale - width, FOOT_BASELINE * scale, size


def draw_label(canvas: Canvas, fonts: Fonts, label: str, shown_w: float, shown_h: float) -> None:
    """The page number, bottom right in the reader's frame."""
    x, y, size = label_position(fonts, label, shown_w, shown_h)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts.bold, size)
    canvas.drawString(x, y, label)


def draw_marking(canvas: Canvas, fonts: Fonts, marking: str, shown_w: float, shown_h: float) -> None:
    """The protective marking, centred at the top and at the foot of an added page."""
    scale = scale_for(shown_w, shown_h)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts.bold, MARKING_SIZE * scale)
    canvas.drawCentredString(shown_w / 2, shown_h - 28 * scale, marking)
    canvas.drawCentredString(shown_w / 2, FOOT_BASELINE * scale, marking)
