"""Independent readers open the bilingual files and keep the Welsh letters intact."""

from __future__ import annotations

import subprocess

import pytest

from docgen.demo import render_dated
from docgen.pipeline import load_inputs
from docgen.render import Options
from tests.conftest import SAMPLES, external_tool
from tests.external_readers import libreoffice_convert


@pytest.fixture(scope="module")
def bilingual():
    case, house = load_inputs(SAMPLES / "cases" / "ffug-wales.yaml")
    return render_dated(case, house, "warning-letter", "EV-002", options=Options(language="cy+en"))


@pytest.mark.external
def test_qpdf_finds_the_bilingual_pdf_well_formed(bilingual, tmp_path):
    qpdf = external_tool("qpdf")
    path = tmp_path / "letter.pdf"
    path.write_bytes(bilingual.files["pdf"])
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.external
def test_libreoffice_reads_both_languages_from_the_word_file(bilingual, tmp_path):
    soffice = external_tool("soffice")
    path = tmp_path / "letter.docx"
    path.write_bytes(bilingual.files["docx"])
    result = libreoffice_convert(soffice, [path], tmp_path, to="txt:Text (encoded):UTF8", profile=tmp_path / "profile",
                                 timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "letter.txt").read_text(encoding="utf-8-sig")
    assert "Annwyl Dafydd Ŵyn FFUG," in text
    assert "Dear Dafydd Ŵyn FFUG," in text
    assert text.index("Annwyl") < text.index("Dear")
