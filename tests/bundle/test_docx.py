"""Word documents go in through LibreOffice, or are refused with a clear reason."""

from __future__ import annotations

import io

import pytest
from docx import Document

from docgen.bundle import build_bundle
from docgen.bundle import convert
from docgen.errors import DocgenError
from tests.bundle.conftest import spec_of
from tests.conftest import external_tool


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_heading("Fictional case note", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.external
def test_a_word_document_becomes_searchable_bundle_pages(build, write):
    external_tool("soffice")
    note = write("note.docx", docx_bytes("The subject reported a new address on 3 March 2025."))
    reader = build(spec_of(("Notes", [note])))
    assert "The subject reported a new address" in reader.pages[2].extract_text()
    assert reader.page_labels[2] == "3"


def test_without_libreoffice_a_word_document_is_refused_by_name(tmp_path, write, monkeypatch):
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    note = write("note.docx", docx_bytes("Text"))
    with pytest.raises(DocgenError) as caught:
        build_bundle(spec_of(("Notes", [note])), tmp_path / "out.pdf")
    (problem,) = caught.value.problems
    assert problem.file == str(note)
    assert "needs LibreOffice" in problem.message
    assert not (tmp_path / "out.pdf").exists()
