"""Saving a PDF with the writer's shortcuts gives the bytes ReportLab's own code gives.

The embedded fonts' objects (font dictionary and Widths, ToUnicode map, descriptor, font
file) are formatted once per process and reused (docgen/writers/pdf_fonts.py). Tests
write the same PDF with ReportLab's ``TTFont.addObjects`` and with the shortcut, both
while it fills its memory and once it answers from it, and compare the bytes. Plain
values and names are formatted by quicker equivalents (docgen/pdfformat.py), compared
with ReportLab's functions value by value and over whole files.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from docgen import pdfformat
from docgen.fonts import find_fallback, font_for
from docgen.model import Cell, Document, Heading, ListBlock, Paragraph, Row, Run, Table
from docgen.writers import DocumentMeta
from docgen.writers import pdf as pdf_writer
from docgen.writers import pdf_fonts
from docgen.writers.pdf_fonts import REMEMBERED, RememberingTTFont, _Gap, _split

# Latin (Welsh and Irish letters among them), Greek, Cyrillic, typographic punctuation
# and symbols DejaVu draws in every style; characters beyond U+FFFF and pictographs that
# only the fallback font (Symbola) draws.
_MAIN = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA1, 0x250), *range(0x391, 0x3CA), *range(0x410, 0x450))]
_MAIN += list("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u2122\u2190\u2192\u2212\u221e")
_OTHER = ["\U0001F680", "\U0001F4C4", "\U0001D11E", "\U0001F600", "\u2654", "\U0001F512"]


def _drawable(chars: list[str]) -> list[str]:
    return [c for c in chars if font_for(c) in ("main", "fallback")]


def _text(rng: random.Random, alphabet: list[str], size: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(size))


def _document(rng: random.Random) -> Document:
    """A document whose faces have from a few to several hundred different characters,
    so a face has one subset or several, and sometimes the fallback font has one too."""
    main = _drawable(_MAIN)
    alphabet = main[: rng.choice((95, 120, len(main)))] + (_drawable(_OTHER) if rng.random() < 0.6 else [])
    text = lambda size: _text(rng, alphabet, size)  # noqa: E731
    runs = tuple(Run(text(rng.randint(1, 120)), rng.random() < 0.4, rng.random() < 0.3) for _ in range(rng.randint(1, 8)))
    cell = lambda *blocks: Cell(tuple(blocks))  # noqa: E731
    return Document(text(12), text(8), (
        Heading(1, (Run(text(20)),)),
        Paragraph(runs),
        Heading(2, (Run(text(10), italic=True),)),
        ListBlock(True, ((Paragraph((Run(text(40)),)),), (Paragraph((Run(text(30), bold=True),)),))),
        Table((Row((cell(Paragraph((Run("Head"),))), cell(Paragraph((Run(text(6)),)))), header=True),
               Row((cell(Paragraph((Run(text(50)),))), cell(Paragraph((Run(text(50), True, True),)))),)), (40, 60)),
    ))  # fmt: skip


def _meta() -> DocumentMeta:
    return DocumentMeta("Test title", "Subject", "Author", "OFFICIAL", "REF/1", 1, dt.date(2027, 1, 2))


def _three_ways(write: Callable[[], bytes], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes, bytes]:
    """(ReportLab's objects, the shortcut filling its memory, the shortcut from memory)."""
    with monkeypatch.context() as patch:
        patch.setattr(RememberingTTFont, "addObjects", TTFont.addObjects)
        slow = write()
    REMEMBERED.clear()
    filling = write()
    remembered = write()
    return slow, filling, remembered


@pytest.mark.parametrize("seed", range(12))
def test_a_written_pdf_is_the_same_with_remembered_font_objects(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    doc = _document(rng)
    slow, filling, remembered = _three_ways(lambda: pdf_writer.write_pdf(doc, _meta()), monkeypatch)
    assert slow == filling == remembered
    assert b"/ToUnicode" in slow and len(REMEMBERED._parts) >= 4


def test_objects_remembered_for_one_document_are_right_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents with different subsets, one after another without clearing the memory:
    each is what ReportLab writes for it."""
    docs = [_document(random.Random(100 + i)) for i in range(8)]
    with monkeypatch.context() as patch:
        patch.setattr(RememberingTTFont, "addObjects", TTFont.addObjects)
        slow = [pdf_writer.write_pdf(doc, _meta()) for doc in docs]
    REMEMBERED.clear()
    for _ in range(2):
        assert [pdf_writer.write_pdf(doc, _meta()) for doc in docs] == slow
    assert any(b"/AAAAAB+DejaVuSans" in pdf for pdf in slow)  # a face with a second subset
    if find_fallback() is not None:
        assert any(b"Symbola" in pdf for pdf in slow)  # characters beyond U+FFFF


def _canvas_pdf(texts: list[tuple[str, str]], **options: object) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1, **options)
    y = 800
    for font, text in texts:
        canvas.setFont(font, 9)
        canvas.drawString(20, y, text)
        y -= 12
        if y < 40:
            canvas.showPage()
            y = 800
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _canvas_texts(rng: random.Random) -> list[tuple[str, str]]:
    fonts = [pdf_writer.register_fonts() + suffix for suffix in ("", "-Bold", "-Italic", "-BoldItalic")]
    main, other = _drawable(_MAIN), _drawable(_OTHER)
    texts = [(rng.choice(fonts), _text(rng, main, 60)) for _ in range(30)]
    if other:
        texts.append((pdf_writer._register_fallback(), "".join(other)))
    return texts


@pytest.mark.parametrize(
    "options",
    [{"pageCompression": 1}, {"pageCompression": 0}, {"pageCompression": 1, "encrypt": "secret"}],
    ids=["compressed", "uncompressed", "encrypted"],
)
def test_a_canvas_saves_the_same_bytes_with_remembered_font_objects(options: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _canvas_texts(random.Random(7))
    slow, filling, remembered = _three_ways(lambda: _canvas_pdf(texts, **options), monkeypatch)
    assert slow == filling == remembered
    if "encrypt" in options:
        assert not REMEMBERED._parts  # an encrypted document is formatted by ReportLab alone
    else:
        assert REMEMBERED._parts


def test_remembered_objects_follow_compression_and_formatting_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Objects remembered for a compressed document, or under one of ReportLab's
    formatting settings, are not handed to a document written otherwise."""
    texts = _canvas_texts(random.Random(8))
    variants = [(compression, multiline) for multiline in (0, 1) for compression in (1, 0)]

    def write(compression: int, multiline: int) -> bytes:
        with monkeypatch.context() as patch:
            patch.setattr(rl_config, "pdfMultiLine", multiline)
            return _canvas_pdf(texts, pageCompression=compression)

    with monkeypatch.context() as patch:
        patch.setattr(RememberingTTFont, "addObjects", TTFont.addObjects)
        slow = {variant: write(*variant) for variant in variants}
    assert len(set(slow.values())) == len(variants)
    REMEMBERED.clear()
    for _ in range(2):
        assert {variant: write(*variant) for variant in variants} == slow


def test_an_object_whose_reference_cannot_be_told_apart_is_formatted_by_reportlab() -> None:
    gaps = [_Gap(0), _Gap(1)]
    assert _split(b"<< /A " + gaps[1].mark + b" /B " + gaps[0].mark + b" >>", gaps) == (
        (b"<< /A ", b" /B ", b" >>"),
        (1, 0),
    )
    assert _split(b"<< /A " + gaps[0].mark + gaps[0].mark + gaps[1].mark + b" >>", gaps) is None
    assert _split(b"<< /A " + gaps[0].mark + b" >>", gaps) is None


def test_the_writer_embeds_its_fonts_through_the_shortcut() -> None:
    font = pdfmetrics.getFont(pdf_writer.register_fonts())
    assert isinstance(font, RememberingTTFont)
    assert pdf_fonts.RememberingTTFont.addObjects is not TTFont.addObjects


def test_a_bundle_built_first_in_a_process_leaves_the_writer_its_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    """ReportLab hands a face's first registered font to every name registered later for
    that face: the bundle's fonts, registered first, must be the writer's kind too."""
    from docgen.bundle.fonts import load_fonts

    monkeypatch.setattr(pdfmetrics, "_fonts", {})  # a process that has registered nothing yet
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})
    load_fonts.__wrapped__()
    assert isinstance(pdfmetrics.getFont(pdf_writer.register_fonts.__wrapped__()), RememberingTTFont)


def _values(rng: random.Random) -> list[object]:
    numbers: list[object] = [0, 1, -1, 7, 2**40, -(2**70), 0.0, -0.0, 0.5, 1e-9, 1e21, 595.2755905511812, float("inf"), True, False]
    numbers += [rng.uniform(-1e6, 1e6) for _ in range(200)] + [rng.randint(-(10**9), 10**9) for _ in range(100)]
    numbers += [round(rng.uniform(-100, 100), rng.randint(0, 6)) for _ in range(200)]
    texts: list[object] = ["", "/Type", "/FlateDecode", "abc def", "caf\xe9", "\u2019", "tab\there", "a\x19b", "\u0175"]
    texts += ["".join(chr(rng.randrange(0x20, 0x300)) for _ in range(rng.randint(0, 12))) for _ in range(100)]
    others: list[object] = [b"", b"\x00\xff bytes", None, pdfdoc.PDFName("Catalog"), pdfdoc.PDFArray([1, 2.5, "/N"]),
                            pdfdoc.PDFString("text ( )"), pdfdoc.PDFDictionary({"A": 1, "B": [1, 2]}), [1, 2], (3.5,)]  # fmt: skip
    return numbers + texts + others


def _reportlabs_answer(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as exc:  # the same values must fail in the same way
        return type(exc)


def test_quick_format_answers_as_reportlabs_format() -> None:
    document = pdfdoc.PDFDocument(invariant=1)
    for value in _values(random.Random(5)):
        for toplevel in (0, 1):
            ours = _reportlabs_answer(lambda: pdfformat.format(value, document, toplevel))
            theirs = _reportlabs_answer(lambda: pdfformat.REPORTLAB_FORMAT(value, document, toplevel))
            assert ours == theirs, value


def test_remembered_names_are_reportlabs_names() -> None:
    rng = random.Random(6)
    names = ["Type", "Font", "F1+0", "FormXob.docgenPageTotal", "a b", "(x)", "#", "%", "caf\xe9", "\x7f", "{}", ""]
    names += ["".join(chr(rng.randrange(0x10, 0x180)) for _ in range(rng.randint(0, 10))) for _ in range(300)]
    for _ in range(2):
        for name in names:
            assert pdfformat.PDFName(name) == pdfformat.REPORTLAB_NAME(name)
            assert pdfformat.PDFName(name, "a", "z") == pdfformat.REPORTLAB_NAME(name, "a", "z")
    assert pdfformat.PDFName(["A", " "]) == pdfformat.REPORTLAB_NAME(["A", " "])


def test_a_pdf_is_the_same_with_reportlabs_own_format_and_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdfdoc.format is pdfformat.format and pdfdoc.PDFName is pdfformat.PDFName
    docs = [_document(random.Random(200 + i)) for i in range(4)]
    quick = [pdf_writer.write_pdf(doc, _meta()) for doc in docs]
    monkeypatch.setattr(pdfdoc, "format", pdfformat.REPORTLAB_FORMAT)
    monkeypatch.setattr(pdfdoc, "PDFName", pdfformat.REPORTLAB_NAME)
    assert [pdf_writer.write_pdf(doc, _meta()) for doc in docs] == quick
