"""verify sees what a reader sees: a stamp nobody can see, a retitled bookmark, a changed manifest."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject

from docgen.bundle import verify_bundle
from docgen.bundle.manifest import NAME
from tests.bundle.test_verify import WITNESS_FIRST, broken

STAMP = re.compile(rb"BT 0 g (\S+) (\S+) Td (/\S+) (\S+) Tf")


def _restamp(writer: PdfWriter, index: int, change) -> None:
    """Rewrite the page number form of page ``index`` with ``change(x, y, font, size) -> bytes``."""
    form = writer.pages[index]["/Resources"]["/XObject"]["/DocgenStamp"].get_object()
    data = form.get_data()
    match = STAMP.search(data)
    assert match, data
    form.set_data(data[: match.start()] + change(*match.groups()) + data[match.end() :])


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda x, y, f, s: b"BT 0 g " + x + b" -40 Td " + f + b" " + s + b" Tf", "outside the page"),
        (lambda x, y, f, s: b"BT 1 g " + x + b" " + y + b" Td " + f + b" " + s + b" Tf", "barely differs from the page"),
        (lambda x, y, f, s: b"BT 0.95 0.95 0.95 rg " + x + b" " + y + b" Td " + f + b" " + s + b" Tf", "contrast"),
        (lambda x, y, f, s: b"BT 0 g " + x + b" " + y + b" Td " + f + b" 0.5 Tf", "0.5 pt, under the 6 pt"),
        (lambda x, y, f, s: b"BT 0 g 3 Tr " + x + b" " + y + b" Td " + f + b" " + s + b" Tf", "invisible"),
    ],
    ids=["off-page", "white", "pale", "tiny", "invisible"],
)
def test_a_page_number_a_reader_cannot_see_does_not_count(sample_bundles, tmp_path, damage, reason):
    path = broken(sample_bundles["judiciary-2021"], tmp_path, lambda w: _restamp(w, WITNESS_FIRST, damage))
    report = verify_bundle(path)
    labels = [f for f in report.errors if f.check == "labels"]
    assert labels and labels[0].pages == (WITNESS_FIRST + 1, WITNESS_FIRST + 1), report.to_text()
    assert "cannot be seen" in labels[0].message and reason in labels[0].message
    assert not report.compliant


def test_an_untouched_stamp_still_counts(sample_bundles, tmp_path):
    path = broken(sample_bundles["judiciary-2021"], tmp_path, lambda w: _restamp(w, WITNESS_FIRST, lambda x, y, f, s: b"BT 0 g " + x + b" " + y + b" Td " + f + b" " + s + b" Tf"))
    assert verify_bundle(path).compliant


def _retitle(writer: PdfWriter, old: str, new: str) -> None:
    node = writer.root_object["/Outlines"]["/First"]
    stack = [node]
    while stack:
        item = stack.pop().get_object()
        if str(item.get("/Title", "")).startswith(old):
            item[NameObject("/Title")] = TextStringObject(new + str(item["/Title"])[len(old) :])
            return
        stack += [item[k] for k in ("/First", "/Next") if k in item]
    raise AssertionError(f"no bookmark {old!r}")


@pytest.mark.parametrize("profile", ["judiciary-2021", "crown-court-dcs"])
def test_a_retitled_bookmark_no_longer_matches_the_index(sample_bundles, tmp_path, profile):
    change = lambda w: _retitle(w, "Photograph of the handset", "Photograph of the charger")  # noqa: E731
    report = verify_bundle(broken(sample_bundles[profile], tmp_path, change))
    titles = [f for f in report.errors if f.check == "titles"]
    assert len(titles) == 1, report.to_text()
    assert "'Photograph of the handset'" in titles[0].message and "charger" in titles[0].message


def _manifest_stream(writer: PdfWriter):
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    index = [str(n) for n in names[::2]].index(NAME)
    return names[2 * index + 1].get_object()["/EF"]["/F"].get_object()


def test_a_manifest_changed_after_building_fails_its_checksum(sample_bundles, tmp_path):
    def tamper(writer: PdfWriter) -> None:
        stream = _manifest_stream(writer)
        data = stream.get_data()
        changed = data.replace(b'"OFFICIAL-SENSITIVE"', b'"OFFICIAL"', 1)
        assert changed != data
        stream.set_data(changed)

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, tamper))
    assert any(f.check == "manifest" and "checksum" in f.message for f in report.errors), report.to_text()


def test_a_digest_that_differs_from_the_printed_manifest_fails(sample_bundles, tmp_path):
    def swap(writer: PdfWriter) -> None:
        stream = _manifest_stream(writer)
        data = re.sub(rb'"sha256": "[0-9a-f]{64}"', b'"sha256": "' + b"0" * 64 + b'"', stream.get_data(), count=1)
        fresh = DecodedStreamObject()
        fresh.set_data(data)
        fresh[NameObject("/Type")] = NameObject("/EmbeddedFile")  # no checksum: only the printed digests can tell
        names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
        names[1].get_object()["/EF"][NameObject("/F")] = writer._add_object(fresh)

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, swap))
    assert any(f.check == "manifest" and "not the one printed" in f.message for f in report.errors), report.to_text()


def test_a_docgen_bundle_without_its_manifest_is_reported(sample_bundles, tmp_path):
    def strip(writer: PdfWriter) -> None:
        del writer.root_object["/Names"]

    report = verify_bundle(broken(sample_bundles["judiciary-2021"], tmp_path, strip))
    assert any(f.check == "manifest" and "no embedded manifest.json" in f.message for f in report.errors)
