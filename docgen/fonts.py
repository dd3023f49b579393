"""Where the DejaVu Sans font files are found.

Every PDF the tool draws text into (documents and bundles) embeds DejaVu Sans so that the
text is searchable, prints the same everywhere and has glyphs for Welsh letters such as ŵ
and ŷ. ``DOCGEN_FONT_DIR``, when set, is looked at first.
"""

from __future__ import annotations

import os
from pathlib import Path

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
