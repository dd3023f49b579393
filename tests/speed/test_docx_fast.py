"""The Word writer's package shortcuts give the file python-docx's own path gives.

``write_docx`` copies only the parts that differ between documents from a skeleton,
compresses the unchanging parts once per process and writes the zip itself;
``_write_with_python_docx`` copies the whole prototype and saves through python-docx's
package writer and zipfile. Generated documents and metadata must come out as the same
bytes both ways, one after another in any order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import zipfile

import pytest
from docx.opc.oxml import serialize_part_xml
from PIL import Image

from docgen.model import Cell, Document, Heading, ListBlock, PageBreak, Paragraph, Row, Run, Signature, Table
from docgen.writers import DocumentMeta
from docgen.writers import docx as docx_writer

WORDS = ["Dear", "subject", "order", "ŵyn", "Ŷr", "café", "R&D", "<term>", "x&y", "\u2019s", "£2,500.00", "tab\there", "a\nb", "\r", "\xa0", '"q"', "\u2028"]


def _text(rng: random.Random) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    return rng.choice(["", " ", "  "]) + text + rng.choice(["", " ", ":"])


def _runs(rng: random.Random) -> tuple[Run, ...]:
    return tuple(Run("\n") if rng.random() < 0.1 else Run(_text(rng), rng.random() < 0.3, rng.random() < 0.3)
                 for _ in range(rng.randint(1, 4)))  # fmt: skip


def _paragraph(rng: random.Random) -> Paragraph:
    return Paragraph(_runs(rng), rng.choice(["normal", "small", "right", "center", "address", "quote", "title", "box"]))


def _block(rng: random.Random, depth: int = 0):
    kind = rng.choice(["p", "p", "p", "h", "list", "table", "sig", "break"] if depth < 2 else ["p", "h"])
    if kind == "p":
        return _paragraph(rng)
    if kind == "h":
        return Heading(rng.randint(0, 3), _runs(rng))
    if kind == "list":
        items = []
        for _ in range(rng.randint(1, 4)):
            first = (_paragraph(rng),) if rng.random() < 0.85 else ()
            items.append(first + tuple(_block(rng, depth + 1) for _ in range(rng.randint(0, 2))))
        return ListBlock(rng.random() < 0.6, tuple(items))
    if kind == "table":
        columns = rng.randint(1, 3)
        rows = []
        for index in range(rng.randint(1, 4)):
            cells = tuple(Cell(tuple(_block(rng, depth + 1) for _ in range(rng.randint(0, 2)))) for _ in range(rng.randint(1, columns)))
            rows.append(Row(cells, header=index == 0 and rng.random() < 0.5))
        widths = [rng.randint(10, 60) for _ in range(columns)]
        return Table(tuple(rows), tuple(widths))
    if kind == "sig":
        return Signature(tuple(rng.choice(["Signed", "Date", "Llofnod"]) for _ in range(rng.randint(1, 2))))
    return PageBreak()


def _document(rng: random.Random) -> Document:
    blocks = tuple(_block(rng) for _ in range(rng.randint(1, 12)))
    meta = {}
    if rng.random() < 0.3:
        meta["languages"] = f"cy-GB:0,en-GB:{rng.randint(0, len(blocks))}"
    return Document("Title", "Subject", blocks, meta)


def _meta(rng: random.Random, logo=None) -> DocumentMeta:
    return DocumentMeta(
        title=_text(rng), subject=_text(rng) * rng.choice([1, 60]), author=rng.choice(["West Yorkshire Police", "Heddlu"]),
        marking=rng.choice(["OFFICIAL", "OFFICIAL-SENSITIVE"]), reference=f"REF/{rng.randint(1, 999)}",
        version=rng.randint(1, 9), date=dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 900)),
        language=rng.choice(["en-GB", "cy-GB", "en-US"]), banner=rng.choice(["", "DRAFT - NOT FOR SERVICE", "PREVIEW"]),
        logo=logo, page_label=rng.choice(["Page {page} of {pages}", "Tudalen {page} o {pages}", "{page}/{pages} end"]),
    )  # fmt: skip


def _logo(path, colour: str, size: tuple[int, int]):
    Image.new("RGB", size, colour).save(path)
    return path


def test_generated_documents_are_the_files_python_docx_saves(tmp_path) -> None:
    rng = random.Random(2027)
    logo = _logo(tmp_path / "crest.png", "navy", (120, 60))
    lists = 0
    for index in range(120):
        doc = _document(rng)
        meta = _meta(rng, logo if index % 5 == 0 else None)
        fast = docx_writer.write_docx(doc, meta)
        assert fast == docx_writer._write_with_python_docx(doc, meta), (index, doc, meta)
        lists += "w:startOverride" in zipfile.ZipFile(io.BytesIO(fast)).read("word/numbering.xml").decode()
    assert 20 < lists < 120  # restarted lists (a changed numbering part) and none both tried


@pytest.mark.parametrize("text", ["\x0b", "a\x00b", "\ufffe", "\ud800"])
def test_text_xml_cannot_hold_is_refused_as_python_docx_refuses_it(text: str) -> None:
    doc = Document("T", "S", (Paragraph((Run("fine "), Run(text))),))
    meta = _meta(random.Random(1))
    with pytest.raises(ValueError) as slow:
        docx_writer._write_with_python_docx(doc, meta)
    with pytest.raises(ValueError) as fast:
        docx_writer.write_docx(doc, meta)
    assert type(fast.value) is type(slow.value) and str(fast.value) == str(slow.value)


def test_a_changed_logo_file_gives_a_new_skeleton(tmp_path) -> None:
    rng = random.Random(5)
    doc, meta = _document(rng), _meta(rng, tmp_path / "logo.png")
    _logo(meta.logo, "red", (40, 40))
    first = docx_writer.write_docx(doc, meta)
    assert first == docx_writer._write_with_python_docx(doc, meta)
    _logo(meta.logo, "green", (80, 20))
    second = docx_writer.write_docx(doc, meta)
    assert second != first and second == docx_writer._write_with_python_docx(doc, meta)
    assert docx_writer.write_docx(doc, dataclasses.replace(meta, logo=None)) == docx_writer._write_with_python_docx(
        doc, dataclasses.replace(meta, logo=None))  # fmt: skip


def test_the_skeleton_and_prototype_are_never_written_to() -> None:
    skeleton = docx_writer._skeleton(None, None)
    before = [skeleton.body_at, *(serialize_part_xml(el) for el in skeleton[1:5])]
    prototype = docx_writer._prototype().word
    parts = {part.partname: part.blob for part in prototype.part.package.parts}
    rng = random.Random(9)
    for _ in range(10):
        docx_writer.write_docx(_document(rng), _meta(rng))
    assert [skeleton.body_at, *(serialize_part_xml(el) for el in skeleton[1:5])] == before
    assert {part.partname: part.blob for part in prototype.part.package.parts} == parts


def _zipfile_archive(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    writer = docx_writer._FixedTimeZip(buf)
    for name, blob in members:
        writer.write(type("Uri", (), {"membername": name})(), blob)
    writer.close()
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(6))
def test_the_zip_is_the_one_zipfile_writes(seed: int) -> None:
    rng = random.Random(seed)
    names = ["[Content_Types].xml", "word/document.xml", "docProps/core.xml", "word/media/ŵ.png", "a" * 200, "x"]
    members = []
    for name in rng.sample(names, rng.randint(0, len(names))):
        kind = rng.choice(["empty", "text", "random"])
        size = rng.choice([1, 100, 70_000])
        blob = b"" if kind == "empty" else (b"<w:p/>" * size)[:size] if kind == "text" else rng.randbytes(size)
        members.append((name, blob))
    ours = docx_writer._zip([docx_writer._deflate(name, blob) for name, blob in members])
    assert ours == _zipfile_archive(members)
    assert zipfile.ZipFile(io.BytesIO(ours)).testzip() is None
