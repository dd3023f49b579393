"""The PDF writer's line breaker gives what ReportLab's ``Paragraph.breakLines`` gives,
and its text object writes a line as ReportLab's does.

Generated paragraphs (bold and italic runs, line breaks, Welsh letters, characters set in
the fallback font, non-breaking spaces, tabs, long words, empty and blank runs) in every
writer style and in styles that change the breaking rules, at many widths: the lines,
the fragment words left on the paragraph, the marks left on the fragments, the height,
the split at a page end and the drawn page must all be ReportLab's own.
"""

from __future__ import annotations

import random

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import Paragraph as RLParagraph

from docgen.fonts import find_font
from docgen.model import Run
from docgen.writers import pdf as pdf_writer
from docgen.writers import pdf_lines

WORDS = [
    "a", "I", "Dear", "order", "Serious", "Crime", "Prevention", "the", "of", "£2,500.00", "(a)", "—",
    "ŵyn", "Ŷr", "dŵr", "gwaith", "“quoted”", "it’s", "R&D", "<x>", "x&y", "é", "\u2019", "🚀", "☎",
    "1.", "x", "Cymru", "brawf", "prawf",
]
LONG = ["Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "a" * 40]
GAPS = [" ", " ", " ", "  ", "\xa0", "\t", " \xa0 ", "\u2009", ""]


def _runs(rng: random.Random) -> tuple[Run, ...]:
    runs = []
    for _ in range(rng.randint(0, 9)):
        if rng.random() < 0.12:
            runs.append(Run("\n"))
            continue
        pick = lambda: rng.choice(LONG) if rng.random() < 0.003 else rng.choice(WORDS)
        text = "".join(pick() + rng.choice(GAPS) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.3:
            text = rng.choice(GAPS) + text
        runs.append(Run(text, rng.random() < 0.35, rng.random() < 0.3))
    return tuple(runs)


def _styles() -> list[ParagraphStyle]:
    """The writer's styles and variants that change what the breaker does."""
    own = list(pdf_writer._styles().values())
    base = own[0]
    return own + [
        ParagraphStyle("noshrink", parent=base, spaceShrinkage=0),
        ParagraphStyle("shrinkmore", parent=base, spaceShrinkage=0.2),
        ParagraphStyle("nosplit", parent=base, splitLongWords=0),
        ParagraphStyle("justify", parent=base, alignment=TA_JUSTIFY, justifyBreaks=1),
        ParagraphStyle("indent", parent=base, firstLineIndent=24, leftIndent=6),
        ParagraphStyle("hanging", parent=base, firstLineIndent=-12, leftIndent=12),
        ParagraphStyle("dots", parent=base, endDots="."),
        ParagraphStyle("hyphens", parent=base, uriWasteReduce=0.3),
        ParagraphStyle("bigger", parent=base, fontSize=14, leading=18, fontName=f"{pdf_writer.FONT}-Bold"),
    ]


def _shape(value: object, seen: dict[int, int] | None = None) -> object:
    """A comparable picture of ReportLab's line structures: classes, attributes, texts,
    numbers exactly, and which fragment objects are the same object.

    An object met again is pictured by its number alone: its attributes were pictured where
    it was first met, and nothing changes while the picture is taken, so the two pictures
    are equal exactly when the full ones would be (walking a fragment's style again at each
    of its thousands of appearances was most of this test's time)."""
    seen = {} if seen is None else seen
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_shape(item, seen) for item in value])
    if hasattr(value, "__dict__") and not isinstance(value, type):
        if type(value).__module__.startswith("reportlab.lib.colors"):
            return repr(value)
        identity = seen.get(id(value))
        if identity is not None:
            return (type(value).__name__, identity)
        identity = seen[id(value)] = len(seen)
        return (type(value).__name__, identity, {k: _shape(v, seen) for k, v in sorted(value.__dict__.items())})
    if isinstance(value, float):
        return ("float", value.hex())
    return value


STATE = ("_width_max", "height", "_splitLongWordCount", "_hyphenations")


def _broken(para: RLParagraph, widths: list[float], breaker: object) -> object:
    original = list(para.frags)
    lines = breaker(para, list(widths))
    seen: dict[int, int] = {}
    return (
        _shape(lines, seen),
        _shape(para.frags, seen),
        _shape(original, seen),  # the marks (_fkind) left on the fragments
        {name: _shape(getattr(para, name, None)) for name in STATE},
    )


def _pair(markup: str, style: ParagraphStyle) -> tuple[pdf_writer._Paragraph, pdf_writer._Paragraph]:
    """The writer's paragraph twice: the second breaks its lines with ReportLab alone."""
    theirs = pdf_writer._Paragraph(markup, style)
    theirs.breakLines = RLParagraph.breakLines.__get__(theirs)
    theirs.beginText = RLParagraph.beginText.__get__(theirs)
    return pdf_writer._Paragraph(markup, style), theirs


# markup the writer does not make, read by ReportLab's parser: other sizes, colours and
# underlining on the same line (fragments ReportLab does not merge)
WRAPPERS = ['<font size="14">{}</font>', '<font size="7">{}</font>', '<font color="red">{}</font>', "<u>{}</u>"]


def _markup(rng: random.Random) -> str:
    parts = [pdf_writer._markup((run,)) for run in _runs(rng)]
    if rng.random() < 0.25:
        parts = [rng.choice(WRAPPERS).format(part) if part and rng.random() < 0.4 else part for part in parts]
    return "".join(parts)


def _cases(count: int, seed: int):
    rng = random.Random(seed)
    styles = _styles()
    for _ in range(count):
        markup = _markup(rng)
        style = rng.choice(styles)
        first = rng.choice([12, 60, 130, 200, 300, 300, 451.3, 451.3])
        yield markup, style, [first, rng.choice([first, first + 30, max(first - 25, 5)])]


def test_lines_are_reportlabs_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []  # whether the writer's own breaker answered, paragraph by paragraph

    def breaker(para: object, widths: list[float]) -> object:
        lines = pdf_lines.break_lines(para, widths)
        used.append(lines is not None)
        return lines

    monkeypatch.setattr(pdf_writer, "break_lines", breaker)
    for markup, style, widths in _cases(1500, 41):
        ours, theirs = _pair(markup, style)
        assert _broken(ours, widths, pdf_writer._Paragraph.breakLines) == _broken(theirs, widths, RLParagraph.breakLines), (markup, style.name, widths)
    assert len(used) == 1500 and sum(used) > 900  # most paragraphs are broken by the writer's own breaker


def test_breaking_again_and_splitting_follow_reportlab() -> None:
    """A paragraph broken once is split at a page end, measured again at another width
    and its halves broken again, as ReportLab would."""
    for markup, style, widths in _cases(400, 7):
        ours, theirs = _pair(markup, style)
        assert ours.wrap(widths[0] + 40, 1000) == theirs.wrap(widths[0] + 40, 1000)
        assert _shape(ours.blPara) == _shape(theirs.blPara), markup
        height = ours.style.leading * 2.5
        parts = [ours.split(widths[0] + 40, height), theirs.split(widths[0] + 40, height)]
        assert len(parts[0]) == len(parts[1])
        for mine, other in zip(*parts, strict=True):
            assert _shape(mine.frags) == _shape(other.frags), markup
            if mine is not ours:
                assert mine.wrap(widths[1], 1000) == other.wrap(widths[1], 1000)
                assert _shape(mine.blPara) == _shape(other.blPara), markup


@pytest.mark.parametrize("seed", [1, 2])
def test_drawn_pages_are_reportlabs(seed: int) -> None:
    """Paragraphs drawn from either breaker's lines give the same page."""
    pages = []
    for use_ours in (True, False):
        canvas = Canvas(None, invariant=1, initialFontName=pdf_writer.register_fonts())
        y = 800.0
        for markup, style, widths in _cases(60, seed):
            ours, theirs = _pair(markup, style)
            para = ours if use_ours else theirs
            _, height = para.wrap(widths[0], 1000)
            if y - height < 40:
                canvas.showPage()
                y = 800.0
            para.drawOn(canvas, 40, y - height)
            y -= height + 4
        canvas.showPage()
        pages.append(canvas.getpdfdata())
    assert pages[0] == pages[1]


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   ",
        "<br/>",
        "<br/><br/>x",
        "<b> </b>",
        "one",
        " lead and trail ",
        "a<b>b</b>c",
        "a <b>b</b> c<br/> <i>d</i>",
        "word " * 200,
        "<b>" + "Ŵ" * 90 + "</b> tail",
        "x\xa0" * 60,
    ],
)
def test_edge_paragraphs(markup: str) -> None:
    for style in _styles():
        for width in (1, 12, 90, 400):
            ours, theirs = _pair(markup, style)
            widths = [width, width]
            assert _broken(ours, widths, pdf_writer._Paragraph.breakLines) == _broken(theirs, widths, RLParagraph.breakLines)


def test_what_the_breaker_leaves_to_reportlab() -> None:
    normal = pdf_writer._styles()["normal"]
    assert pdf_lines.break_lines(pdf_writer._Paragraph("a " + "w" * 80, normal), [100, 100]) is None  # cut long word
    assert pdf_lines.break_lines(pdf_writer._Paragraph("soft\xadhyphen", normal), [100, 100]) is None
    assert pdf_lines.break_lines(RLParagraph("x", normal, bulletText="•"), [100, 100]) is None
    hyphens = ParagraphStyle("h", parent=normal, hyphenationLang="en_GB")
    assert pdf_lines.break_lines(pdf_writer._Paragraph("words", hyphens), [100, 100]) is None
    broken = pdf_writer._Paragraph("a <b>b</b> c", normal)
    broken.wrap(100, 100)
    assert pdf_lines.break_lines(broken, [100, 100]) is None  # fragments already made words
    assert pdf_lines.break_lines(pdf_writer._Paragraph("a <b>b</b> c", normal), [100, 100]) is not None


def test_remembered_widths_follow_a_font_registered_again() -> None:
    name = pdf_writer.register_fonts()
    width = pdf_lines._width("Ŵyn", name, 10.5)
    assert width == pdfmetrics.stringWidth("Ŵyn", name, 10.5)
    table = pdf_lines._widths(name, 10.5)
    pdf_lines._WIDTHS[(name, 10.5)] = (object(), {"Ŵyn": 1.0})
    assert pdf_lines._width("Ŵyn", name, 10.5) == width
    assert pdf_lines._widths(name, 10.5) is not table


# ASCII, Welsh and other Latin letters, punctuation, a no-break space, control characters,
# Greek and Cyrillic (enough letters to fill subset 0 and open more), a character no font
# has, and characters drawn in the fallback font
CHARACTERS = (
    [chr(c) for c in range(32, 127)] * 3
    + list("ŵŷâêîôûŴŶÂ’“”‘£€–—é\xa0\xa0\t\x01\x7f\u0378🚀☎✓")
    + [chr(c) for c in range(0x391, 0x3C9)] + [chr(c) for c in range(0x400, 0x4FF)]
)  # fmt: skip


COMMON = CHARACTERS[: 95 * 3 + 20]  # ASCII, Welsh letters and punctuation


def _texts(rng: random.Random, count: int) -> list[str]:
    pools = [rng.choice((COMMON, CHARACTERS)) for _ in range(count)]
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for pool in pools]


def _fonts() -> list[object]:
    name = pdf_writer.register_fonts()
    return [pdfmetrics.getFont(n) for n in (name, f"{name}-Bold", pdf_writer._register_fallback())]


def test_subset_codes_are_reportlabs() -> None:
    """Lines split into subset codes from the table are what ReportLab gives, and the
    fonts' subsets grow as they would have (also in a font not keeping ASCII's codes)."""
    ours, theirs = PDFDocument(), PDFDocument()
    fonts = [*_fonts(), TTFont("DocgenPlainCodes", str(find_font("DejaVuSans.ttf")), asciiReadable=0)]
    fast = 0
    for text in _texts(random.Random(5), 3000):
        for font in fonts:
            found = pdf_lines.split_string(font, text, ours)
            fast += found is not None
            if found is None:
                found = font.splitString(text, ours)
            assert found == font.splitString(text, theirs), text
    for font in fonts:
        mine, other = font.state[ours], font.state[theirs]
        assert (mine.assignments, mine.subsets, mine.nextCode) == (other.assignments, other.subsets, other.nextCode)
    assert len(_fonts()[0].state[theirs].subsets) > 1  # the texts used more than one subset
    assert fast > 4000


def test_a_line_is_written_as_reportlab_writes_it() -> None:
    canvases = [Canvas(None, invariant=1, initialFontName=pdf_writer.register_fonts()) for _ in range(2)]
    rng = random.Random(8)
    for text in _texts(rng, 1500):
        font = rng.choice(_fonts()).fontName
        size = rng.choice([8, 10.5, 12])
        written = []
        for canvas, cls in zip(canvases, (pdf_lines.TextObject, PDFTextObject), strict=True):
            tx = cls(canvas, 10, 700)
            tx.setFont(font, size, size * 1.2)
            tx._textOut(text, 1)
            written.append((tx.getCode(), tx._curSubset))
        assert written[0] == written[1], text
