"""Independent real-world readers accept our files: LibreOffice opens the DOCX, qpdf checks the PDF."""

from __future__ import annotations

import subprocess

import pytest

from docgen.demo import demo_options, render_dated
from docgen.pipeline import load_inputs
from tests.conftest import external_tool
from tests.external_readers import libreoffice_convert, pdf_text_until
from tests.foundation.test_warning_letter import LETTER_CASES

pytestmark = pytest.mark.external


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    written = []
    for path, event in LETTER_CASES:  # the letters the demo makes, in states that allow them
        case, house = load_inputs(path)
        rendered = render_dated(case, house, "warning-letter", event, options=demo_options(case, "warning-letter", event))
        for fmt, data in rendered.files.items():
            target = folder / f"{rendered.stem}.{fmt}"
            target.write_bytes(data)
            written.append((case, target))
    return folder, written


def test_libreoffice_converts_every_docx_and_the_text_survives(letters, tmp_path):
    soffice = external_tool("soffice")
    folder, written = letters
    docx = [p for _, p in written if p.suffix == ".docx"]
    result = libreoffice_convert(soffice, docx, tmp_path / "converted", profile=tmp_path / "profile", timeout=240)
    assert result.returncode == 0, result.stderr
    for case, path in written:
        if path.suffix != ".docx":
            continue
        converted = tmp_path / "converted" / f"{path.stem}.pdf"
        assert converted.is_file(), f"LibreOffice did not convert {path.name}"

        def survives(text: str, name: str = case.subject.full_name) -> bool:
            text = " ".join(text.split())
            # the Welsh-speaking sample's letter is in Welsh ("adran 25")
            return (name in text and "OFFICIAL-SENSITIVE" in text
                    and ("section 25 of the Serious Crime Act 2007" in text or "adran 25" in text))  # fmt: skip

        text = " ".join(pdf_text_until(converted.read_bytes(), survives).split())
        assert case.subject.full_name in text
        assert "OFFICIAL-SENSITIVE" in text
        assert "section 25 of the Serious Crime Act 2007" in text or "adran 25" in text


def test_qpdf_finds_no_errors_in_any_pdf(letters):
    qpdf = external_tool("qpdf")
    _, written = letters
    for _, path in written:
        if path.suffix == ".pdf":
            result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"
