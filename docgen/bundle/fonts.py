"""The embedded fonts the bundle draws its own text in.

Everything the bundle adds (front sheet, index, manifest, page numbers) is drawn in DejaVu
Sans, embedded as a subset, so the text is searchable and prints the same everywhere, and
Welsh letters such as ŵ and ŷ have glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics

from ..errors import DocgenError
from ..fonts import MISSING_HINT, find_font, truetype

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"
MONO_FILE = "DejaVuSansMono.ttf"


@dataclass(frozen=True)
class Fonts:
    """reportlab names of the registered faces (bold and mono fall back to regular)."""

    regular: str
    bold: str
    mono: str


@cache
def load_fonts() -> Fonts:
    """Register DejaVu Sans with reportlab once per process and return the face names.

    The fonts are made as the document writer makes its own (``docgen.fonts.truetype``):
    ReportLab gives a face's first registered font to every later name for that face, so
    a bundle built first in a process would otherwise hand the writer a plain font without
    its cached face or its quicker embedding (the PDF bytes are the same either way)."""
    regular = find_font(REGULAR_FILE)
    if regular is None:
        raise DocgenError(
            f"DejaVu Sans was not found; {MISSING_HINT}",
            file=REGULAR_FILE,
        )
    names = {"regular": "BundleSans", "bold": "BundleSans", "mono": "BundleSans"}
    pdfmetrics.registerFont(truetype("BundleSans", regular))
    for role, file_name, name in (("bold", BOLD_FILE, "BundleSans-Bold"), ("mono", MONO_FILE, "BundleMono")):
        path = find_font(file_name)
        if path is not None:
            pdfmetrics.registerFont(truetype(name, path))
            names[role] = name
    return Fonts(**names)
