"""Line wrapping and page breaking for the pages the bundle draws itself.

Layout is measured before anything is drawn so the builder knows how many pages the
index and manifest take, and therefore where every document starts.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth


def _split_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Break a word wider than the column (a long file name) at character level."""
    pieces, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; never returns an empty list for non-empty text."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if stringWidth(word, font, size) > width:
            *whole, current = _split_word(word, font, size, width)
            lines.extend(whole)
        else:
            current = word
    if current:
        lines.append(current)
    return lines


def paginate(
    heights: Sequence[float], keep_with_next: Sequence[bool], first: float, later: float
) -> list[list[int]]:
    """Group rows into pages: ``first`` and ``later`` are the usable heights.

    A row marked keep-with-next (a section heading) moves to the next page rather than
    sit alone at the foot of one. A row taller than a page gets a page to itself.
    """
    pages: list[list[int]] = [[]]
    room = first
    for index, height in enumerate(heights):
        need = height
        if keep_with_next[index] and index + 1 < len(heights):
            need += heights[index + 1]
        if pages[-1] and need > room:
            pages.append([])
            room = later
        pages[-1].append(index)
        room -= height
    return pages
