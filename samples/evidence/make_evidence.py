"""Regenerate the fictional evidence files that two sample cases list under ``evidence_files``.

The specimen drugs case (WYP-SCPO-0001) has exhibits for its breach file; the fraud case
(LAN-SCPO-0002) has the items its transfer letter encloses. Every person, place, account
and reference is invented and obviously so. The files are committed; run this only to
change them (``python samples/evidence/make_evidence.py``). Output is deterministic, so an
unchanged run leaves git with nothing to commit.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
MARKING = "OFFICIAL-SENSITIVE"
FICTIONAL = "Fictional sample: every name, place and reference is invented."

Page = tuple[str, list[str]]


def exhibit_pdf(exhibit: str, title: str, pages: list[Page]) -> bytes:
    """A plain exhibit: a heading and lines of text per page, exhibit number at the foot."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(f"{title} ({exhibit}, fictional)")
    width, height = A4
    for number, (heading, lines) in enumerate(pages, start=1):
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawCentredString(width / 2, height - 36, MARKING)
        canvas.setFont("Helvetica-Bold", 15)
        canvas.drawString(72, height - 90, heading)
        canvas.setFont("Helvetica", 11)
        y = height - 125
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 17
        canvas.setFont("Helvetica-Oblique", 8)
        canvas.drawString(72, 72, FICTIONAL)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(width / 2, 52, f"Exhibit {exhibit}, page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def signed_form_scan() -> bytes:
    """A greyscale 'scan' of a signed form: a picture only, with no text layer."""
    image = Image.new("L", (620, 877), 248)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 560, 90), fill=200)
    for row in range(10):
        top = 140 + row * 55
        draw.rectangle((60, top, 470, top + 3), fill=130)
        draw.rectangle((500, top - 25, 555, top + 5), outline=90, width=2)
        draw.line((508, top - 5, 530, top - 18, 548, top - 8), fill=30, width=2)
    draw.line((80, 790, 180, 760, 260, 785, 330, 765), fill=20, width=3)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def drugs_case() -> dict[str, bytes]:
    """Exhibits of the specimen drugs case: the order, its acknowledgement, the breach."""
    return {
        "af-29-certified-order.pdf": exhibit_pdf("AF/29", "Certified copy of the order", [
            ("Serious Crime Prevention Order: certified copy", [
                "Crown Court at Exampleford (fictional), case T20240000.",
                "Made on 14 June 2024 under the Serious Crime Act 2007, section 19,",
                "against Jordan Testcase SPECIMEN, born 17 March 1994.",
                "The order comes into force on release from custody and lasts five years.",
                "Term 1: notify the police in writing of every communication device.",
                "Term 2: hold no more than one communication device.",
                "Term 3: hold no more than the cash limit set in the schedule.",
                "Certified a true copy of the order of the court: A. Clerk (fictional).",
            ]),
        ]),
        "af-30-signed-acknowledgement.png": signed_form_scan(),
        "af-31-search-record.pdf": exhibit_pdf("AF/31", "Search record", [
            ("Search record, 18 May 2027, 06:05", [
                "Premises: Flat 0, 1 Nowhere Row, Exampleford (fictional), under warrant.",
                "Item 1: handset on the bedside table, switched on; the notified device.",
                "Item 2: handset in a kitchen drawer, switched off; never notified.",
                "Item 3: handset pushed inside the sofa, switched on; never notified.",
                "Each item was bagged, labelled and signed for by the officer who found it.",
                "Officer in charge: DC Alex Fictional. Search officer: PC Robin Madeup.",
            ]),
        ]),
        "af-32-download-summary.pdf": exhibit_pdf("AF/32", "Handset download summary", [
            ("Download summary: items 2 and 3", [
                "Item 2: 412 messages between 1 May and 17 May 2027.",
                "Item 3: 268 messages between 6 May and 18 May 2027.",
                "Both handsets hold messages offering drugs for sale to fictional numbers.",
                "Contact lists on both handsets share eleven numbers with the line of 2023.",
            ]),
            ("Download summary: method", [
                "Each handset was examined with the force's standard extraction tool.",
                "Hash values of each extraction are recorded in the examiner's notes.",
            ]),
        ]),
        "cc-3-compliance-check.pdf": exhibit_pdf("CC/3", "Compliance check record", [
            ("Compliance check, 10 March 2027", [
                "The notified handset was examined with the subject's consent.",
                "It held a SIM card with a number first used on 1 March 2027.",
                "That number had not been notified to the police.",
            ]),
        ]),
        "si-1-source-report.pdf": exhibit_pdf("SI/1", "Source report", [
            ("Source report (sensitive, never disclosed)", [
                "Fictional covert source reporting about a new drug line.",
                "This file stands for sensitive material: it must never reach a bundle",
                "meant for the defence, and reaches a transfer bundle only on request.",
            ]),
        ]),
    }


def fraud_case() -> dict[str, bytes]:
    """Items the fraud case's transfer letter encloses, and one sensitive report."""
    return {
        "lan-ra-1-signed-acknowledgement.png": signed_form_scan(),
        "subject-profile.pdf": exhibit_pdf("LAN/SP/1", "Subject profile", [
            ("Subject profile", [
                "Name: Priya Imaginary EXAMPLETON (fictional).",
                "Known associates: a brother and a mother in whose names accounts were",
                "opened, and two dormant companies the subject controlled.",
                "Custody image: held on Lancashire Constabulary's image system, reference IMG-0000-0002.",
                "Handling: the subject complies with notifications when reminded.",
            ]),
        ]),
        "mi-4-account-schedule.pdf": exhibit_pdf("MI/4", "Account schedule", [
            ("Financial investigator's account schedule", [
                "Account A: Example Bank, sort code 00-00-00, held by the subject.",
                "Account B: Sample Building Society, held by a relative as nominee.",
                "Account C: Specimen Bank, held by a dormant company, now closed.",
                "Account D: Notreal Bank, opened 2 October 2027 and notified late.",
                "Untraced at sentence: 640,000 pounds.",
            ]),
        ]),
        "ir-0002-intelligence.pdf": exhibit_pdf("IR/0002", "Intelligence report", [
            ("Intelligence report (sensitive)", [
                "Fictional reporting that a relative still operates a nominee account.",
                "Kept off any bundle unless sensitive material is asked for.",
            ]),
        ]),
    }


def main() -> None:
    for folder, files in (("WYP-SCPO-0001", drugs_case()), ("LAN-SCPO-0002", fraud_case())):
        (HERE / folder).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / folder / name).write_bytes(data)
            print(f"wrote {folder}/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
