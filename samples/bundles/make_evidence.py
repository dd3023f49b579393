"""Regenerate the fictional evidence files the sample bundle is built from.

Every person, place and reference here is invented and obviously so. The files are
committed; run this only to change them (`python samples/bundles/make_evidence.py`).
Output is deterministic, so an unchanged run leaves git with nothing to commit.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent / "evidence"


def _paragraphs(canvas: Canvas, y: float, lines: list[str], size: float = 11) -> float:
    canvas.setFont("Helvetica", size)
    for line in lines:
        canvas.drawString(72, y, line)
        y -= size * 1.5
    return y


def application() -> bytes:
    """A three-page draft application with its own bookmarks, as an external PDF would have."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1)
    c.setTitle("Draft SCPO application (fictional)")
    pages = [
        ("Part 1: The subject", [
            "Subject: Alex SAMPLE (a fictional person), born 1 January 1990.",
            "Conviction: conspiracy to supply a controlled drug (fictional case T00000000).",
            "Schedule 1 heading: drug trafficking.",
        ]),
        ("Part 2: Why an order would protect the public", [
            "The subject directed a fictional supply network using several handsets.",
            "Each proposed term below is linked to the evidence in section B of this bundle.",
        ]),
        ("Part 3: Proposed terms", [
            "Term 1: notify the police, in writing, of any device capable of sending or",
            "receiving electronic communications, within 3 days of obtaining it.",
            "Term 2: do not hold more than one financial account without notifying the police.",
        ]),
    ]
    for number, (heading, body) in enumerate(pages, start=1):
        key = f"part{number}"
        c.bookmarkPage(key)
        c.addOutlineEntry(heading, key, level=0)
        c.setFont("Helvetica-Bold", 15)
        c.drawString(72, 760, heading)
        _paragraphs(c, 730, body)
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 40, f"Draft application, page {number} of {len(pages)}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def statement() -> bytes:
    """A two-page witness statement."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1)
    body = [
        "Statement of PC 0000 Jo SPECIMEN (a fictional officer).",
        "On 2 February 2025 at 10:15 I attended a fictional address, 1 Example Road.",
        "I saw the subject holding a mobile phone that had not been notified.",
        "I explained the notification term to the subject in plain words.",
    ]
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 760, "Witness statement" if page == 1 else "Witness statement (continued)")
        _paragraphs(c, 730, body if page == 1 else ["I made this statement on the day of the visit.",
                                                    "Signed: J. Specimen (fictional)"])  # fmt: skip
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 40, f"Page {page} of 2")
        c.showPage()
    c.save()
    return buffer.getvalue()


def chart() -> bytes:
    """One landscape page: an association chart of fictional people."""
    buffer = io.BytesIO()
    size = landscape(A4)
    c = Canvas(buffer, pagesize=size, invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, size[1] - 60, "Association chart (fictional)")
    people = [("Alex SAMPLE", 380, 300), ("Person EXAMPLE-ONE", 140, 160), ("Person EXAMPLE-TWO", 620, 160),
              ("Person EXAMPLE-THREE", 380, 110)]  # fmt: skip
    for name, x, y in people[1:]:
        c.line(people[0][1] + 60, people[0][2] + 15, x + 60, y + 15)
    c.setFont("Helvetica", 11)
    for name, x, y in people:
        c.setFillColorRGB(0.92, 0.95, 1)
        c.rect(x, y, 150, 32, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(x + 75, y + 12, name)
    c.showPage()
    c.save()
    return buffer.getvalue()


def photo() -> bytes:
    """A JPEG 'photograph' of a seized handset: shapes only, no real image."""
    image = Image.new("RGB", (800, 600), (205, 200, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 120, 500, 500), fill=(30, 30, 35), outline=(90, 90, 90), width=6)
    draw.rectangle((320, 150, 480, 440), fill=(60, 90, 130))
    draw.ellipse((385, 455, 415, 485), fill=(80, 80, 80))
    draw.rectangle((40, 520, 260, 570), fill=(240, 240, 235))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def scan() -> bytes:
    """A PNG 'scan' of the signed acknowledgement: words drawn, then rasterised, so it has no
    text layer until OCR (``--ocr``) reads them."""
    from make_scan import _font  # the same font lookup as the bilingual test scan

    image = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(image)
    heading, body = _font(40), _font(28)
    draw.text((120, 140), "Acknowledgement of the terms (fictional)", fill=25, font=heading)
    lines = [
        "I, Alex SAMPLE, have been given a copy of the order.",
        "Each term was read to me and I initialled it.",
        "Term 1: notify the police of any mobile phone.  AS",
        "Term 2: no more than one phone at a time.  AS",
        "Term 3: keep a record of cash over the limit.  AS",
    ]
    for row, line in enumerate(lines):
        draw.text((120, 260 + row * 80), line, fill=30, font=body)
        draw.rectangle((120, 300 + row * 80, 1120, 302 + row * 80), fill=150)
    draw.line((160, 1560, 600, 1520), fill=20, width=5)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    files = {
        "scpo-application.pdf": application(),
        "witness-statement.pdf": statement(),
        "association-chart.pdf": chart(),
        "seized-handset.jpg": photo(),
        "notification-form-scan.png": scan(),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
