"""A document added to a transfer pack after it was built is sealed and checked like the rest.

``docgen bundle add`` gives the addition a manifest entry with the digest of its pages,
as the pack's original parts have; ``docgen case import`` checks it and refuses a pack
whose addition changed, naming it. An addition is never made to a pack whose sealed
pages changed, so it cannot seal a change again.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from docgen.bundle import DocumentSpec, add_document
from docgen.bundle.manifest import read_manifest, replace_embedded
from docgen.bundle.seal import pages_digest
from docgen.case_import import import_case
from docgen.errors import DocgenError
from tests.bundle_case.conftest import refused_import
from tests.conftest import load_yaml
from tests.inprocess import run_docgen

STATEMENT_LINE = b"Statement line: seen at the invented address on 2 March 2028."
TITLE = "Further statement of DC Example"


def _statement(path: Path) -> Path:
    """A one-page PDF whose text is stored uncompressed, so a test can change one byte of it."""
    sheet = canvas.Canvas(str(path), pageCompression=0, invariant=1)
    sheet.drawString(72, 720, STATEMENT_LINE.decode("ascii"))
    sheet.showPage()
    sheet.save()
    return path


def _added(pack: Path, tmp_path: Path, *, reindex: bool = False) -> Path:
    out = tmp_path / "pack-added.pdf"
    doc = DocumentSpec(file=_statement(tmp_path / "statement.pdf"), title=TITLE, date=dt.date(2028, 3, 2))
    add_document(pack, doc, out=out, reindex=reindex, ocr=False)
    return out


@pytest.fixture(scope="module")
def pack(transfer_built) -> Path:
    return transfer_built.path


def test_a_late_addition_to_a_pack_gets_the_digest_of_its_pages(pack, tmp_path):
    added = _added(pack, tmp_path)
    reader = PdfReader(added)
    manifest = read_manifest(reader, file=str(added))
    (late,) = manifest["late_additions"]
    assert late["title"] == TITLE and late["first_index"] == len(reader.pages) - 1
    assert late["content_sha256"] == pages_digest(reader.pages[late["first_index"] :])
    before = read_manifest(PdfReader(pack), file=str(pack))
    assert manifest["front_matter"]["content_sha256"] == before["front_matter"]["content_sha256"]  # the index was not redrawn


def test_import_checks_the_late_addition_and_lists_it_with_what_the_pack_enclosed(pack, tmp_path):
    done = import_case(_added(pack, tmp_path), force_code="GMP", out_dir=tmp_path / "cases", by="DC Receiving")
    assert done.late_additions == (TITLE,)
    enclosures = load_yaml(done.path.read_text(encoding="utf-8"))["transfers"][0]["enclosures"]
    assert enclosures[-1] == f"{TITLE} (added to the pack after it was built), dated 2 March 2028"


def test_a_changed_byte_in_the_late_addition_is_refused_naming_it(pack, tmp_path):
    added = _added(pack, tmp_path)
    data = added.read_bytes()
    assert data.count(STATEMENT_LINE) == 1  # only on the added page
    at = data.index(STATEMENT_LINE) + len(b"Statement line: seen at the ")
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data[:at] + b"X" + data[at + 1 :])
    problems = refused_import(tampered, tmp_path)
    assert len(problems) == 1, problems
    number = read_manifest(PdfReader(added), file="x")["late_additions"][0]["number"]
    assert problems[0].startswith(f"late addition {number} '{TITLE}' (statement.pdf): pages ")
    assert problems[0].endswith("differ from the digest the manifest recorded when it was added to the pack")


def test_a_late_addition_without_a_digest_is_refused_as_unproved(pack, tmp_path):
    added = _added(pack, tmp_path)
    manifest = read_manifest(PdfReader(added), file="x")
    del manifest["late_additions"][0]["content_sha256"]
    writer = PdfWriter(clone_from=PdfReader(added))
    replace_embedded(writer, manifest, file="x")  # with a fresh checksum, as an older docgen would have left it
    buffer = io.BytesIO()
    writer.write(buffer)
    unsealed = tmp_path / "unsealed.pdf"
    unsealed.write_bytes(buffer.getvalue())
    problems = refused_import(unsealed, tmp_path)
    assert len(problems) == 1 and "has no page digest in the manifest" in problems[0] and f"'{TITLE}'" in problems[0]


def test_a_reissued_index_is_sealed_again_and_the_pack_still_imports(pack, tmp_path):
    added = _added(pack, tmp_path, reindex=True)
    reader = PdfReader(added)
    manifest = read_manifest(reader, file="x")
    front = manifest["front_matter"]
    assert front["content_sha256"] == pages_digest(reader.pages[: front["pages"]])
    assert front["content_sha256"] != read_manifest(PdfReader(pack), file="x")["front_matter"]["content_sha256"]
    assert import_case(added, force_code="GMP", out_dir=tmp_path / "cases").late_additions == (TITLE,)


def test_nothing_is_added_to_a_pack_whose_sealed_pages_changed(pack, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(pack))
    page = writer.pages[3]
    content = page.get_contents()
    content.set_data(content.get_data() + b"\nq 1 0 0 RG 10 10 m 100 100 l S Q\n")
    page.replace_contents(content)
    changed = tmp_path / "changed.pdf"
    with changed.open("wb") as handle:
        writer.write(handle)
    doc = DocumentSpec(file=_statement(tmp_path / "statement.pdf"), title=TITLE)
    with pytest.raises(DocgenError, match=r"no longer match the digests sealed in its manifest.json \(document \d+ '") as refused:
        add_document(changed, doc, out=tmp_path / "out.pdf", ocr=False)
    assert "nothing is added to it" in str(refused.value)
    assert not (tmp_path / "out.pdf").exists()


def test_the_import_command_says_which_documents_were_added_late(pack, tmp_path):
    added = _added(pack, tmp_path)
    run = run_docgen("case", "import", str(added), "--force-code", "GMP", "--out", str(tmp_path / "cases"))
    assert run.returncode == 0, run.stderr
    assert f"Added to the pack after it was built, checked against its page digests like the rest: {TITLE}" in run.stdout
