"""LibreOffice opens every Word file of the order's documents; qpdf passes every PDF."""

from __future__ import annotations

import subprocess

import pytest

from docgen.pack import build_application_pack
from tests.conftest import external_tool
from tests.documents.conftest import case_and_house
from tests.external_readers import libreoffice_convert, pdf_text_until

pytestmark = pytest.mark.external


@pytest.fixture(scope="module")
def written(rendered, tmp_path_factory):
    folder = tmp_path_factory.mktemp("order-documents")
    paths = []
    for (kind, stem), result in sorted(rendered.items()):
        for fmt, data in result.files.items():
            target = folder / f"{result.stem}.{fmt}"
            target.write_bytes(data)
            paths.append(target)
    case, house = case_and_house("signwell-authorised")  # an application goes out before the order is made
    pack = folder / "application-pack.pdf"
    pack.write_bytes(build_application_pack(case, house).combined)
    paths.append(pack)
    return folder, paths


def test_libreoffice_opens_every_docx_and_its_text_survives(written, tmp_path):
    soffice = external_tool("soffice")
    _, paths = written
    docx = [p for p in paths if p.suffix == ".docx"]
    result = libreoffice_convert(soffice, docx, tmp_path / "converted", profile=tmp_path / "profile")
    assert result.returncode == 0, result.stderr
    for path in docx:
        converted = tmp_path / "converted" / f"{path.stem}.pdf"
        assert converted.is_file(), f"LibreOffice did not open {path.name}"
        assert "OFFICIAL" in pdf_text_until(converted.read_bytes(), lambda text: "OFFICIAL" in text)


def test_qpdf_finds_no_errors_in_any_pdf_or_the_combined_pack(written):
    qpdf = external_tool("qpdf")
    _, paths = written
    for path in paths:
        if path.suffix == ".pdf":
            result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"
