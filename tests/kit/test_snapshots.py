"""Readable snapshots of what a reader sees, for the people who maintain templates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from docgen.model import Document, Heading, Paragraph, Run
from docgen.render import Options
from docgen.testing import DocxSnapshotExtension, ModelSnapshotExtension, PdfSnapshotExtension, docx_text, pdf_text
from docgen.writers import DocumentMeta, write
from tests.conftest import SAMPLES

DRUGS = SAMPLES / "cases" / "specimen-drugs.yaml"
LETTER_DATE = dt.date(2027, 2, 3)  # the day of the failure the letter reports


@pytest.fixture(scope="module")
def letter():
    from docgen.pipeline import load_inputs, render

    case, house = load_inputs(DRUGS)
    return render(case, house, "warning-letter", event_id="EV-002", options=Options(date=LETTER_DATE))


def test_warning_letter_word_snapshot(letter, docx_snapshot):
    assert letter == docx_snapshot


def test_warning_letter_pdf_snapshot(letter, pdf_snapshot):
    assert letter == pdf_snapshot


def test_warning_letter_model_snapshot(letter, model_snapshot):
    assert letter == model_snapshot


def test_the_render_fixture_gives_the_same_files_as_the_library(letter, docgen_render):
    again = docgen_render("warning-letter", DRUGS, event="EV-002", date=LETTER_DATE)
    assert again.files == letter.files


def test_two_renders_give_the_same_snapshot_text(docgen_render):
    first = docgen_render("warning-letter", DRUGS, event="EV-002", date=LETTER_DATE)
    second = docgen_render("warning-letter", DRUGS, event="EV-002", date=LETTER_DATE)
    assert docx_text(first.files["docx"]) == docx_text(second.files["docx"])
    assert pdf_text(first.files["pdf"]) == pdf_text(second.files["pdf"])


def test_word_snapshot_shows_headers_footers_fields_and_page_setup(letter):
    text = docx_text(letter.files["docx"])
    assert "A4 portrait" in text
    assert "-- header\n[Header, center] **OFFICIAL-SENSITIVE**" in text
    assert "{PAGE}" in text and "{NUMPAGES}" in text
    assert "[Heading 1] Serious Crime Prevention Order: advisory letter" in text


def test_word_snapshot_shows_table_rows(letter):
    assert "| Our reference | WYP-SCPO-0001/WL/EV-002" in docx_text(letter.files["docx"])


def test_pdf_snapshot_shows_metadata_outline_page_size_and_fonts(letter):
    text = pdf_text(letter.files["pdf"])
    assert "language: en-GB" in text
    assert "title: Serious Crime Prevention Order: Advisory letter" in text
    assert "- Serious Crime Prevention Order: advisory letter (page 1)" in text
    assert "== page 1: A4 portrait" in text
    assert "fonts: DejaVuSans" in text


def _meta(**changes) -> DocumentMeta:
    import datetime as dt

    base = DocumentMeta(title="T", subject="S", author="A", marking="OFFICIAL", reference="R", version=1, date=dt.date(2026, 1, 2))
    return dataclasses.replace(base, **changes)


def _doc(*runs: Run) -> Document:
    return Document(title="T", subject="S", blocks=(Heading(1, (Run("Heading"),)), Paragraph(runs)))


def test_a_change_only_in_bold_shows_in_the_word_snapshot():
    plain = docx_text(write("docx", _doc(Run("Keep to the terms.")), _meta()))
    bold = docx_text(write("docx", _doc(Run("Keep to the terms.", bold=True)), _meta()))
    assert plain != bold
    assert "**Keep to the terms.**" in bold


def test_a_change_in_the_marking_shows_in_both_snapshots():
    doc = _doc(Run("Text"))
    assert docx_text(write("docx", doc, _meta())) != docx_text(write("docx", doc, _meta(marking="OFFICIAL-SENSITIVE")))
    assert pdf_text(write("pdf", doc, _meta())) != pdf_text(write("pdf", doc, _meta(marking="OFFICIAL-SENSITIVE")))


def test_a_pdf_link_is_listed_with_its_target(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "link.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.drawString(72, 720, "Guidance")
    canvas.linkURL("https://example.org/guidance", (72, 710, 200, 730))
    canvas.save()
    assert "link: https://example.org/guidance" in pdf_text(path.read_bytes())


def test_extensions_accept_bytes_and_paths(letter, tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(letter.files["docx"])
    extension = DocxSnapshotExtension()
    assert extension.serialize(path) == extension.serialize(letter.files["docx"]) == extension.serialize(letter)


def test_extensions_refuse_what_they_cannot_read(letter):
    with pytest.raises(TypeError, match="cannot snapshot"):
        ModelSnapshotExtension().serialize(42)
    without_pdf = dataclasses.replace(letter, files={"docx": letter.files["docx"]})
    with pytest.raises(TypeError, match="no pdf file"):
        PdfSnapshotExtension().serialize(without_pdf)


def test_each_kind_of_snapshot_has_its_own_file_extension():
    names = {DocxSnapshotExtension.file_extension, PdfSnapshotExtension.file_extension, ModelSnapshotExtension.file_extension}
    assert names == {"docx.txt", "pdf.txt", "model.txt"}
