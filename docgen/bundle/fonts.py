"""The embedded fonts the bundle draws its own text in.

Everything the bundle adds (front sheet, index, manifest, page numbers) is drawn in DejaVu
Sans, embedded as a subset, so the text is searchable and prints the same everywhere, and
Welsh letters such as ŵ and ŷ have glyphs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import DocgenError

REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"
MONO_FILE = "DejaVuSansMono.ttf"

# Folders where a system keeps DejaVu Sans; DOCGEN_FONT_DIR, when set, is looked at first.
_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts",
)


@dataclass(frozen=True)
class Fonts:
    """reportlab names of the registered faces (bold and mono fall back to regular)."""

    regular: str
    bold: str
    mono: str


def _folders() -> list[Path]:
    env = os.environ.get("DOCGEN_FONT_DIR")
    found = [Path(env)] if env else []
    return found + [Path(f).expanduser() for f in _FOLDERS]


def find_font(file_name: str) -> Path | None:
    """The first copy of ``file_name`` in the usual font folders, or None."""
    for folder in _folders():
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return None


@cache
def load_fonts() -> Fonts:
    """Register DejaVu Sans with reportlab once per process and return the face names."""
    regular = find_font(REGULAR_FILE)
    if regular is None:
        raise DocgenError(
            "DejaVu Sans was not found; install it (Debian: apt-get install fonts-dejavu-core) "
            "or set DOCGEN_FONT_DIR to a folder holding DejaVuSans.ttf",
            file=REGULAR_FILE,
        )
    names = {"regular": "BundleSans", "bold": "BundleSans", "mono": "BundleSans"}
    pdfmetrics.registerFont(TTFont("BundleSans", str(regular)))
    for role, file_name, name in (("bold", BOLD_FILE, "BundleSans-Bold"), ("mono", MONO_FILE, "BundleMono")):
        path = find_font(file_name)
        if path is not None:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            names[role] = name
    return Fonts(**names)
