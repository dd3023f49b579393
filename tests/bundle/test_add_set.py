"""Late additions that take the whole set into account, keep their outline, share fonts and reach the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.bundle import DocumentSpec, add_document, build_bundle, verify_bundle
from docgen.cli_bundle import app
from docgen.errors import DocgenError
from tests.bundle.conftest import image_bytes, outline_tree, pdf_bytes, spec_of
from tests.bundle.test_split import LIMIT_MB, noisy_jpeg


def _manifest(path: Path) -> dict:
    return json.loads(PdfReader(path).attachments["manifest.json"][0])


@pytest.fixture
def split_set(tmp_path, write) -> list[Path]:
    """A crown-court-dcs set of volumes with sections A, B and C spread over them."""
    exhibits = [write(f"exhibit-{n}.jpg", noisy_jpeg(n)) for n in range(4)]
    statements = [write("statement.pdf", pdf_bytes(2))]
    more = [write(f"more-{n}.jpg", noisy_jpeg(10 + n)) for n in range(2)]
    spec = spec_of(("Exhibits", exhibits), ("Statements", statements), ("More exhibits", more), profile="crown-court-dcs")
    report = build_bundle(spec, tmp_path / "set" / "b.pdf", max_size_mb=LIMIT_MB)
    assert len(report.volumes) >= 2
    return [v.path for v in report.volumes]


def test_adding_to_a_volume_takes_the_next_letter_free_across_the_set(split_set, tmp_path, write):
    letters = {s["letter"] for p in split_set for s in _manifest(p)["sections"]}
    assert "C" in letters and "C" not in {s["letter"] for s in _manifest(split_set[0])["sections"]}
    late = write("late.pdf", pdf_bytes(1))
    report = add_document(split_set[0], DocumentSpec(file=late, title="Late statement"), out=tmp_path / "v1-late.pdf")
    assert report.section == "D" and report.span == "D1"
    numbers = [d["number"] for p in split_set for s in _manifest(p)["sections"] for d in s["documents"]]
    (entry,) = _manifest(tmp_path / "v1-late.pdf")["late_additions"]
    assert entry["number"] == max(numbers) + 1


def test_the_set_is_read_again_after_an_addition_to_another_volume(split_set, write):
    add_document(split_set[-1], DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="First late"), force=True)
    report = add_document(split_set[0], DocumentSpec(file=write("b.pdf", pdf_bytes(1)), title="Second late"), force=True)
    assert report.section == "E"


def test_a_volume_whose_set_is_incomplete_is_refused(split_set, write):
    split_set[1].unlink()
    with pytest.raises(DocgenError) as caught:
        add_document(split_set[0], DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="Late"), force=True)
    assert "b-vol2.pdf" in str(caught.value)


def test_a_late_pdf_keeps_its_own_bookmarks(sample_bundles, tmp_path, write):
    late = write("late.pdf", pdf_bytes(2, outline=["Part one", "Part two"]))
    out = tmp_path / "late.out.pdf"
    add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=late, title="Late report"), out=out)
    tree = outline_tree(PdfReader(out))
    assert tree[-1] == [("Late report (pp. 12–13)", "12"), [("Part one", "12"), ("Part two", "13")]]


def _font_files(path: Path) -> int:
    """How many embedded font programs the PDF carries."""
    reader = PdfReader(path)
    return sum(
        1
        for number in range(1, len(reader.xref_objStm) + sum(len(v) for v in reader.xref.values()) + 1)
        if _is_font_file(reader, number)
    )


def _is_font_file(reader: PdfReader, number: int) -> bool:
    try:
        obj = reader.get_object(number)
    except Exception:
        return False
    return hasattr(obj, "get") and obj.get("/Type") == "/FontDescriptor"


def test_additions_reuse_the_fonts_already_embedded(sample_bundles, tmp_path, write):
    served = sample_bundles["crown-court-dcs"]
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    add_document(served, DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="Late PDF"), out=one)
    add_document(one, DocumentSpec(file=write("b.png", image_bytes()), title="Late picture"), out=two)
    assert _font_files(two) == _font_files(served)
    late_bytes = (tmp_path / "a.pdf").stat().st_size + (tmp_path / "b.png").stat().st_size
    assert two.stat().st_size - served.stat().st_size < late_bytes + 20_000  # one font subset is about 55 KB


@pytest.mark.parametrize("profile", ["judiciary-2021", "crown-court-dcs"])
def test_reindex_lists_late_additions_and_keeps_every_served_page_number(sample_bundles, tmp_path, write, profile):
    served = PdfReader(sample_bundles[profile])
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    add_document(sample_bundles[profile], DocumentSpec(file=write("a.pdf", pdf_bytes(2)), title="Late statement"),
                 out=one)  # fmt: skip
    add_document(one, DocumentSpec(file=write("b.png", image_bytes()), title="Late photograph"), out=two, reindex=True)
    after = PdfReader(two)
    assert list(after.page_labels[: len(served.pages)]) == list(served.page_labels)
    index_text = after.pages[1].extract_text()
    assert "Late statement" in index_text and "Late photograph" in index_text
    assert index_text.count("Late addition, added after the bundle was served") == 2
    report = verify_bundle(two)
    assert report.compliant and not [f for f in report.findings if f.check in ("index", "titles")], report.to_text()
    assert _manifest(two)["index_reissued"]["lists_late_additions"] == [6, 7]


def test_without_reindex_the_served_index_is_untouched(sample_bundles, tmp_path, write):
    out = tmp_path / "late.pdf.out"
    add_document(sample_bundles["judiciary-2021"], DocumentSpec(file=write("a.pdf", pdf_bytes(1)), title="Late"), out=out)
    served, after = PdfReader(sample_bundles["judiciary-2021"]), PdfReader(out)
    assert after.pages[1].get_contents().get_data() == served.pages[1].get_contents().get_data()
    assert any(f.check == "index" and "late addition" in f.message for f in verify_bundle(out).warnings)


def test_cli_add_reindex(sample_bundles, tmp_path, write):
    late = write("late.pdf", pdf_bytes(1))
    out = tmp_path / "late-out.pdf"
    result = CliRunner().invoke(app, ["add", str(sample_bundles["crown-court-dcs"]), str(late), "--title", "Late note",
                                      "--out", str(out), "--reindex"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "as page C1 (1 page, section C)" in result.output and "index was reissued" in result.output
