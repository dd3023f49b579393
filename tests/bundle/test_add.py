"""Late additions: new pages after the last, nothing already served renumbered."""

from __future__ import annotations

import json
import subprocess

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.bundle import DocumentSpec, add_document, verify_bundle
from docgen.cli_bundle import app
from docgen.errors import DocgenError
from tests.bundle.conftest import foot_text, image_bytes, outline_tree, pdf_bytes
from tests.conftest import external_tool


def _contents(reader: PdfReader) -> list[bytes]:
    return [page.get_contents().get_data() if page.get_contents() else b"" for page in reader.pages]


def test_added_pages_follow_the_last_page_and_continue_the_numbering(sample_bundles, tmp_path, write):
    late = write("late.pdf", pdf_bytes(2, text="Late page"))
    out = tmp_path / "with-late.pdf"
    report = add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=late, title="Late statement"), out=out)
    assert (report.first_page, report.last_page, report.pages) == ("12", "13", 2)
    reader = PdfReader(out)
    assert reader.page_labels[-3:] == ["11", "12", "13"]
    assert "Late page 1" in reader.pages[11].extract_text()
    assert "13" in [f.text for f in foot_text(reader, 12)]


def test_pages_already_served_keep_their_numbers_and_content(sample_bundles, tmp_path, write):
    served = PdfReader(sample_bundles["crown-court-dcs"])
    late = write("late.pdf", pdf_bytes(1))
    out = tmp_path / "with-late.pdf"
    add_document(sample_bundles["crown-court-dcs"], DocumentSpec(file=late, title="Late statement"), out=out)
    after = PdfReader(out)
    count = len(served.pages)
    assert after.page_labels[:count] == served.page_labels
    assert _contents(after)[:count] == _contents(served)


def test_under_dcs_a_late_addition_opens_a_new_lettered_section(sample_bundles, tmp_path, write):
    late = write("late.pdf", pdf_bytes(2))
    out = tmp_path / "late.pdf.out.pdf"
    report = add_document(sample_bundles["crown-court-dcs"], DocumentSpec(file=late, title="Late statement"), out=out)
    assert report.span == "C1–C2"
    tree = outline_tree(PdfReader(out))
    assert tree[-2] == ("C. Late additions (pp. C1–C2)", "C1")
    assert tree[-1] == [("Late statement (pp. C1–C2)", "C1")]


def test_a_second_addition_continues_the_same_late_section(sample_bundles, tmp_path, write):
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    add_document(sample_bundles["crown-court-dcs"], DocumentSpec(file=write("a.pdf", pdf_bytes(2)), title="First"),
                 out=first)  # fmt: skip
    report = add_document(first, DocumentSpec(file=write("b.png", image_bytes()), title="Second"), out=second)
    assert report.span == "C3"
    reader = PdfReader(second)
    tree = outline_tree(reader)
    assert tree[-2] == ("C. Late additions (pp. C1–C3)", "C1")
    assert [t for t, _ in tree[-1]] == ["First (pp. C1–C2)", "Second (p. C3)"]
    manifest = json.loads(reader.attachments["manifest.json"][0])
    assert [d["title"] for d in manifest["late_additions"]] == ["First", "Second"]
    assert manifest["late_additions"][1]["first_page"] == "C3"


def test_a_bundle_with_late_additions_still_verifies(sample_bundles, tmp_path, write):
    out = tmp_path / "late.pdf"
    add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="Late"), out=out)
    report = verify_bundle(out)
    assert report.compliant, report.to_text()
    assert any("late addition 'Late' is not in the index" in f.message for f in report.warnings)


def test_replacing_the_bundle_itself_needs_force(sample_bundles, tmp_path, write):
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(sample_bundles["judiciary-2021"].read_bytes())
    late = write("a.pdf", pdf_bytes(1))
    with pytest.raises(DocgenError, match="already exists"):
        add_document(bundle, DocumentSpec(file=late, title="Late"))
    assert bundle.read_bytes() == sample_bundles["judiciary-2021"].read_bytes()
    add_document(bundle, DocumentSpec(file=late, title="Late"), force=True)
    assert len(PdfReader(bundle).pages) == 12


def test_a_pdf_not_built_by_docgen_cannot_be_extended(tmp_path, write):
    plain = write("plain.pdf", pdf_bytes(2))
    with pytest.raises(DocgenError, match="was not built by docgen"):
        add_document(plain, DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="Late"), out=tmp_path / "o.pdf")
    assert not (tmp_path / "o.pdf").exists()


def test_a_bad_late_document_is_refused_and_nothing_is_written(sample_bundles, tmp_path, write):
    with pytest.raises(DocgenError, match="is empty"):
        add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=write("zero.pdf", b""), title="Late"),
                     out=tmp_path / "o.pdf")  # fmt: skip
    assert not (tmp_path / "o.pdf").exists()


def test_cli_add_reports_the_new_pages(sample_bundles, tmp_path, write):
    late = write("late.pdf", pdf_bytes(3))
    out = tmp_path / "o.pdf"
    result = CliRunner().invoke(
        app,
        ["add", str(sample_bundles["judiciary-2021"]), str(late), "--title", "Further statement",
         "--date", "2025-03-01", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "as pages 12–14 (3 pages" in result.output


def test_cli_add_rejects_a_date_that_is_not_a_date(sample_bundles, write, tmp_path):
    result = CliRunner().invoke(
        app, ["add", str(sample_bundles["judiciary-2021"]), str(write("a.pdf", pdf_bytes(1))), "--title", "T",
              "--date", "1 March", "--out", str(tmp_path / "o.pdf")]
    )  # fmt: skip
    assert result.exit_code == 2
    assert "'--date': '1 March' is not a date in the form YYYY-MM-DD" in result.output


@pytest.mark.external
def test_qpdf_finds_no_errors_after_two_additions(sample_bundles, tmp_path, write):
    qpdf = external_tool("qpdf")
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    add_document(sample_bundles["crown-court-dcs"], DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="A"), out=one)
    add_document(one, DocumentSpec(file=write("b.pdf", pdf_bytes(1)), title="B"), out=two)
    result = subprocess.run([qpdf, "--check", str(two)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
