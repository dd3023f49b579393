"""verify: passes our bundles, and names what is wrong with broken ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject
from typer.testing import CliRunner

from docgen.bundle import verify_bundle
from docgen.cli_bundle import app
from docgen.errors import DocgenError
from tests.bundle.conftest import pdf_bytes

WITNESS_FIRST = 6  # 0-based page index of the witness statement in the sample bundle


def broken(source: Path, folder: Path, change: Callable[[PdfWriter], None]) -> Path:
    """A copy of ``source`` with ``change`` applied, as another tool might leave it."""
    writer = PdfWriter(clone_from=PdfReader(source))
    change(writer)
    out = folder / f"broken-{source.name}"
    writer.write(out)
    return out


def checks(report) -> set[tuple[str, str]]:
    return {(f.check, f.severity) for f in report.findings}


@pytest.mark.parametrize("profile", ["judiciary-2021", "crown-court-dcs"])
def test_our_bundles_pass(sample_bundles, profile):
    report = verify_bundle(sample_bundles[profile])
    assert report.compliant, report.to_text()
    assert report.errors == []
    assert report.checked["index_entries"] == 8  # 2 sections, 5 documents, the manifest


def test_pages_without_a_text_layer_are_listed_as_warnings(sample_bundles):
    report = verify_bundle(sample_bundles["judiciary-2021"])
    pictures = [f.pages for f in report.warnings if f.check == "text-layer"]
    assert pictures == [(6, 6), (9, 9)]  # the scanned form and the photograph


def test_strict_mode_counts_warnings_against_compliance(sample_bundles):
    assert not verify_bundle(sample_bundles["judiciary-2021"], strict=True).compliant


def test_page_labels_that_disagree_with_the_stamps_fail(sample_bundles, tmp_path):
    def shift(writer: PdfWriter) -> None:
        entry = DictionaryObject({NameObject("/S"): NameObject("/D"), NameObject("/St"): NumberObject(2)})
        writer.root_object[NameObject("/PageLabels")] = DictionaryObject(
            {NameObject("/Nums"): ArrayObject([NumberObject(0), entry])}
        )

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, shift))
    assert not report.compliant
    labels = [f for f in report.errors if f.check == "labels"]
    assert labels and "shows '1' but its page label is '2'" in labels[0].message


def test_an_index_link_to_the_wrong_page_fails_naming_the_entry(sample_bundles, tmp_path):
    def retarget(writer: PdfWriter) -> None:
        ids = {p.indirect_reference.idnum: i for i, p in enumerate(writer.pages)}
        for annot in writer.pages[1]["/Annots"]:
            dest = annot.get_object()["/Dest"]
            if ids[dest[0].idnum] == WITNESS_FIRST:
                dest[0] = writer.pages[WITNESS_FIRST + 1].indirect_reference

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, retarget))
    index = [f for f in report.errors if f.check == "index"]
    assert any("Witness statement of PC 0000 Jo SPECIMEN" in f.message and "names page 7 but its link opens page 8"
               in f.message for f in index), report.to_text()  # fmt: skip


def _unlink(writer: PdfWriter, prefix: str) -> None:
    """Take the first bookmark whose title starts with ``prefix`` out of the outline."""

    def walk(node: DictionaryObject) -> bool:
        child = node.get("/First")
        while child is not None:
            item = child.get_object()
            if not str(item.get("/Title", "")).startswith(prefix):
                if walk(item):
                    return True
                child = item.get("/Next")
                continue
            before = item.raw_get("/Prev") if "/Prev" in item else None
            after = item.raw_get("/Next") if "/Next" in item else None
            for neighbour, link, end in ((before, "/Next", "/First"), (after, "/Prev", "/Last")):
                other = after if link == "/Next" else before
                if neighbour is None:
                    if other is None:
                        del node[end]
                    else:
                        node[NameObject(end)] = other
                elif other is None:
                    del neighbour.get_object()[link]
                else:
                    neighbour.get_object()[NameObject(link)] = other
            return True
        return False

    assert walk(writer.root_object["/Outlines"])


def test_a_document_without_a_bookmark_fails(sample_bundles, tmp_path):
    report = verify_bundle(
        broken(sample_bundles["judiciary-2021"], tmp_path, lambda w: _unlink(w, "Photograph of the handset"))
    )
    assert ("bookmarks", "error") in checks(report)
    assert any("'Photograph of the handset' has no bookmark" in f.message for f in report.errors)


def test_a_page_turned_upside_down_fails_on_orientation(sample_bundles, tmp_path):
    def flip(writer: PdfWriter) -> None:
        writer.pages[WITNESS_FIRST][NameObject("/Rotate")] = NumberObject(180)

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, flip))
    orientation = [f for f in report.errors if f.check == "orientation"]
    assert orientation and orientation[0].pages == (WITNESS_FIRST + 1, WITNESS_FIRST + 1)


def test_a_bundle_over_the_size_limit_fails(sample_bundles):
    report = verify_bundle(sample_bundles["judiciary-2021"], max_size_mb=0.01)
    (size,) = [f for f in report.errors if f.check == "size"]
    assert "over the 0.01 MB limit" in size.message


def test_a_plain_pdf_is_not_a_compliant_bundle(write):
    plain = write("plain.pdf", pdf_bytes(3))
    report = verify_bundle(plain)
    assert not report.built_by_docgen
    assert {("labels", "error"), ("bookmarks", "error"), ("index", "error")} <= checks(report)
    (labels,) = [f for f in report.errors if f.check == "labels"]
    assert labels.pages == (1, 3)  # one finding for the run of pages, not three


def test_verify_refuses_a_file_that_is_not_a_pdf(write):
    with pytest.raises(DocgenError, match="is not a PDF"):
        verify_bundle(write("notes.pdf", b"just text"))


def test_cli_exits_0_for_a_compliant_bundle_and_1_for_a_broken_one(sample_bundles, tmp_path):
    runner = CliRunner()
    good = runner.invoke(app, ["verify", str(sample_bundles["crown-court-dcs"])])
    assert good.exit_code == 0, good.output
    assert "Result: compliant" in good.output
    bad_file = broken(sample_bundles["judiciary-2021"], tmp_path, lambda w: _unlink(w, "Association chart"))
    bad = runner.invoke(app, ["verify", str(bad_file)])
    assert bad.exit_code == 1
    assert "ERROR" in bad.output and "'Association chart' has no bookmark" in bad.output


def test_cli_json_report_lists_each_finding_with_its_check_and_page(sample_bundles):
    result = CliRunner().invoke(app, ["verify", str(sample_bundles["crown-court-dcs"]), "--format", "json"])
    data = json.loads(result.output)
    assert data["compliant"] is True and data["built_by_docgen"] is True
    assert data["profile"] == "crown-court-dcs"
    warning = data["findings"][0]
    assert warning["check"] == "text-layer" and warning["where"] == "page 6 [A4]"


def test_cli_exits_2_for_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["verify", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 2
    assert "nope.pdf: not found" in result.output


def test_a_landscape_page_turned_to_portrait_keeps_its_text_layer(write, build, tmp_path):
    """Lines that start in the foot band and run up a turned page are body text, not none."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from tests.bundle.conftest import spec_of

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=1)
    canvas.setFont("Helvetica", 10)
    for line in range(20):
        canvas.drawString(40, 540 - line * 17, f"Fictional landscape statement, line {line + 1}: the example reads on.")
    canvas.showPage()
    canvas.save()
    source = write("wide.pdf", buffer.getvalue())
    build(spec_of(("Wide pages", [source]), profile="crown-court-dcs"), name="turned.pdf")
    report = verify_bundle(tmp_path / "out" / "turned.pdf")
    assert PdfReader(tmp_path / "out" / "turned.pdf").pages[2].rotation == 270
    assert [f for f in report.findings if f.check == "text-layer"] == [], report.to_text()


def test_reading_each_font_once_finds_the_same_text(sample_bundles):
    """Sharing fonts between pages is only a saving: every fragment comes out the same."""
    from pypdf.generic._font import Font

    from docgen.bundle.pdftext import page_fragments, shared_fonts

    reader = PdfReader(sample_bundles["crown-court-dcs"])
    alone = [page_fragments(page) for page in reader.pages]
    calls = []
    with shared_fonts():
        real = Font.from_font_resource
        shared = [page_fragments(page) for page in PdfReader(sample_bundles["crown-court-dcs"]).pages]
        font = reader.pages[0]["/Resources"]["/Font"].values()
        for ref in font:
            calls.append(real(ref.get_object()) is real(ref.get_object()))
    assert shared == alone
    assert calls and all(calls)  # within the block one font dictionary gives one Font
    first = next(iter(reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    assert Font.from_font_resource(first) is not Font.from_font_resource(first)  # outside it, pypdf as ever
