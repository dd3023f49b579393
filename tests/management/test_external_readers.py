"""Independent readers open the management documents: qpdf checks the PDFs, LibreOffice the Word files."""

from __future__ import annotations

import io
import subprocess

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import external_tool, pdf_text
from tests.external_readers import libreoffice_convert, pdf_text_until
from tests.management.conftest import RUNS, run_id


@pytest.mark.external
def test_qpdf_finds_every_pdf_well_formed(rendered, tmp_path):
    qpdf = external_tool("qpdf")
    for run in RUNS:
        path = tmp_path / f"{run_id(run)}.pdf"
        path.write_bytes(rendered[run].files["pdf"])
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"


@pytest.mark.external
def test_libreoffice_opens_every_word_file_and_the_reference_survives(rendered, tmp_path):
    soffice = external_tool("soffice")
    for run in RUNS:
        (tmp_path / f"{run_id(run)}.docx").write_bytes(rendered[run].files["docx"])
    result = libreoffice_convert(soffice, sorted(tmp_path.glob("*.docx")), tmp_path / "converted",
                                 profile=tmp_path / "profile")  # fmt: skip
    assert result.returncode == 0, result.stderr
    for run in RUNS:
        converted = tmp_path / "converted" / f"{run_id(run)}.pdf"
        assert converted.is_file(), f"LibreOffice did not convert {converted.name}"
        reference = rendered[run].meta.reference

        def survives(text: str, reference: str = reference) -> bool:
            text = " ".join(text.split())
            return reference in text and "OFFICIAL-SENSITIVE" in text

        text = " ".join(pdf_text_until(converted.read_bytes(), survives).split())
        assert reference in text
        assert "OFFICIAL-SENSITIVE" in text


def test_reading_until_the_words_are_found_is_the_start_of_the_whole_text():
    """The shortcut the Word-file tests take: text read until what they look for is found
    is the whole text's start (ending at a page break), and the whole text when it is not."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for number in range(1, 5):
        canvas.drawString(72, 700, f"Fictional page {number} of  a   reference")
        canvas.drawString(72, 100, "OFFICIAL-SENSITIVE" if number == 3 else "official")
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    whole = pdf_text(data)
    assert pdf_text_until(data, lambda text: False) == whole
    found = pdf_text_until(data, lambda text: "OFFICIAL-SENSITIVE" in text)
    assert whole.startswith(found) and found.endswith("\n") and "--- page 3 ---" in found and "page 4" not in found
    assert pdf_text_until(data, lambda text: "page 4" in text) == whole
    squeezed = " ".join(pdf_text_until(data, lambda text: "page 2" in text).split())
    assert " ".join(whole.split()).startswith(squeezed) and "of a reference" in squeezed
