"""Bad input: a clear error naming the file, and nothing left behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from docgen.bundle import build_bundle, load_spec
from docgen.cli_bundle import app
from docgen.errors import DocgenError
from tests.bundle.conftest import SAMPLE_SPEC, pdf_bytes, spec_of


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(1))))
    writer.encrypt("fictional-password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_FILES = {
    "encrypted.pdf": (encrypted_pdf, "is encrypted"),
    "zero.pdf": (lambda: b"", "is empty (0 bytes)"),
    "garbage.pdf": (lambda: b"%PDF-1.7\n" + b"\x00\x13 not really a pdf" * 20, "cannot be read as a PDF"),
    "not-a-pdf.pdf": (lambda: b"Dear Sir, this is a letter saved with the wrong name.", "is not a PDF"),
    "photo.jpg": (lambda: b"this text file pretends to be a photograph", "is not a readable image"),
    "notes.txt": (lambda: b"some notes", "unsupported file type .txt"),
    "letter.docx": (lambda: b"plain text, not a zip", "is not a Word document"),
}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_input_is_refused_with_its_name_and_no_output_is_written(tmp_path, write, name):
    make, expected = BAD_FILES[name]
    bad = write(name, make())
    out_dir = tmp_path / "out"
    with pytest.raises(DocgenError) as caught:
        build_bundle(spec_of(("Section", [bad])), out_dir / "bundle.pdf")
    (problem,) = caught.value.problems
    assert problem.file == str(bad)
    assert expected in problem.message
    assert problem.field == "sections[0].documents[0]"
    assert _leftovers(out_dir) == []


def test_a_truncated_pdf_is_refused(tmp_path, write):
    whole = pdf_bytes(3)
    bad = write("cut.pdf", whole[: len(whole) // 3])
    with pytest.raises(DocgenError) as caught:
        build_bundle(spec_of(("Section", [bad])), tmp_path / "out.pdf")
    assert caught.value.problems[0].file == str(bad)
    assert not (tmp_path / "out.pdf").exists()


def test_a_missing_file_is_named_with_where_the_spec_lists_it(tmp_path):
    missing = tmp_path / "evidence" / "not-there.pdf"
    with pytest.raises(DocgenError) as caught:
        build_bundle(spec_of(("Section", [missing])), tmp_path / "out.pdf")
    assert str(caught.value) == f"{missing}: sections[0].documents[0]: not found"


def test_every_bad_input_is_reported_at_once(tmp_path, write):
    good = write("good.pdf", pdf_bytes(1))
    zero = write("zero.pdf", b"")
    text = write("notes.txt", b"x")
    with pytest.raises(DocgenError) as caught:
        build_bundle(spec_of(("A", [good, zero]), ("B", [text])), tmp_path / "out.pdf")
    assert [(p.file, p.field) for p in caught.value.problems] == [
        (str(zero), "sections[0].documents[1]"),
        (str(text), "sections[1].documents[0]"),
    ]


def test_an_existing_output_is_not_replaced_without_force(tmp_path, write):
    source = write("a.pdf", pdf_bytes(1))
    out = write("bundle.pdf", b"served copy")
    with pytest.raises(DocgenError, match="already exists"):
        build_bundle(spec_of(("A", [source])), out)
    assert out.read_bytes() == b"served copy"
    build_bundle(spec_of(("A", [source])), out, force=True)
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_prints_the_problem_without_a_traceback_and_exits_2(tmp_path, write):
    write("evidence/zero.pdf", b"")
    spec = write(
        "spec.yaml",
        b"title: T\ncase: R v Fictional\nsections:\n  - title: S\n    documents:\n"
        b"      - file: evidence/zero.pdf\n        title: Empty\n",
    )
    result = CliRunner().invoke(app, ["build", str(spec), "--out", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2
    assert "zero.pdf: sections[0].documents[0]: is empty (0 bytes)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_a_spec_with_a_misspelt_field_names_the_field(write):
    spec = write(
        "spec.yaml",
        b"title: T\ncase: R v Fictional\nsections:\n  - title: S\n    documents:\n"
        b"      - file: a.pdf\n        titel: Typo\n",
    )
    with pytest.raises(DocgenError) as caught:
        load_spec(spec)
    fields = {p.field: p.message for p in caught.value.problems}
    assert "unknown field" in fields["sections[0].documents[0].titel"]
    assert fields["sections[0].documents[0].title"] == "Field required"


def test_a_spec_with_an_unknown_profile_lists_the_known_ones(write):
    spec = write("spec.yaml", b"title: T\ncase: C\nprofile: magistrates\nsections:\n  - title: S\n    documents:\n"
                              b"      - {file: a.pdf, title: A}\n")  # fmt: skip
    with pytest.raises(DocgenError) as caught:
        load_spec(spec)
    (problem,) = caught.value.problems
    assert problem.field == "profile"
    assert "crown-court-dcs" in problem.message and "judiciary-2021" in problem.message


def test_a_spec_with_an_impossible_date_names_the_field(write):
    spec = write("spec.yaml", b"title: T\ncase: C\nhearing_date: 2025-02-30\nsections:\n  - title: S\n"
                              b"    documents:\n      - {file: a.pdf, title: A}\n")  # fmt: skip
    with pytest.raises(DocgenError) as caught:
        load_spec(spec)
    assert caught.value.problems[0].field == "hearing_date"


def test_paths_in_a_spec_are_relative_to_the_spec_file():
    spec = load_spec(SAMPLE_SPEC)
    first = spec.documents()[0].file
    assert first == SAMPLE_SPEC.parent / "evidence" / "scpo-application.pdf"
    assert first.is_file()
