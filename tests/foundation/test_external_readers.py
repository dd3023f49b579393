"""Independent real-world readers accept our files: LibreOffice opens the DOCX, qpdf checks the PDF."""

from __future__ import annotations

import subprocess

import pytest

from docgen.demo import render_dated
from docgen.pipeline import load_inputs
from tests.conftest import SAMPLE_CASES, external_tool, pdf_text

pytestmark = pytest.mark.external


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    written = []
    for path in SAMPLE_CASES:
        case, house = load_inputs(path)
        rendered = render_dated(case, house, "warning-letter", "EV-002")
        for fmt, data in rendered.files.items():
            target = folder / f"{rendered.stem}.{fmt}"
            target.write_bytes(data)
            written.append((case, target))
    return folder, written


def test_libreoffice_converts_every_docx_and_the_text_survives(letters, tmp_path):
    soffice = external_tool("soffice")
    folder, written = letters
    docx = [p for _, p in written if p.suffix == ".docx"]
    profile = tmp_path / "profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "converted"), *map(str, docx)],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    for case, path in written:
        if path.suffix != ".docx":
            continue
        converted = tmp_path / "converted" / f"{path.stem}.pdf"
        assert converted.is_file(), f"LibreOffice did not convert {path.name}"
        text = " ".join(pdf_text(converted.read_bytes()).split())
        assert case.subject.full_name in text
        assert "OFFICIAL-SENSITIVE" in text
        # the Welsh-speaking sample's letter is in Welsh ("adran 25")
        assert "section 25 of the Serious Crime Act 2007" in text or "adran 25" in text


def test_qpdf_finds_no_errors_in_any_pdf(letters):
    qpdf = external_tool("qpdf")
    _, written = letters
    for _, path in written:
        if path.suffix == ".pdf":
            result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"
