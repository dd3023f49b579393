"""The front sheet and the index: the first pages a judge opens.

The index is laid out before page numbers exist (its length decides where the documents
start) and drawn afterwards. Each index row is one live link to the first page it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from babel.dates import format_date
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import Fonts
from .furniture import A4, draw_label, draw_marking
from .layout import paginate, wrap
from .plan import Plan
from .spec import BundleSpec, DocumentSpec

LEFT = 56.69
RIGHT = A4[0] - 56.69
COL_DATE = LEFT + 28
COL_DOC = LEFT + 96
DOC_WIDTH = RIGHT - 74 - COL_DOC
TABLE_TOP = A4[1] - 106  # below the heading and the column titles
TABLE_BOTTOM = 56.0
TITLE_SIZE, TITLE_LEAD = 9.5, 12.0
DESC_SIZE, DESC_LEAD = 8.5, 10.5
PAD = 4.0
SECTION_SIZE, SECTION_LEAD, SECTION_GAP = 10.5, 13.0, 11.0
SECTION_WIDTH = RIGHT - 74 - LEFT
MAX_DESC_LINES = 6


@dataclass(frozen=True)
class IndexRow:
    kind: Literal["section", "document", "manifest"]
    key: int  # section position, document number, or 0 for the manifest
    title: list[str]
    description: list[str]
    date: dt.date | None = None
    height: float = 0.0


@dataclass(frozen=True)
class IndexLayout:
    rows: list[IndexRow]
    pages: list[list[int]]

    @property
    def page_count(self) -> int:
        """Pages the front matter takes: the front sheet plus the index."""
        return 1 + len(self.pages)


@dataclass(frozen=True)
class LinkSpot:
    """A clickable rectangle on an added page and the physical page it opens."""

    page: int
    rect: tuple[float, float, float, float]
    target: int


Outline = list[tuple[str, str, list[tuple[int, DocumentSpec]]]]  # letter, title, numbered documents


def layout_index(sections: Outline, fonts: Fonts) -> IndexLayout:
    """Measure every index row and break the rows into pages."""
    rows: list[IndexRow] = []
    for position, (letter, title, documents) in enumerate(sections):
        heading = wrap(f"{letter}   {title}", fonts.bold, SECTION_SIZE, SECTION_WIDTH)
        rows.append(IndexRow("section", position, heading, [], height=SECTION_GAP + SECTION_LEAD * len(heading)))
        for number, doc in documents:
            title_lines = wrap(doc.title, fonts.bold, TITLE_SIZE, DOC_WIDTH)
            desc_lines = wrap(doc.description, fonts.regular, DESC_SIZE, DOC_WIDTH) if doc.description else []
            if len(desc_lines) > MAX_DESC_LINES:  # the index is a guide; the document itself is in the bundle
                desc_lines = desc_lines[: MAX_DESC_LINES - 1] + [desc_lines[MAX_DESC_LINES - 1] + " \u2026"]
            height = 2 * PAD + TITLE_LEAD * len(title_lines) + DESC_LEAD * len(desc_lines)
            rows.append(IndexRow("document", number, title_lines, desc_lines, doc.date, height))
    rows.append(IndexRow("manifest", 0, ["Integrity manifest"],
                         ["Name, SHA-256 digest and pages of every input file"],
                         height=2 * PAD + TITLE_LEAD + DESC_LEAD))  # fmt: skip
    usable = TABLE_TOP - TABLE_BOTTOM
    pages = paginate([r.height for r in rows], [r.kind == "section" for r in rows], usable, usable)
    return IndexLayout(rows, pages)


def short_date(value: dt.date | None, locale: str) -> str:
    return format_date(value, "d MMM y", locale=locale) if value else "undated"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def draw_front_sheet(
    canvas: Canvas, fonts: Fonts, spec: BundleSpec, plan: Plan, volume: tuple[int, int] | None
) -> None:
    """Page 1: who, what, where and when, and how the pages are numbered."""
    width, height = A4
    draw_marking(canvas, fonts, spec.marking, width, height)
    draw_label(canvas, fonts, plan.label(0), width, height)
    y = height - 150

    def centred(text: str, font: str, size: float, gap: float) -> None:
        nonlocal y
        for line in wrap(text, font, size, RIGHT - LEFT):
            canvas.setFont(font, size)
            canvas.drawCentredString(width / 2, y, line)
            y -= size * 1.3
        y -= gap

    if spec.court:
        centred(spec.court, fonts.bold, 13, 18)
    centred(spec.case, fonts.bold, 18, 8)
    if spec.reference:
        centred(f"Case reference: {spec.reference}", fonts.regular, 11, 8)
    y -= 30
    centred(spec.title, fonts.bold, 22, 10)
    if volume and volume[1] > 1:
        centred(f"Volume {volume[0]} of {volume[1]}", fonts.bold, 14, 8)
    if spec.hearing_date:
        centred(f"Hearing: {format_date(spec.hearing_date, 'd MMMM y', locale=spec.locale)}", fonts.regular, 12, 8)
    documents = sum(len(s.documents) for s in plan.sections)
    centred(
        f"{_plural(plan.total, 'page')}; {_plural(documents, 'document')} in {_plural(len(plan.sections), 'section')}",
        fonts.regular, 11, 8,
    )  # fmt: skip
    if spec.prepared_by:
        centred(f"Prepared by {spec.prepared_by}", fonts.regular, 11, 8)
    y = 190
    if plan.profile.prefixed:
        first = plan.label(0)
        roman = "i, ii, iii" if first == "i" else f"from {first} on, carrying on from the previous volume"
        note = (
            "Pages are numbered by section: A1 is the first page of section A. The front sheet, index "
            f"and manifest are numbered {roman}. Each number is also the PDF's own page label."
        )
    else:
        note = (
            "Page numbers are the PDF's own page numbers: the page stamped 12 is page 12 in any PDF "
            "viewer. Every index entry and bookmark opens the page it names."
        )
    manifest = plan.span(plan.manifest_first, plan.total - 1)
    where = "page" if plan.manifest_pages == 1 else "pages"
    note += f" The integrity manifest ({where} {manifest}) gives the SHA-256 digest of every input file; a copy is embedded in this PDF as manifest.json."  # noqa: E501
    centred(note, fonts.regular, 9, 0)


def draw_index_page(
    canvas: Canvas, fonts: Fonts, spec: BundleSpec, plan: Plan, layout: IndexLayout, page: int
) -> list[LinkSpot]:
    """One index page; returns where its links go."""
    width, height = A4
    physical = 1 + page
    draw_marking(canvas, fonts, spec.marking, width, height)
    draw_label(canvas, fonts, plan.label(physical), width, height)
    canvas.setFont(fonts.bold, 14)
    canvas.drawString(LEFT, height - 70, "Index" if page == 0 else "Index (continued)")
    canvas.setFont(fonts.bold, 9)
    header_y = height - 94
    canvas.drawString(LEFT, header_y, "No.")
    canvas.drawString(COL_DATE, header_y, "Date")
    canvas.drawString(COL_DOC, header_y, "Document")
    canvas.drawRightString(RIGHT, header_y, "Pages")
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, header_y - 4, RIGHT, header_y - 4)

    sections = plan.sections
    by_number = {placed.number: placed for placed in plan.documents()}
    spots = []
    top = TABLE_TOP
    for row_index in layout.pages[page]:
        row = layout.rows[row_index]
        if row.kind == "section":
            first, last = sections[row.key].first, sections[row.key].last
        elif row.kind == "document":
            first, last = by_number[row.key].first, by_number[row.key].last
        else:
            first, last = plan.manifest_first, plan.total - 1
        _draw_row(canvas, fonts, row, top, plan.span(first, last), spec.locale)
        spots.append(LinkSpot(physical, (LEFT - 2, top - row.height, RIGHT + 2, top), first))
        top -= row.height
    return spots


def _fit_size(font: str, text: str, size: float, room: float) -> float:
    """Shrink a long page range (AA1203–AA1250) until it fits its column."""
    while size > 5 and stringWidth(text, font, size) > room:
        size -= 0.5
    return size


def _draw_row(canvas: Canvas, fonts: Fonts, row: IndexRow, top: float, pages: str, locale: str) -> None:
    if row.kind == "section":
        baseline = top - SECTION_GAP - SECTION_SIZE + 3
        canvas.setFont(fonts.bold, SECTION_SIZE)
        canvas.drawRightString(RIGHT, baseline, pages)
        for line in row.title:
            canvas.drawString(LEFT, baseline, line)
            baseline -= SECTION_LEAD
        return
    baseline = top - PAD - TITLE_SIZE
    if row.kind == "document":
        canvas.setFont(fonts.regular, TITLE_SIZE)
        canvas.drawString(LEFT, baseline, str(row.key))
        canvas.drawString(COL_DATE, baseline, short_date(row.date, locale))
    size = _fit_size(fonts.regular, pages, TITLE_SIZE, 70)
    canvas.setFont(fonts.regular, size)
    canvas.drawRightString(RIGHT, baseline, pages)
    canvas.setFont(fonts.bold, TITLE_SIZE)
    for line in row.title:
        canvas.drawString(COL_DOC, baseline, line)
        baseline -= TITLE_LEAD
    baseline += TITLE_LEAD  # back to the last title line
    canvas.setFont(fonts.regular, DESC_SIZE)
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    for line in row.description:
        baseline -= DESC_LEAD
        canvas.drawString(COL_DOC, baseline, line)
    canvas.setFillColorRGB(0, 0, 0)
