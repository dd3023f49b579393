"""--ocr: a scanned page (text drawn, then rasterised) becomes searchable in English and Welsh."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from docgen.bundle import DocumentSpec, add_document, build_bundle, verify_bundle
from docgen.bundle.builder import BuildReport
from docgen.bundle.pdftext import page_fragments
from docgen.bundle.verify import VerifyReport
from docgen.bundle import ocr as ocr_mod
from docgen.bundle import verify as verify_module
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


ENGLISH = {"notice", "service", "subject", "order", "explained"}
WELSH = {"hysbysiad", "cyflwyno", "gorchymyn", "gwrthrych", "eglurwyd"}


@dataclass(frozen=True)
class Repeated:
    """One bundle (a typed page, then a scan) built without OCR and with it twice."""

    plain: Path
    first: Path
    second: Path
    report: BuildReport  # of the first OCR'd build
    verified: VerifyReport  # of the first OCR'd build


@pytest.fixture(scope="module")
def repeated(tmp_path_factory) -> Repeated:
    """The OCR runs shared by the tests that read their results: each run of OCRmyPDF costs
    seconds, and these tests assert different things of the same output. The scan has no
    signature stroke, which Tesseract may read as a different number of dashes from one
    run to the next; the scan with a stroke is OCR'd in the late-addition test."""
    external_tool("ocrmypdf")
    external_tool("tesseract")
    folder = tmp_path_factory.mktemp("ocr")
    typed, scan = folder / "typed.pdf", folder / "notice-scan.png"
    typed.write_bytes(pdf_bytes(1))
    scan.write_bytes(scan_png(signature=False))
    plain, first, second = folder / "plain.pdf", folder / "one.pdf", folder / "two.pdf"
    build_bundle(spec_of(("Served", [typed, scan])), plain)
    report = build_bundle(spec_of(("Served", [typed, scan])), first, ocr=True)
    build_bundle(spec_of(("Served", [typed, scan])), second, ocr=True)
    return Repeated(plain, first, second, report, verify_bundle(first))


@pytest.mark.external
def test_ocr_finds_the_scans_words_in_english_and_welsh(repeated):
    assert repeated.report.volumes[0].ocr_pages == ("4",)
    reader = PdfReader(repeated.first)
    words = _words(reader.pages[SCAN_PAGE].extract_text())
    assert ENGLISH <= words
    assert WELSH <= words
    record = json.loads(reader.attachments["manifest.json"][0])["ocr"]
    assert record["pages"] == ["4"] and record["languages"] == ["eng", "cym"] and record["no_words_found"] == []
    assert record["engine"].startswith("OCRmyPDF ") and " with Tesseract " in record["engine"]
    assert not [f for f in repeated.verified.findings if f.check == "text-layer"]


@pytest.mark.external
def test_ocr_keeps_typed_pages_and_the_numbering_and_is_repeatable(repeated):
    """Words come out the same every run: two runs of OCRmyPDF on the same bundle give the same bytes."""
    assert repeated.first.read_bytes() == repeated.second.read_bytes()
    before, after = PdfReader(repeated.plain), PdfReader(repeated.first)
    assert list(after.page_labels) == list(before.page_labels)
    assert after.pages[2].get_contents().get_data() == before.pages[2].get_contents().get_data()
    assert repeated.verified.compliant


@pytest.mark.external
def test_ocr_on_a_late_addition_touches_only_the_new_pages(sample_bundles, tmp_path, write):
    """The new page is the scan with a signature stroke: its English and Welsh words are still found."""
    external_tool("ocrmypdf")
    out = tmp_path / "late.pdf"
    report = add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=write("n.png", scan_png()), title="Notice"),
                          out=out, ocr=True)  # fmt: skip
    assert report.ocr_pages == ("12",)  # not the served scan on page 6
    words = _words(PdfReader(out).pages[11].extract_text())
    assert "gorchymyn" in words
    assert ENGLISH <= words
    assert WELSH <= words


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


def _ocr_like(kinds: list[str]) -> bytes:
    """Pages shaped like OCRmyPDF's output: every page's resources name one glyphless Type0
    font with an identity character map (OCRmyPDF's spans all 65,536 codes; this one the
    first 256, which is as good a test and far quicker to read). Per page: "typed" (visible body
    text), "hidden" (invisible text in the body, as an OCR layer), "foot" (a page number
    only), "head-and-foot" (text in both bands only), "blank"."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for number, kind in enumerate(kinds, start=1):
        canvas.setFont("Helvetica", 11)
        if kind == "typed":
            canvas.drawString(72, 400, f"Fictional typed statement, page {number}")
        if kind in ("foot", "head-and-foot"):
            canvas.drawString(500, 16, str(number))
        if kind == "head-and-foot":
            canvas.drawString(72, A4[1] - 20, "Fictional heading")
        canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    cmap = StreamObject()
    cmap.set_data(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange\n"
                  b"<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <00FF> <0000>\nendbfrange\n"
                  b"endcmap CMapName currentdict /CMap defineresource pop end end\n")  # fmt: skip
    descendant = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType2"),
        NameObject("/BaseFont"): NameObject("/GlyphLessFont"), NameObject("/DW"): NumberObject(500),
        NameObject("/CIDSystemInfo"): DictionaryObject({NameObject("/Registry"): TextStringObject("Adobe"),
                                                        NameObject("/Ordering"): TextStringObject("Identity"),
                                                        NameObject("/Supplement"): NumberObject(0)}),
    })  # fmt: skip
    glyphless = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
        NameObject("/BaseFont"): NameObject("/GlyphLessFont"), NameObject("/Encoding"): NameObject("/Identity-H"),
        NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
        NameObject("/ToUnicode"): writer._add_object(cmap),
    }))  # fmt: skip
    for page, kind in zip(writer.pages, kinds):
        fonts = page["/Resources"].get_object().setdefault(NameObject("/Font"), DictionaryObject())
        fonts.get_object()[NameObject("/f-0-0")] = glyphless
        if kind == "hidden":
            words = "".join(f"{ord(c):04X}" for c in "Hysbysiad notice")
            layer = StreamObject()
            layer.set_data(f"BT 3 Tr /f-0-0 12 Tf 72 420 Td <{words}> Tj ET".encode())
            page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(layer)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _without_text_one_page_at_a_time(reader: PdfReader, first: int) -> list[int]:
    """The plain reading: every page from ``first`` on, each font read afresh for each page."""
    out = []
    for index in range(first, len(reader.pages)):
        fragments, geometry = page_fragments(reader.pages[index])
        foot, head = verify_module._bands(geometry.shown[1])
        if not any(foot < f.y < head for f in fragments):
            out.append(index)
    return out


def test_pages_without_text_reads_each_font_once_and_finds_what_the_plain_reading_finds(monkeypatch):
    """OCR looks for pages without text before OCRmyPDF runs and, on the OCR'd pages only,
    after it; reading each font once and looking only at the OCR'd pages changes no answer."""
    import pypdf._cmap

    random = Random(12)
    shapes = ["typed", "hidden", "foot", "head-and-foot", "blank"]
    cases = [shapes, shapes[::-1]] + [[random.choice(shapes) for _ in range(random.randint(1, 9))] for _ in range(6)]
    parsed: list[int] = []
    real = pypdf._cmap.parse_bfrange
    monkeypatch.setattr(pypdf._cmap, "parse_bfrange", lambda *a, **k: parsed.append(1) or real(*a, **k))
    for kinds in cases:
        data = _ocr_like(kinds)
        for first in {0, len(kinds) // 2}:
            parsed.clear()
            plain = _without_text_one_page_at_a_time(PdfReader(io.BytesIO(data)), first)
            plain_reads = len(parsed)
            parsed.clear()
            assert ocr_mod.pages_without_text(PdfReader(io.BytesIO(data)), first) == plain, kinds
            assert len(parsed) <= 1 and plain_reads == len(kinds) - first  # the glyphless map read once, not per page
            assert plain == [i for i, kind in enumerate(kinds) if i >= first and kind not in ("typed", "hidden")]
            for among in ([], plain, list(range(len(kinds))), random.sample(range(len(kinds)), len(kinds) // 2)):
                wanted = [i for i in plain if i in among]
                assert ocr_mod.pages_without_text(PdfReader(io.BytesIO(data)), first, among=among) == wanted
