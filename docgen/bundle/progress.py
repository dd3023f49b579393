"""A progress bar for long bundles, shown only when a person is watching.

The bar is Typer's (Click's); what this adds is when to show it. Small bundles finish before
anyone could read a bar, so nothing is drawn until the work has run for ``delay``
seconds, and nothing at all when the output is not a terminal (a pipe, a log file, a
test runner). The bundle code reports ``(done, total)`` and learns the total only as it
goes, so the bar is made on the first report worth drawing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

WIDTH = 30


class TerminalProgress:
    """A callable ``(done, total)`` that draws ``[#####.....] 450/1000 pages``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        what: str = "pages",
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.what = what
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.enabled = hasattr(stream, "isatty") and stream.isatty()
        self.bar: Any = None  # Typer's ProgressBar, once drawn

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self.bar is None:
            if self.clock() - self.started < self.delay:
                return
            import typer

            self.bar = typer.progressbar(
                length=total,
                file=self.stream,
                width=WIDTH,
                fill_char="#",
                empty_char=".",
                bar_template=f"[%(bar)s] %(info)s {self.what.replace('%', '%%')}",
                show_percent=False,
                show_pos=True,
                show_eta=False,
            )
        self.bar.length = total
        step = min(done, total) - self.bar.pos
        if step > 0:
            self.bar.update(step)
        else:
            self.bar.render_progress()

    def close(self) -> None:
        """End the bar's line so the next message starts cleanly."""
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None
