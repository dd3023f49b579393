"""Numbers as a person reads them in the bundle commands' messages.

"1 page", never "1 pages"; and a size next to a limit is shown with enough decimals that
the two visibly differ ("0.23 MB, over the 0.2 MB limit", not "0.2 MB, over the 0.2 MB").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

MB = 1048576


def count(number: int, word: str, plural: str | None = None) -> str:
    """``1 page``, ``2 pages``; ``plural`` for words that do not just take an s."""
    return f"{number} {word if number == 1 else (plural or word + 's')}"


def megabytes(size: int, limit_mb: float | None = None) -> str:
    """``size`` bytes in MB, to one decimal unless more are needed to differ from ``limit_mb``."""
    value = size / MB
    if limit_mb is None or value == limit_mb:
        return f"{value:.1f} MB"
    for decimals in range(1, 7):
        shown = round(value, decimals)
        if (shown > limit_mb) == (value > limit_mb) and shown != limit_mb:
            return f"{shown:.{decimals}f} MB"
    return f"{value:.6f} MB"


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's repair notes ("EOF marker not found") off the terminal.

    A damaged file is either refused with a message of our own naming it, or read
    successfully; either way pypdf's log line tells the user nothing more.
    """
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)
