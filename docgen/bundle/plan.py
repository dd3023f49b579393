"""Where every page of a bundle goes, and what it is called, before anything is drawn.

The plan is pure arithmetic over page counts. Drawing the index needs the page numbers
and the page numbers need the length of the index; the index layout does not depend on
the numbers, so the builder measures it first and plans once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from .numbering import LabelRange, labels, span
from .profiles import Profile
from .sources import Source


@dataclass
class Placed:
    """A document at its place in the bundle."""

    source: Source
    number: int  # running number in the index, unique across volumes
    first: int  # 0-based physical page index of its first page
    letter: str

    @property
    def pages(self) -> int:
        return self.source.pages

    @property
    def last(self) -> int:
        return self.first + self.pages - 1


@dataclass
class PlacedSection:
    letter: str
    title: str
    documents: list[Placed]

    @property
    def first(self) -> int:
        return self.documents[0].first

    @property
    def last(self) -> int:
        return self.documents[-1].last


@dataclass
class Plan:
    """Page positions and labels for one volume."""

    profile: Profile
    front_pages: int
    sections: list[PlacedSection]
    manifest_first: int
    manifest_pages: int
    ranges: list[LabelRange]
    page_labels: list[str]
    next_numbers: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.manifest_first + self.manifest_pages

    def documents(self) -> Iterator[Placed]:
        for section in self.sections:
            yield from section.documents

    def label(self, index: int) -> str:
        return self.page_labels[index]

    def span(self, first: int, last: int) -> str:
        return span(self.page_labels[first], self.page_labels[last])


Group = tuple[str, str, list[tuple[int, Source]]]  # letter, title, (document number, source)


def make_plan(
    groups: list[Group],
    *,
    profile: Profile,
    front_pages: int,
    manifest_pages: int,
    carry: Mapping[str, int] | None = None,
) -> Plan:
    """Lay the sections out after ``front_pages`` pages and before the manifest.

    ``carry`` holds the numbers an earlier volume stopped at (by section letter, or under
    "" for continuous numbering) when the profile carries numbering across volumes.
    """
    carry = dict(carry or {})
    sections: list[PlacedSection] = []
    if profile.prefixed:  # the front matter's roman numbers carry on too (i-iii, then iv-vi, ...)
        ranges = [LabelRange(0, "", "r", carry.get("", 1))]
    else:
        ranges = [LabelRange(0, "", "D", carry.get("", 1))]
    position = front_pages
    for letter, title, items in groups:
        placed = []
        if profile.prefixed:
            ranges.append(LabelRange(position, letter, "D", carry.get(letter, 1)))
        section_start = position
        for number, source in items:
            placed.append(Placed(source, number, position, letter))
            position += source.pages
        if profile.prefixed:
            carry[letter] = carry.get(letter, 1) + position - section_start
        sections.append(PlacedSection(letter, title, placed))
    total = position + manifest_pages
    if profile.prefixed:
        ranges.append(LabelRange(position, "", "r", ranges[0].first + front_pages))
        carry[""] = ranges[0].first + front_pages + manifest_pages
    else:
        carry[""] = ranges[0].first + total
    return Plan(profile, front_pages, sections, position, manifest_pages, ranges, labels(ranges, total), carry)
