"""`docgen pack application`: one folder and one bookmarked PDF, or nothing at all."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from docgen.cli_pack import app
from tests.conftest import dump_yaml, load_yaml
from tests.documents.conftest import sample_data, sample_path

RUNNER = CliRunner()
FOLDER = "WYP-SCPO-0001-application-pack"


def before_the_order(case) -> list[str]:
    """``--date`` the day before the sample's order was made: an application comes before it."""
    made_on = load_yaml(Path(case).read_text(encoding="utf-8"))["order"].get("made_on")
    return ["--date", (made_on - dt.timedelta(days=1)).isoformat()] if made_on else []


def run(*args: str):
    dated = [] if "--date" in args else before_the_order(args[0])
    return RUNNER.invoke(app, ["application", *map(str, args), *dated])


def edited_case(tmp_path, data):
    """A copy of the drugs sample, edited, beside a copy of its house style."""
    (tmp_path / "cases").mkdir()
    shutil.copytree(sample_path("specimen-drugs").parent.parent / "house-style", tmp_path / "house-style")
    path = tmp_path / "cases" / "case.yaml"
    path.write_text(dump_yaml(data, allow_unicode=True), encoding="utf-8")
    return path


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline if not isinstance(item, list)]


def test_it_writes_each_document_as_word_and_pdf_in_one_folder_and_one_combined_pdf(tmp_path):
    result = run(sample_path("specimen-drugs"), "--out", tmp_path)
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert names == [
        f"{FOLDER}.pdf",
        *sorted(
            f"{FOLDER}/WYP-SCPO-0001-{kind}.{fmt}"
            for kind in ("cps-covering-note", "scpo-application", "draft-order")
            for fmt in ("docx", "pdf")
        ),
    ]
    assert len(result.output.splitlines()) == 7


def test_the_combined_pdf_has_one_bookmark_per_document_in_reading_order(tmp_path):
    run(sample_path("specimen-drugs"), "--out", tmp_path)
    reader = PdfReader(tmp_path / f"{FOLDER}.pdf")
    top = outline(reader)
    assert [title for title, _ in top] == [
        "Covering note: proposed Serious Crime Prevention Order",
        "Application for a Serious Crime Prevention Order",
        "Draft Serious Crime Prevention Order",
    ]
    parts = [PdfReader(tmp_path / FOLDER / f"WYP-SCPO-0001-{k}.pdf") for k in ("cps-covering-note", "scpo-application")]
    assert [page for _, page in top] == [0, len(parts[0].pages), len(parts[0].pages) + len(parts[1].pages)]
    assert len(reader.pages) == sum(len(PdfReader(p).pages) for p in (tmp_path / FOLDER).glob("*.pdf"))


def test_each_documents_own_bookmarks_sit_beneath_its_entry(tmp_path):
    run(sample_path("specimen-drugs"), "--out", tmp_path)
    reader = PdfReader(tmp_path / f"{FOLDER}.pdf")
    nested = str(reader.outline[3])
    assert "7. Schedule of proposed terms" in nested
    assert "Schedule 3: Definitions" in str(reader.outline[5])


def test_the_combined_pdf_keeps_the_title_author_and_language(tmp_path):
    run(sample_path("specimen-drugs"), "--out", tmp_path)
    reader = PdfReader(tmp_path / f"{FOLDER}.pdf")
    assert reader.metadata.title == "Application pack: Jordan Testcase SPECIMEN (WYP-SCPO-0001)"
    assert reader.metadata.author == "West Yorkshire Police"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_same_case_gives_a_byte_identical_pack(tmp_path):
    run(sample_path("specimen-drugs"), "--out", tmp_path / "a")
    run(sample_path("specimen-drugs"), "--out", tmp_path / "b")
    for path in (tmp_path / "a").rglob("*.*"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path.name


def test_a_refused_application_writes_nothing_and_exits_2(tmp_path):
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    out = tmp_path / "out"
    result = run(edited_case(tmp_path, data), "--out", out)
    assert result.exit_code == 2
    assert "order.authorising_prosecutor" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_draft_pack_is_written_with_every_page_marked(tmp_path):
    data = sample_data("specimen-drugs")
    del data["order"]["authorising_prosecutor"]
    result = run(edited_case(tmp_path, data), "--out", tmp_path / "out", "--draft")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / f"{FOLDER}.pdf")
    assert all("DRAFT" in page.extract_text() for page in reader.pages)


def test_an_existing_pack_is_never_overwritten_without_force(tmp_path):
    run(sample_path("specimen-drugs"), "--out", tmp_path)
    before = (tmp_path / f"{FOLDER}.pdf").read_bytes()
    again = run(sample_path("specimen-drugs"), "--out", tmp_path, "--date", "2024-06-12")
    assert again.exit_code == 2 and "already exists" in again.output
    assert (tmp_path / f"{FOLDER}.pdf").read_bytes() == before
    forced = run(sample_path("specimen-drugs"), "--out", tmp_path, "--date", "2024-06-12", "--force")
    assert forced.exit_code == 0
    assert (tmp_path / f"{FOLDER}.pdf").read_bytes() != before


def test_a_bad_date_is_reported_by_option(tmp_path):
    result = run(sample_path("specimen-drugs"), "--out", tmp_path, "--date", "1 December")
    assert result.exit_code == 2
    assert "--date" in result.output and "YYYY-MM-DD" in result.output


def test_the_language_can_be_chosen_for_a_subject_who_prefers_welsh(tmp_path):
    result = run(sample_path("ffug-wales"), "--out", tmp_path, "--lang", "en")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "NWP-SCPO-0004-application-pack.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "Gorffennaf" not in "".join(page.extract_text() for page in reader.pages)


def test_an_unknown_language_is_refused_by_option(tmp_path):
    result = run(sample_path("specimen-drugs"), "--out", tmp_path, "--lang", "fr")
    assert result.exit_code == 2 and "--lang" in result.output
    assert not any(tmp_path.iterdir())
