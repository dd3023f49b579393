"""--ocr: a scanned page (text drawn, then rasterised) becomes searchable in English and Welsh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.bundle import DocumentSpec, add_document, build_bundle, verify_bundle
from docgen.bundle import ocr as ocr_mod
from docgen.cli_bundle import app
from docgen.errors import DocgenError
from samples.bundles.make_scan import scan_png
from tests.bundle.conftest import pdf_bytes, spec_of
from tests.conftest import external_tool

SCAN_PAGE = 3  # front sheet, index, the one-page typed statement, then the scan


@pytest.fixture
def scanned(write) -> list[Path]:
    return [write("typed.pdf", pdf_bytes(1)), write("notice-scan.png", scan_png())]


def _words(text: str) -> set[str]:
    return {w.strip(".,()'").casefold() for w in text.split()}


@pytest.mark.external
def test_ocr_finds_the_scans_words_in_english_and_welsh(scanned, tmp_path):
    external_tool("ocrmypdf")
    external_tool("tesseract")
    out = tmp_path / "b.pdf"
    report = build_bundle(spec_of(("Served", scanned)), out, ocr=True)
    assert report.volumes[0].ocr_pages == ("4",)
    reader = PdfReader(out)
    words = _words(reader.pages[SCAN_PAGE].extract_text())
    assert {"notice", "service", "subject", "order", "explained"} <= words  # English
    assert {"hysbysiad", "cyflwyno", "gorchymyn", "gwrthrych", "eglurwyd"} <= words  # Welsh
    record = json.loads(reader.attachments["manifest.json"][0])["ocr"]
    assert record["pages"] == ["4"] and record["languages"] == ["eng", "cym"] and record["no_words_found"] == []
    assert record["engine"].startswith("OCRmyPDF ") and " with Tesseract " in record["engine"]
    assert not [f for f in verify_bundle(out).findings if f.check == "text-layer"]


@pytest.mark.external
def test_ocr_keeps_typed_pages_and_the_numbering_and_is_repeatable(scanned, tmp_path):
    """Words come out the same every run. (Tesseract may read a signature stroke as dashes one
    run and fewer dashes the next, so the repeatability check uses a scan without one.)"""
    external_tool("ocrmypdf")
    scanned[1].write_bytes(scan_png(signature=False))
    plain, first, second = tmp_path / "plain.pdf", tmp_path / "one.pdf", tmp_path / "two.pdf"
    build_bundle(spec_of(("Served", scanned)), plain)
    build_bundle(spec_of(("Served", scanned)), first, ocr=True)
    build_bundle(spec_of(("Served", scanned)), second, ocr=True)
    assert first.read_bytes() == second.read_bytes()
    before, after = PdfReader(plain), PdfReader(first)
    assert list(after.page_labels) == list(before.page_labels)
    assert after.pages[2].get_contents().get_data() == before.pages[2].get_contents().get_data()
    assert verify_bundle(first).compliant


@pytest.mark.external
def test_ocr_on_a_late_addition_touches_only_the_new_pages(sample_bundles, tmp_path, write):
    external_tool("ocrmypdf")
    out = tmp_path / "late.pdf"
    report = add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=write("n.png", scan_png()), title="Notice"),
                          out=out, ocr=True)  # fmt: skip
    assert report.ocr_pages == ("12",)  # not the served scan on page 6
    assert "gorchymyn" in _words(PdfReader(out).pages[11].extract_text())


def test_without_tesseract_ocr_fails_naming_the_package(scanned, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_mod.shutil, "which", lambda name: None)
    ocr_mod.engine.cache_clear()
    try:
        with pytest.raises(DocgenError) as caught:
            build_bundle(spec_of(("Served", scanned)), tmp_path / "b.pdf", ocr=True)
    finally:
        ocr_mod.engine.cache_clear()
    assert "tesseract-ocr-cym" in str(caught.value) and "ocrmypdf" in str(caught.value)
    assert not (tmp_path / "b.pdf").exists()


def test_cli_without_tesseract_exits_2_with_the_package_named(scanned, tmp_path, monkeypatch, write):
    monkeypatch.setattr(ocr_mod.shutil, "which", lambda name: None)
    ocr_mod.engine.cache_clear()
    spec = write("spec.yaml", b"title: T\ncase: R v Fictional\nsections:\n  - title: S\n    documents:\n"
                              b"      - {file: notice-scan.png, title: Notice}\n")  # fmt: skip
    try:
        result = CliRunner().invoke(app, ["build", str(spec), "--out", str(tmp_path / "b.pdf"), "--ocr"])
    finally:
        ocr_mod.engine.cache_clear()
    assert result.exit_code == 2
    assert "tesseract-ocr-eng" in result.output and "Traceback" not in result.output


def test_a_profile_can_ask_for_ocr_and_the_option_can_turn_it_off(scanned, tmp_path, monkeypatch):
    from docgen.bundle import builder
    from docgen.bundle.profiles import get_profile

    calls: list[str] = []

    def fake_ocr(data: bytes, *, file: str, first: int = 0) -> tuple[bytes, list[str]]:
        calls.append(file)
        return data, []

    monkeypatch.setattr(builder, "get_profile", lambda name: get_profile(name).model_copy(update={"ocr": True}))
    monkeypatch.setattr(ocr_mod, "ocr_bundle", fake_ocr)
    build_bundle(spec_of(("Served", scanned)), tmp_path / "a.pdf")
    build_bundle(spec_of(("Served", scanned)), tmp_path / "b.pdf", ocr=False)
    assert calls == ["a.pdf"]
