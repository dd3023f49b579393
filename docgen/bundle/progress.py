"""A progress bar for long bundles, shown only when a person is watching.

Small bundles finish before anyone could read a bar, so nothing is drawn until the work
has run for ``delay`` seconds, and nothing at all when the output is not a terminal
(a pipe, a log file, a test runner).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30


class TerminalProgress:
    """A callable ``(done, total)`` that draws ``[#####.....]  450/1000 pages``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        what: str = "pages",
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        force: bool = False,
    ) -> None:
        self.stream = stream
        self.what = what
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.enabled = force or (hasattr(stream, "isatty") and stream.isatty())
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if not self.drawn and self.clock() - self.started < self.delay:
            return
        filled = WIDTH * min(done, total) // total
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done:>{len(str(total))}}/{total} {self.what}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the bar's line so the next message starts cleanly."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
