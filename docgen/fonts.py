"""Where the DejaVu Sans font files are found, and which font draws each character.

Every PDF the tool draws text into (documents and bundles) embeds DejaVu Sans so that the
text is searchable, prints the same everywhere and has glyphs for Welsh letters such as ŵ
and ŷ. A character DejaVu Sans cannot draw in every style (most emoji and pictographs) is
drawn in Symbola instead (Debian: fonts-symbola); a character neither font has is refused
when the case is validated, naming the field, so it is never printed as an empty box.
``DOCGEN_FONT_DIR``, when set, is looked at first.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/truetype/ancient-scripts",  # Debian's fonts-symbola
    "/usr/share/fonts/symbola",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts",
)

MISSING_HINT = (
    "install DejaVu Sans (Debian: apt-get install fonts-dejavu-core) or set DOCGEN_FONT_DIR "
    "to a folder holding DejaVuSans.ttf"
)


def font_folders() -> list[Path]:
    env = os.environ.get("DOCGEN_FONT_DIR")
    return ([Path(env)] if env else []) + [Path(f).expanduser() for f in _FOLDERS]


def find_font(file_name: str) -> Path | None:
    """The first copy of ``file_name`` in the font folders, or None."""
    for folder in font_folders():
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    return None


MAIN_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
FALLBACK_FILES = ("Symbola_hint.ttf", "Symbola.ttf")
FALLBACK_HINT = (
    "install the Symbola font (Debian: apt-get install fonts-symbola) or put Symbola.ttf in "
    "the folder DOCGEN_FONT_DIR names"
)


def find_fallback() -> Path | None:
    """The fallback font file (Symbola), or None when it is not installed."""
    return next((p for p in map(find_font, FALLBACK_FILES) if p is not None), None)


class _PdfScale:
    """ReportLab's font-unit to PDF-unit scale (a lambda in ReportLab, which cannot be
    pickled), with the same arithmetic, so a face read back from the cache measures alike."""

    def __init__(self, units_per_em: int) -> None:
        self.units_per_em = units_per_em
        self.factor = 1000 / units_per_em

    def __call__(self, value: float) -> float:
        return value if self.units_per_em == 1000 else value * self.factor


def _parse_face(path: Path) -> Any:
    from reportlab.pdfbase.ttfonts import TTFontFace

    face = TTFontFace(str(path))
    face._pdfScale = _PdfScale(face.unitsPerEm)
    return face


def _face(path: Path) -> Any:
    """ReportLab's parsed face of the TrueType file at ``path``, from the per-user cache
    when the file's content is the same (parsing the four DejaVu files took a tenth of the
    time of a cold ``docgen render``)."""
    from . import cache

    if not cache.enabled():
        return _parse_face(path)
    return cache.cached("truetype", f"{path}:{cache.files_fingerprint([path])}", lambda: _parse_face(path))


_BUILDING = threading.Lock()


def truetype(name: str, path: Path) -> TTFont:
    """``reportlab.pdfbase.ttfonts.TTFont(name, path)``, its face read from the cache.

    ReportLab's own constructor is run, with only the reading of the face answered from
    the cache, so the font is set up exactly as ReportLab sets it up. The font is a
    :class:`~docgen.writers.pdf_fonts.RememberingTTFont`, which writes the same PDF
    objects as ReportLab's but formats each subset's objects once per process.
    """
    from reportlab.pdfbase import ttfonts

    from .writers.pdf_fonts import RememberingTTFont

    face = _face(path)
    with _BUILDING:
        original = ttfonts.TTFontFace
        ttfonts.TTFontFace = lambda *args, **kwargs: face  # type: ignore[assignment,misc]
        try:
            return RememberingTTFont(name, str(path))
        finally:
            ttfonts.TTFontFace = original  # type: ignore[misc]


@lru_cache(maxsize=8)
def _charset(path: Path) -> frozenset[int]:
    return frozenset(_face(path).charToGlyph)


@lru_cache(maxsize=1)
def _coverage() -> tuple[frozenset[int], frozenset[int], frozenset[int] | None] | None:
    """(in every DejaVu style, in DejaVu regular, in the fallback or None), or None
    when DejaVu itself is missing (the PDF writer says so)."""
    paths = [find_font(name) for name in MAIN_FILES]
    if any(p is None for p in paths):
        return None
    sets = [_charset(p) for p in paths if p is not None]
    fallback = find_fallback()
    return frozenset.intersection(*sets), sets[0], _charset(fallback) if fallback else None


Choice = Literal["main", "fallback", "missing-fallback", "none"]


def font_for(char: str) -> Choice:
    """Which font draws ``char``: DejaVu ("main"), Symbola ("fallback"), the fallback
    if it were installed ("missing-fallback"), or no font at all ("none")."""
    code = ord(char)
    if code < 0x250 or char in "\n\t":
        return "main"
    coverage = _coverage()
    if coverage is None:
        return "main"
    every_style, regular, fallback = coverage
    if code in every_style:
        return "main"
    if fallback is None:
        return "main" if code in regular else "missing-fallback"
    if code in fallback:
        return "fallback"
    return "main" if code in regular else "none"


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` that no installed font can draw (empty when the fonts
    cannot be found: the PDF writer then names the missing font)."""
    if text.isascii():
        return []
    return sorted(c for c in set(text) if not c.isspace() and font_for(c) == "none")
