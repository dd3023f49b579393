"""The writers' shortcuts give what the slow paths they replace gave.

The Word writer builds its elements directly and starts from a copied prototype; the PDF
writer reads its own paragraph markup, breaks a paragraph's lines once per width and
copies frames cheaply. Each must leave the files as they would otherwise be, and one
document must never leave a trace in the next.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import random
import zipfile

import pytest
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from docgen.demo import render_dated
from docgen.model import Cell, Document, Heading, ListBlock, Paragraph, Row, Run, Table
from docgen.pipeline import load_inputs
from docgen.resources import samples_dir
from docgen.writers import DocumentMeta
from docgen.writers import docx as docx_writer
from docgen.writers import pdf as pdf_writer

PIECES = ["a", "Dear", " ", "  ", "&", "<", ">", "x&y", "ŵ", "\xa0", "Ŷr", "\t", "", " end ", "<b>", "R&amp;D", "é", "\u2019"]


def _runs(rng: random.Random) -> tuple[Run, ...]:
    runs = []
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.15:
            runs.append(Run("\n"))
        else:
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))
            runs.append(Run(text, rng.random() < 0.4, rng.random() < 0.4))
    return tuple(runs)


def test_markup_is_read_into_the_fragments_reportlabs_parser_makes() -> None:
    rng = random.Random(12)
    styles = list(pdf_writer._styles().values())
    read = 0
    for _ in range(1500):
        markup = cleanBlockQuotedText(pdf_writer._markup(_runs(rng)))
        style = rng.choice(styles)
        ours = pdf_writer._read_markup(markup, style)
        _, theirs, _ = ParaParser().parse(markup, style)
        if ours is None:
            continue
        read += 1
        assert [f.__dict__ for f in ours] == [f.__dict__ for f in theirs], markup
    assert read > 1400  # the writer's own markup is read, not handed back to the parser


def test_clean_text_is_left_as_it_is_and_other_text_cleaned_as_reportlab_cleans_it() -> None:
    from reportlab.platypus.paragraph import _wsc

    rng = random.Random(4)
    pieces = ["Dear", "ŵyn", "a", "<b>x</b>", " ", " ", " ", "\n", "\xa0", "\u200b", *_wsc]
    unchanged = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        cleaned = pdf_writer._clean(text)
        assert cleaned == cleanBlockQuotedText(text), repr(text)
        unchanged += cleaned is text
    assert unchanged > 300


@pytest.mark.parametrize("markup", ['<font name="X">a</font>', "a &amp b", "<b>open", "a</b>", "<u>x</u>"])
def test_other_markup_is_left_to_the_parser(markup: str) -> None:
    assert pdf_writer._read_markup(markup, pdf_writer._styles()["normal"]) is None


def test_a_paragraphs_lines_are_broken_once_for_a_width(monkeypatch: pytest.MonkeyPatch) -> None:
    para = pdf_writer._Paragraph("Several words <b>in bold</b> that wrap over more than one line " * 4, pdf_writer._styles()["normal"])
    calls = []
    original = pdf_writer._Paragraph.breakLines
    monkeypatch.setattr(pdf_writer._Paragraph, "breakLines", lambda self, widths: calls.append(widths) or original(self, widths))
    first = para.wrap(300, 800)
    assert para.wrap(300, 500) == first and len(calls) == 1
    narrower = para.wrap(200, 800)
    assert narrower[1] > first[1] and len(calls) == 2
    del para.blPara  # what ReportLab does when a split finds no room
    assert para.wrap(200, 800) == narrower and len(calls) == 3


def test_a_frames_copy_is_equal_and_apart() -> None:
    frame = pdf_writer._Frame(0, 0, 100, 200, id="body")
    frame.add_generated_content("x")
    clone = copy.deepcopy(frame)
    assert clone.__dict__ == frame.__dict__
    clone.add_generated_content("y")
    assert frame._generated_content == ["x"]


def _meta(**extra: object) -> DocumentMeta:
    return DocumentMeta("T", "S", "A", "OFFICIAL", "REF/1", 2, dt.date(2027, 1, 2), **extra)


def _document(text: str) -> Document:
    cell = lambda *blocks: Cell(tuple(blocks))  # noqa: E731
    return Document("T", "S", (
        Heading(1, (Run(text),)),
        Paragraph((Run("lead "), Run(text, bold=True), Run("\n"), Run("tab\there", italic=True))),
        ListBlock(True, ((Paragraph((Run("one"),)), Paragraph((Run("follow"),))), (Paragraph((Run("two"),)),))),
        Table((Row((cell(Paragraph((Run("Head"),))), cell(Paragraph((Run("Value"),)))), header=True),
               Row((cell(Paragraph((Run(text),))), cell())),), (30, 70)),
    ))  # fmt: skip


def test_the_word_prototype_is_never_written_to() -> None:
    prototype = docx_writer._prototype().word
    before = {part.partname: part.blob for part in prototype.part.package.parts}
    docx_writer.write_docx(_document("first"), _meta(banner="DRAFT"))
    docx_writer.write_docx(_document("second"), _meta())
    assert {part.partname: part.blob for part in prototype.part.package.parts} == before


def test_a_document_leaves_no_trace_in_the_next() -> None:
    """The same document written alone, and after other documents, is the same bytes."""
    alone = {fmt: writer(_document("same"), _meta()) for fmt, writer in (("docx", docx_writer.write_docx), ("pdf", pdf_writer.write_pdf))}
    for text in ("other", "Ŵyn & <more>", "x " * 400):
        docx_writer.write_docx(_document(text), _meta(banner="PREVIEW"))
        pdf_writer.write_pdf(_document(text), _meta(watermark="DRAFT"))
    assert docx_writer.write_docx(_document("same"), _meta()) == alone["docx"]
    assert pdf_writer.write_pdf(_document("same"), _meta()) == alone["pdf"]
    body = zipfile.ZipFile(io.BytesIO(alone["docx"])).read("word/document.xml").decode()
    assert body.count("<w:p>") + body.count("<w:p/>") >= 6 and "w:numId" in body and "<w:tab/>" in body


def test_a_sample_letter_renders_to_the_same_bytes_between_other_letters() -> None:
    case, house = load_inputs(samples_dir() / "cases" / "specimen-drugs.yaml")
    first = render_dated(case, house, "warning-letter", "EV-002").files
    other, other_house = load_inputs(samples_dir() / "cases" / "ffug-wales.yaml")
    render_dated(other, other_house, "warning-letter", "EV-002")
    assert render_dated(case, house, "warning-letter", "EV-002").files == first

