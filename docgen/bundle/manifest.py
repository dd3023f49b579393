"""The integrity manifest: proof of exactly which files went into a bundle.

It is printed as the last pages of the bundle and embedded in the PDF as
``manifest.json``. The JSON also records how the bundle is numbered, which is what lets
``docgen bundle add`` continue the numbering and ``verify`` find each document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ByteStringObject, DictionaryObject, NameObject, NumberObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from ..errors import DocgenError
from .fonts import Fonts
from .frontmatter import LEFT, RIGHT, TABLE_BOTTOM
from .furniture import A4, draw_label, draw_marking
from .layout import paginate, wrap
from .plan import Placed, Plan
from .spec import BundleSpec

NAME = "manifest.json"
CATALOG_KEY = "/DocgenManifest"  # where a PDF/A bundle keeps it (PDF/A-2 allows only PDF/A attachments)
FORMAT = "docgen-bundle-manifest"
VERSION = 1
INTRO = (
    "Every file this bundle was built from, as received: its name, its SHA-256 digest, how many "
    "pages it has and where those pages are in this bundle. Anyone can check a file against its "
    "digest (for example with sha256sum or Get-FileHash). The same list is embedded in this PDF "
    "as the attachment manifest.json."
)
NAME_WIDTH = 330.0
COL_NAME = LEFT + 28
COL_COUNT = RIGHT - 78
ROW_PAD = 4.0


@dataclass(frozen=True)
class ManifestRow:
    number: int
    name: list[str]
    height: float


@dataclass(frozen=True)
class ManifestLayout:
    intro: list[str]
    rows: list[ManifestRow]
    pages: list[list[int]]

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _table_top(page: int, intro_lines: int) -> float:
    if page == 0:
        return A4[1] - 92 - intro_lines * 11.5 - 22
    return A4[1] - 106


def layout_manifest(documents: list[tuple[int, str]], fonts: Fonts) -> ManifestLayout:
    """Measure the manifest for ``(document number, file name)`` pairs."""
    intro = wrap(INTRO, fonts.regular, 9, RIGHT - LEFT)
    rows = []
    for number, name in documents:
        lines = wrap(name, fonts.regular, 9.5, NAME_WIDTH)
        rows.append(ManifestRow(number, lines, 2 * ROW_PAD + 12 * len(lines) + 10))
    first = _table_top(0, len(intro)) - TABLE_BOTTOM
    later = _table_top(1, len(intro)) - TABLE_BOTTOM
    pages = paginate([r.height for r in rows], [False] * len(rows), first, later)
    return ManifestLayout(intro, rows, pages)


def draw_manifest_page(
    canvas: Canvas, fonts: Fonts, spec: BundleSpec, plan: Plan, layout: ManifestLayout, page: int
) -> None:
    width, height = A4
    physical = plan.manifest_first + page
    draw_marking(canvas, fonts, spec.marking, width, height)
    draw_label(canvas, fonts, plan.label(physical), width, height)
    canvas.setFont(fonts.bold, 14)
    canvas.drawString(LEFT, height - 70, "Integrity manifest" if page == 0 else "Integrity manifest (continued)")
    if page == 0:
        canvas.setFont(fonts.regular, 9)
        y = height - 92
        for line in layout.intro:
            canvas.drawString(LEFT, y, line)
            y -= 11.5
    top = _table_top(page, len(layout.intro))
    header_y = top + 12
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(LEFT, header_y, "No.")
    canvas.drawString(COL_NAME, header_y, "File and SHA-256 digest")
    canvas.drawRightString(COL_COUNT, header_y, "Pages")
    canvas.drawRightString(RIGHT, header_y, "In bundle")
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, header_y - 4, RIGHT, header_y - 4)
    by_number = {placed.number: placed for placed in plan.documents()}
    for row_index in layout.pages[page]:
        row = layout.rows[row_index]
        placed = by_number[row.number]
        baseline = top - ROW_PAD - 9.5
        canvas.setFont(fonts.regular, 9.5)
        canvas.drawString(LEFT, baseline, str(row.number))
        canvas.drawRightString(COL_COUNT, baseline, str(placed.pages))
        canvas.drawRightString(RIGHT, baseline, plan.span(placed.first, placed.last))
        for line in row.name:
            canvas.drawString(COL_NAME, baseline, line)
            baseline -= 12
        canvas.setFont(fonts.mono, 7.5)
        canvas.drawString(COL_NAME, baseline + 2, placed.source.sha256)
        top -= row.height


def _document_entry(plan: Plan, placed: Placed) -> dict[str, Any]:
    source, doc = placed.source, placed.source.doc
    return {
        "number": placed.number,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "description": doc.description,
        "file": doc.manifest_name,
        "kind": source.kind,
        "sha256": source.sha256,
        "bytes": source.size,
        "pages": placed.pages,
        "first_page": plan.label(placed.first),
        "last_page": plan.label(placed.last),
        "first_index": placed.first,
    }


def manifest_data(spec: BundleSpec, plan: Plan, volume: tuple[int, int]) -> dict[str, Any]:
    """The JSON manifest of one volume."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": spec.title,
        "case": spec.case,
        "court": spec.court,
        "hearing_date": spec.hearing_date.isoformat() if spec.hearing_date else None,
        "reference": spec.reference,
        "profile": plan.profile.name,
        "marking": spec.marking,
        "locale": spec.locale,
        "volume": {"number": volume[0], "of": volume[1]},
        "pages": plan.total,
        "labels": [r.to_json() for r in plan.ranges],
        "next_numbers": plan.next_numbers,
        "front_matter": {"first_index": 0, "pages": plan.front_pages},
        "manifest_pages": {"first_index": plan.manifest_first, "pages": plan.manifest_pages},
        "sections": [
            {
                "letter": section.letter,
                "title": section.title,
                "first_page": plan.label(section.first),
                "last_page": plan.label(section.last),
                "documents": [_document_entry(plan, placed) for placed in section.documents],
            }
            for section in plan.sections
        ],
        "late_additions": [],
    }


def to_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def file_params(blob: bytes) -> DictionaryObject:
    """The embedded file's /Params: its size and the MD5 checksum the PDF standard defines."""
    return DictionaryObject({
        NameObject("/Size"): NumberObject(len(blob)),
        NameObject("/CheckSum"): ByteStringObject(hashlib.md5(blob).digest()),  # noqa: S324 - the standard's choice
    })  # fmt: skip


def embed(writer: PdfWriter, data: dict[str, Any]) -> None:
    """Attach the manifest to the PDF as ``manifest.json``, with a checksum a reader can test."""
    blob = to_bytes(data)
    attachment = writer.add_attachment(NAME, blob)
    attachment.pdf_object[NameObject("/Desc")] = TextStringObject("Integrity manifest of this bundle")
    attachment.pdf_object[NameObject("/UF")] = TextStringObject(NAME)
    stream = attachment.pdf_object["/EF"]["/F"].get_object()
    stream[NameObject("/Params")] = file_params(blob)


def replace_embedded(writer: PdfWriter, data: dict[str, Any], *, file: str) -> None:
    """Point the existing manifest.json attachment of ``writer`` at ``data``."""
    from pypdf.generic import DecodedStreamObject

    if CATALOG_KEY in writer.root_object:  # a PDF/A bundle
        stream = DecodedStreamObject()
        blob = to_bytes(data)
        stream.set_data(blob)
        stream[NameObject("/Params")] = file_params(blob)
        writer.root_object[NameObject(CATALOG_KEY)] = writer._add_object(stream)
        return
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if names[i] == NAME:
            filespec = names[i + 1].get_object()
            stream = DecodedStreamObject()
            blob = to_bytes(data)
            stream.set_data(blob)
            stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
            stream[NameObject("/Params")] = file_params(blob)
            filespec["/EF"][NameObject("/F")] = writer._add_object(stream)
            return
    raise DocgenError(f"its {NAME} attachment could not be found to update", file=file)


def checksum_problem(reader: PdfReader) -> str | None:
    """What is wrong with the embedded manifest's checksum, or None (also when it has none)."""
    try:
        root = reader.trailer["/Root"]
        if CATALOG_KEY in root:
            streams = [root[CATALOG_KEY].get_object()]
        else:
            names = root["/Names"]["/EmbeddedFiles"]["/Names"]
            streams = [names[i + 1].get_object()["/EF"]["/F"].get_object()
                       for i in range(0, len(names), 2) if names[i] == NAME]  # fmt: skip
        for stream in streams:
            params = stream.get("/Params")
            if params is None or "/CheckSum" not in params.get_object():
                return None
            value = params.get_object()["/CheckSum"]
            expected = value.original_bytes if hasattr(value, "original_bytes") else bytes(value)
            if hashlib.md5(stream.get_data()).digest() != expected:  # noqa: S324 - the standard's choice
                return f"the embedded {NAME} does not match its own checksum: it was changed after the bundle was built"
    except (KeyError, TypeError, AttributeError):
        return None
    return None


def read_manifest(reader: PdfReader, *, file: str) -> dict[str, Any] | None:
    """The embedded manifest of a docgen bundle, or None for any other PDF.

    A PDF/A bundle keeps it in the catalogue entry /DocgenManifest instead of an attachment.
    """
    try:
        attachments = reader.attachments
        blobs = attachments.get(NAME) if NAME in attachments else None
        if not blobs and CATALOG_KEY in reader.trailer["/Root"]:
            blobs = [reader.trailer["/Root"][CATALOG_KEY].get_object().get_data()]
    except Exception:  # a damaged name tree means there is no manifest we can trust
        return None
    if not blobs:
        return None
    try:
        data = json.loads(blobs[-1].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocgenError(f"its embedded {NAME} is not valid JSON ({exc})", file=file) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data
