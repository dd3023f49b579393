"""Building a bundle: what a judge sees when the PDF opens."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.bundle import load_spec
from docgen.bundle.pdftext import page_fragments
from tests.bundle.conftest import (
    SAMPLE_SPEC,
    foot_text,
    image_bytes,
    outline_tree,
    pdf_bytes,
    reshaped,
    spec_of,
)
from tests.conftest import external_tool


def test_every_page_is_stamped_at_the_foot_with_its_own_page_label(sample_bundles):
    for path in sample_bundles.values():
        reader = PdfReader(path)
        for index, label in enumerate(reader.page_labels):
            assert label in [f.text for f in foot_text(reader, index)], (path.name, index)


def test_continuous_profile_numbers_pages_as_the_pdf_viewer_does(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    assert reader.page_labels == [str(n) for n in range(1, len(reader.pages) + 1)]


def test_dcs_profile_prefixes_page_numbers_with_the_section_letter(sample_bundles):
    labels = PdfReader(sample_bundles["crown-court-dcs"]).page_labels
    assert labels[:2] == ["i", "ii"]
    assert labels[2:6] == ["A1", "A2", "A3", "A4"]
    assert labels[6:10] == ["B1", "B2", "B3", "B4"]
    assert labels[10:] == ["iii"]


def test_every_index_entry_links_to_the_first_page_of_its_document(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    manifest = json.loads(reader.attachments["manifest.json"][0])
    firsts = {d["first_index"] for s in manifest["sections"] for d in s["documents"]}
    page_ids = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    targets = set()
    for annot in reader.pages[1]["/Annots"]:
        dest = annot.get_object()["/Dest"]
        targets.add(page_ids[dest[0].idnum])
        assert dest[1] == "/XYZ" and float(dest[4]) == 1.0  # opens at 100%
    assert firsts <= targets


def test_bookmarks_cover_every_section_and_document_with_page_numbers(sample_bundles):
    tree = outline_tree(PdfReader(sample_bundles["judiciary-2021"]))
    titles = [entry[0] for entry in tree if isinstance(entry, tuple)]
    assert "A. The order and its service (pp. 3–6)" in titles
    assert "B. Evidence of the breach (pp. 7–10)" in titles
    section_a_docs = [entry[0] for entry in tree[2] if isinstance(entry, tuple)]
    assert section_a_docs == ["Draft SCPO application (pp. 3–5)", "Signed acknowledgement of terms (scan) (p. 6)"]


def test_bookmarks_open_at_one_hundred_percent_zoom(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])

    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item

    for item in walk(reader.outline):
        assert item.typ == "/XYZ" and float(item["/Zoom"]) == 1.0, item.title


def test_a_source_pdfs_own_bookmarks_sit_under_its_document_bookmark(sample_bundles):
    tree = outline_tree(PdfReader(sample_bundles["judiciary-2021"]))
    application_children = tree[2][1]
    assert application_children == [
        ("Part 1: The subject", "3"),
        ("Part 2: Why an order would protect the public", "4"),
        ("Part 3: Proposed terms", "5"),
    ]


def test_source_text_stays_searchable(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    assert "Part 2: Why an order would protect the public" in reader.pages[3].extract_text()


def test_front_sheet_index_and_manifest_fit_on_as_many_pages_as_they_need(write, build):
    paths = [write(f"doc{n:03d}.pdf", pdf_bytes(2, text=f"Doc {n}")) for n in range(60)]
    reader = build(spec_of(("Statements", paths)))
    labels = reader.page_labels
    manifest = json.loads(reader.attachments["manifest.json"][0])
    front = manifest["front_matter"]["pages"]
    assert front >= 3  # front sheet plus an index of more than one page
    first_doc = manifest["sections"][0]["documents"][0]
    assert first_doc["first_index"] == front and first_doc["first_page"] == labels[front]
    assert "Doc 0 1" in reader.pages[front].extract_text()
    assert manifest["manifest_pages"]["pages"] >= 2


def test_landscape_pages_stay_landscape_under_the_judiciary_profile(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    chart = reader.pages[9]
    assert float(chart.mediabox.width) > float(chart.mediabox.height)
    assert chart.rotation == 0


def test_landscape_pages_are_turned_to_portrait_never_upside_down_under_dcs(sample_bundles):
    reader = PdfReader(sample_bundles["crown-court-dcs"])
    chart = reader.pages[9]
    assert chart.rotation == 270
    fragments, _ = page_fragments(chart)
    stamp = [f for f in fragments if f.text == "B4"]
    assert stamp and stamp[0].upright and stamp[0].y < 36


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
@pytest.mark.parametrize("origin", [(0, 0), (-200, 150)])
def test_stamps_sit_upright_at_the_foot_whatever_the_page_rotation_or_box(write, build, rotate, origin):
    source = write("odd.pdf", reshaped(pdf_bytes(1, size=(400, 600)), rotate=rotate, origin=origin))
    reader = build(spec_of(("Odd pages", [source])))
    fragments, geometry = page_fragments(reader.pages[2])
    stamp = [f for f in fragments if f.text == "3"]
    assert stamp, [f.text for f in fragments]
    shown_w, _ = geometry.shown
    assert stamp[0].upright
    assert stamp[0].y < 36 and stamp[0].x > shown_w / 2  # bottom right, as displayed


def test_pictures_become_one_a4_page_with_the_marking(write, build):
    wide = write("wide.png", image_bytes((900, 400)))
    tall = write("tall.jpg", image_bytes((300, 900), "JPEG"))
    reader = build(spec_of(("Pictures", [wide, tall])))
    wide_page, tall_page = reader.pages[2], reader.pages[3]
    assert round(float(wide_page.mediabox.width)) == 842 and round(float(wide_page.mediabox.height)) == 595
    assert round(float(tall_page.mediabox.width)) == 595 and round(float(tall_page.mediabox.height)) == 842
    assert "OFFICIAL-SENSITIVE" in tall_page.extract_text()


def test_a_photo_taken_sideways_is_turned_upright_by_its_camera_orientation(write, build):
    # stored 400 wide x 300 high, but the camera says "rotate 90": upright it is portrait
    photo = write("phone.jpg", image_bytes((400, 300), "JPEG", exif_orientation=6))
    reader = build(spec_of(("Pictures", [photo])))
    page = reader.pages[2]
    assert float(page.mediabox.height) > float(page.mediabox.width)


def test_every_added_page_carries_the_protective_marking(write, build):
    source = write("a.pdf", pdf_bytes(1))
    reader = build(spec_of(("Only", [source]), marking="OFFICIAL"))
    for index in (0, 1, len(reader.pages) - 1):  # front sheet, index, manifest
        texts = [f.text for f in page_fragments(reader.pages[index])[0]]
        assert texts.count("OFFICIAL") == 2, index  # top and foot


def test_manifest_page_and_embedded_json_list_each_file_with_its_sha256(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    manifest = json.loads(reader.attachments["manifest.json"][0])
    docs = [d for s in manifest["sections"] for d in s["documents"]]
    spec = load_spec(SAMPLE_SPEC)
    for doc, entry in zip(spec.documents(), docs):
        assert entry["file"] == doc.file.name
        assert entry["sha256"] == hashlib.sha256(doc.file.read_bytes()).hexdigest()
    assert [d["first_page"] + "-" + d["last_page"] for d in docs] == ["3-5", "6-6", "7-8", "9-9", "10-10"]
    last_page = reader.pages[-1].extract_text()
    assert "Integrity manifest" in last_page
    assert docs[0]["sha256"] in last_page


def test_source_files_are_never_modified(write, build):
    source = write("statement.pdf", pdf_bytes(3))
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    build(spec_of(("Only", [source])))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_the_same_inputs_give_a_byte_identical_bundle(tmp_path):
    spec = load_spec(SAMPLE_SPEC)
    from docgen.bundle import build_bundle

    build_bundle(spec, tmp_path / "one.pdf")
    build_bundle(spec, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_the_bundle_is_identical_across_processes_and_hash_seeds(tmp_path):
    script = (
        "import sys; from docgen.bundle import build_bundle, load_spec; "
        "build_bundle(load_spec(sys.argv[1]), sys.argv[2])"
    )
    for seed in ("1", "2"):
        subprocess.run(
            [__import__("sys").executable, "-c", script, str(SAMPLE_SPEC), str(tmp_path / f"{seed}.pdf")],
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()


@pytest.mark.external
def test_qpdf_finds_no_errors_in_a_built_bundle(sample_bundles):
    qpdf = external_tool("qpdf")
    for path in sample_bundles.values():
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_bundle_opens_with_bookmarks_panel_showing(sample_bundles):
    reader = PdfReader(sample_bundles["judiciary-2021"])
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_build_report_lists_each_document_with_its_page_range(tmp_path):
    from docgen.bundle import build_bundle

    report = build_bundle(load_spec(SAMPLE_SPEC), tmp_path / "b.pdf")
    (volume,) = report.volumes
    assert volume.pages == 11
    assert [(d.first_page, d.last_page) for d in volume.documents] == [
        ("3", "5"), ("6", "6"), ("7", "8"), ("9", "9"), ("10", "10")
    ]  # fmt: skip
    assert volume.size == Path(tmp_path / "b.pdf").stat().st_size


def test_a_page_from_an_earlier_bundle_gets_its_new_number_above_the_old_one(sample_bundles, build):
    reader = build(spec_of(("Earlier bundle", [sample_bundles["judiciary-2021"]])))
    page = 2 + 6  # the earlier bundle's page 7, a stamped source page
    stamps = {f.text: f for f in foot_text(reader, page) if f.text in ("7", reader.page_labels[page])}
    old, new = stamps["7"], stamps[reader.page_labels[page]]
    assert new.y > old.y + 10 and new.upright


def test_long_section_titles_and_descriptions_stay_inside_the_index(write, build, tmp_path):
    source = write("a.pdf", pdf_bytes(1))
    long_title = "Evidence gathered during the fictional operation " * 4
    spec = spec_of((long_title, [source]))
    long_doc = spec.sections[0].documents[0].model_copy(update={"description": "A long description. " * 80})
    spec = spec.model_copy(update={"sections": [spec.sections[0].model_copy(update={"documents": [long_doc]})]})
    reader = build(spec)
    from docgen.bundle import verify_bundle

    report = verify_bundle(tmp_path / "out" / "bundle.pdf")
    assert report.compliant, report.to_text()
    lowest = min(f.y for f in page_fragments(reader.pages[1])[0] if f.text != "OFFICIAL-SENSITIVE" and f.text != "2")
    assert lowest > 50  # nothing runs into the page furniture
    assert "\u2026" in reader.pages[1].extract_text()


def test_dates_in_the_index_follow_the_spec_locale(write, build):
    source = write("a.pdf", pdf_bytes(1))
    reader = build(spec_of(("Dogfennau", [source]), locale="cy_GB"))
    assert "2 Ion 2025" in reader.pages[1].extract_text()
