"""The progress bar shows only on bundles that take more than a moment."""

from __future__ import annotations

import io

from docgen.bundle.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_drawn_for_work_that_finishes_quickly():
    stream, clock = Terminal(), Clock()
    bar = TerminalProgress(stream, clock=clock)
    clock.now = 0.2
    bar(10, 10)
    bar.close()
    assert stream.getvalue() == ""


def test_a_bar_appears_once_the_work_has_run_for_a_moment():
    stream, clock = Terminal(), Clock()
    bar = TerminalProgress(stream, clock=clock)
    clock.now = 1.0
    bar(500, 1000)
    assert stream.getvalue().endswith("[###############...............] 500/1000 pages")
    bar.close()
    assert stream.getvalue().endswith("\n")


def test_no_bar_is_drawn_when_the_output_is_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    bar = TerminalProgress(stream, clock=clock)
    clock.now = 5.0
    bar(1, 2)
    assert stream.getvalue() == ""


def test_building_reports_progress_up_to_every_page(tmp_path):
    from docgen.bundle import build_bundle, load_spec
    from tests.bundle.conftest import SAMPLE_SPEC

    seen: list[tuple[int, int]] = []
    build_bundle(load_spec(SAMPLE_SPEC), tmp_path / "b.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (11, 11)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
