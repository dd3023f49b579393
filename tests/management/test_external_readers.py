"""Independent readers open the management documents: qpdf checks the PDFs, LibreOffice the Word files."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import external_tool, pdf_text
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
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "converted"), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    for run in RUNS:
        converted = tmp_path / "converted" / f"{run_id(run)}.pdf"
        assert converted.is_file(), f"LibreOffice did not convert {converted.name}"
        text = " ".join(pdf_text(converted.read_bytes()).split())
        assert rendered[run].meta.reference in text
        assert "OFFICIAL-SENSITIVE" in text
