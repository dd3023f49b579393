"""The PDF prints no text over other text and carries every font it names: checks a text
snapshot cannot make, over a long signature label and over every kind of every sample."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from docgen.demo import demo_options, demo_runs, render_dated, sample_cases
from docgen.model import Paragraph, Run, Signature, Document
from docgen.pipeline import load_inputs
from docgen.render import kinds, template_dirs
from docgen.testing.layout import drawn_lines, overlapping_lines, unembedded_fonts
from docgen.writers import DocumentMeta
from docgen.writers.pdf import write_pdf

META = DocumentMeta(
    title="Layout test", subject="Layout test", author="Test Force", marking="OFFICIAL",
    reference="TEST/1", version=1, date=dt.date(2026, 1, 5), language="cy-GB",
)

WELSH_LABEL = "Cydlofnodwyd gan y swyddog goruchwylio"
LONG_ENGLISH = "Countersigned by the supervising officer of the offender management unit"


def signature_pdf(*labels: str) -> bytes:
    doc = Document(
        title="Layout test", subject="Layout test",
        blocks=(Paragraph((Run("Yn gywir,"),)), Signature(labels), Paragraph((Run("A. Swyddog"),))),
    )
    return write_pdf(doc, META)


@pytest.mark.parametrize("labels", [("Llofnod", WELSH_LABEL, "Dyddiad"), ("Signed", LONG_ENGLISH, "Date")])
def test_a_signature_label_that_wraps_does_not_print_over_the_label_above(labels: tuple[str, ...]) -> None:
    pdf = signature_pdf(*labels)
    lines = drawn_lines(pdf)
    label_lines = [line for line in lines if any(word in line.text for word in ("gan", "by", "swyddog", "officer", "goruchwylio", "unit"))]
    assert len(label_lines) >= 2, "the long label should wrap in the label column"
    assert overlapping_lines(pdf) == []
    # the labels read top to bottom in the order given
    tops = {label: max(line.y1 for line in lines if line.text.startswith(label.split()[0])) for label in labels}
    assert tops[labels[0]] > tops[labels[1]] > tops[labels[2]]


def test_the_overlap_check_sees_text_printed_over_text() -> None:
    """The check itself can fail: two words drawn a few points apart overlap."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from docgen.writers.pdf import FONT, register_fonts

    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, initialFontName=FONT)
    canvas.setFont(FONT, 10)
    canvas.drawString(100, 100, "Llofnod:")
    canvas.drawString(100, 106, "goruchwylio:")
    canvas.drawString(100, 200, "apart")
    canvas.save()
    pairs = overlapping_lines(buf.getvalue())
    assert [(a.text, b.text) for a, b in pairs] == [("Llofnod:", "goruchwylio:")]


def test_a_page_that_names_helvetica_is_reported() -> None:
    from reportlab.pdfgen.canvas import Canvas
    import io

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    canvas.drawString(100, 100, "plain")
    canvas.save()
    assert unembedded_fonts(buf.getvalue()) == ["page 1: Helvetica"]


@functools.lru_cache(maxsize=1)
def every_sample_pdf() -> list[tuple[str, bytes]]:
    out = []
    for case_path in sample_cases(None):
        case, house = load_inputs(case_path)
        for kind in kinds(template_dirs(house.templates)).values():
            for event_id in demo_runs(kind, case):
                rendered = render_dated(
                    case, house, kind.name, event_id,
                    options=demo_options(case, kind.name, event_id), formats=("pdf",),
                )
                out.append((f"{case.case_id} {rendered.stem}", rendered.files["pdf"]))
    return out


def test_every_font_in_every_sample_pdf_is_embedded() -> None:
    problems = [f"{name} {font}" for name, pdf in every_sample_pdf() for font in unembedded_fonts(pdf)]
    assert problems == []


def test_no_sample_pdf_prints_text_over_text() -> None:
    problems = [
        f"{name} page {a.page}: {a.text!r} over {b.text!r}"
        for name, pdf in every_sample_pdf()
        for a, b in overlapping_lines(pdf)
    ]
    assert problems == []


def signoff_letter(filler: int, signoff: str) -> str:
    body = "".join(
        f"<p>Paragraph {n} of the body of the letter, long enough to take a line or two of the page.</p>"
        for n in range(filler)
    )
    return (
        '<document title="Layout test" subject="Layout test">' + body
        + '<p>Yours sincerely,</p><signature><line label="Signed"/><line label="' + WELSH_LABEL + '"/></signature>'
        + signoff + "</document>"
    )


# the shipped sign-off: name, role and force as one paragraph with line breaks, which is
# how docs/templates.md tells a force to write its own
SIGNOFFS = [
    "<p>Inspector A. Signatory<br/>Head of Orders<br/>Testshire Constabulary</p>",
    "<p>Inspector A. Signatory<br/>Head of Orders, Offender Management Unit, Serious and Organised Crime"
    "<br/>Testshire Constabulary</p>",
]


@pytest.mark.parametrize("signoff", SIGNOFFS, ids=["short", "long role"])
def test_the_signoff_is_never_split_from_its_signature(signoff: str) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from docgen.model import parse

    for filler in range(30, 62):
        pdf = write_pdf(parse(signoff_letter(filler, signoff)), META)
        pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
        last = next(text for text in pages if "Testshire Constabulary" in text)
        assert "Signed" in last and "Yours sincerely" in last and "Head of Orders" in last, (filler, last[-300:])
