"""Page labels: the numbers a reader sees, as runs of pages sharing a prefix and style.

The same runs drive the stamped numbers, the PDF's /PageLabels tree and the page ranges
in the index, so the three can never disagree.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

Style = Literal["D", "r"]  # decimal, lower-case roman (the PDF /S names)

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


@dataclass(frozen=True)
class LabelRange:
    """From physical page ``start`` (0-based) on, pages read prefix + number."""

    start: int
    prefix: str = ""
    style: Style = "D"
    first: int = 1

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LabelRange:
        return cls(int(data["start"]), str(data["prefix"]), data["style"], int(data["first"]))


def roman(number: int) -> str:
    """Lower-case roman numeral, as PDF viewers print style /r."""
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def section_letter(index: int) -> str:
    """A, B, ... Z, AA, AB, ... for the section at 0-based ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def format_label(prefix: str, style: Style, number: int) -> str:
    return prefix + (roman(number) if style == "r" else str(number))


def label_at(ranges: Sequence[LabelRange], index: int) -> str:
    """The label of physical page ``index``; ``ranges`` are sorted by start."""
    position = bisect_right([r.start for r in ranges], index) - 1
    if position < 0:
        return str(index + 1)  # a PDF with no range for its first pages numbers them 1, 2, ...
    run = ranges[position]
    return format_label(run.prefix, run.style, run.first + index - run.start)


def labels(ranges: Sequence[LabelRange], count: int) -> list[str]:
    """Labels of pages 0 .. count-1, computed in one pass."""
    out: list[str] = []
    starts = [r.start for r in ranges] + [count]
    if not ranges or ranges[0].start > 0:
        out.extend(str(i + 1) for i in range(min(count, ranges[0].start if ranges else count)))
    for run, end in zip(ranges, starts[1:]):
        out.extend(format_label(run.prefix, run.style, run.first + i) for i in range(min(end, count) - run.start))
    return out


def span(first: str, last: str) -> str:
    """A page range as the index prints it: ``5``, or ``5–9`` with an en dash."""
    return first if first == last else f"{first}\u2013{last}"
