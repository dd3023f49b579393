"""The PDF writer (reportlab).

A4, searchable text in an embedded Unicode font (DejaVu Sans, so Welsh letters such as
ŵ and ŷ print), the protective marking at the top and bottom of every page, "Page N of M"
in the footer, bookmarks for headings, document metadata and language, and an optional
diagonal watermark. ``invariant=1`` keeps the bytes identical from run to run.

The total page count is drawn as a form XObject that is defined once the last page is
known, so one layout pass is enough.
"""

from __future__ import annotations

import copy
import io
import re
from functools import lru_cache
from html import escape as _escape_html

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import _FUZZ, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak as RLPageBreak,
    PageTemplate,
    Paragraph as RLParagraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from .. import pdfsettings  # noqa: F401  (shared ReportLab settings)
from ..errors import DocgenError
from ..fonts import FALLBACK_FILES, FALLBACK_HINT, MISSING_HINT, find_fallback, find_font, font_for, truetype
from ..i18n import printed_marking
from ..model import Block, Document, Heading, ListBlock, PageBreak, Paragraph, Run, Signature, Table, keep_groups, short_table
from . import DocumentMeta, fit_widths
from .pdf_lines import TextObject, break_lines


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities for ReportLab's markup (what xml.sax.saxutils
    does, without it loading urllib.request on every start)."""
    return _escape_html(text, quote=False)


FONT = "DocgenSans"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Italic": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
MARGIN_X = 2.2 * cm
MARGIN_TOP = 2.6 * cm
MARGIN_BOTTOM = 2.4 * cm
_TOTAL_FORM = "docgenPageTotal"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu Sans family once per process; a clear error if it is absent."""
    paths = {name: find_font(file) for name, file in _FONT_FILES.items()}
    missing = sorted(_FONT_FILES[name] for name, path in paths.items() if path is None)
    if missing:
        raise DocgenError(f"font files not found ({', '.join(missing)}); {MISSING_HINT}", file=missing[0])
    for name, path in paths.items():
        pdfmetrics.registerFont(truetype(name, path))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Italic", boldItalic=f"{FONT}-BoldItalic"
    )
    return FONT


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("normal", fontName=FONT, fontSize=10.5, leading=14, spaceAfter=6, alignment=TA_LEFT)
    return {
        "normal": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "address": ParagraphStyle("address", parent=base, spaceAfter=0),
        "quote": ParagraphStyle(
            "quote", parent=base, leftIndent=0.8 * cm, rightIndent=0.8 * cm, fontName=f"{FONT}-Italic"
        ),
        "box": ParagraphStyle(
            "box", parent=base, borderWidth=0.8, borderColor=colors.black, borderPadding=6,
            leftIndent=6, rightIndent=6, spaceBefore=8, spaceAfter=12,
        ),
        "title": ParagraphStyle("title", parent=base, fontName=f"{FONT}-Bold", fontSize=17, leading=21, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=base, fontName=f"{FONT}-Bold", fontSize=13.5, leading=17, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=f"{FONT}-Bold", fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=f"{FONT}-BoldItalic", fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12, spaceAfter=2),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontName=f"{FONT}-Bold", fontSize=9.5, leading=12, spaceAfter=2),
    }


def _markup(runs: tuple[Run, ...]) -> str:
    """reportlab's paragraph markup for runs; the text itself is escaped for it."""
    parts = []
    for run in runs:
        if run.is_break:
            parts.append("<br/>")
            continue
        text = with_fallback(escape(run.text))
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


FALLBACK = "DocgenFallback"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 pairs.

    ReportLab writes such a character (most emoji) as five hex digits, which readers take
    for a different character: the PDF would draw a rocket but copy, search and read
    aloud as something else. Everything else is as ReportLab writes it.
    """
    text = _reportlab_cmap(fontname, subset)
    for code in subset:
        if code > 0xFFFF:
            text = text.replace(f"> <{code:04X}>", f"> <{_utf16_hex(code)}>")
    return text


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


_reportlab_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap




@lru_cache(maxsize=1)
def _register_fallback() -> str:
    """Register Symbola for every style (it has one), or say which font is missing."""
    path = find_fallback()
    if path is None:
        raise DocgenError(f"the fallback font Symbola is not installed; {FALLBACK_HINT}", file=FALLBACK_FILES[0])
    pdfmetrics.registerFont(truetype(FALLBACK, path))
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK)
    return FALLBACK


def with_fallback(text: str) -> str:
    """Paragraph markup in which every character DejaVu Sans cannot draw in all its styles
    is set in the fallback font, so nothing is printed as an empty box."""
    if text.isascii():
        return text
    register_fonts()
    out: list[str] = []
    pending: list[str] = []
    for char in text:
        choice = font_for(char)
        if choice == "main":
            if pending:
                out.append(f'<font name="{_register_fallback()}">{"".join(pending)}</font>')
                pending = []
            out.append(char)
        elif choice == "none":
            raise DocgenError(
                f"no embedded font can draw the character U+{ord(char):04X}; remove it from the case file",
                field="text",
            )
        else:  # "fallback", or "missing-fallback": the registration names the missing font
            _register_fallback()
            pending.append(char)
    if pending:
        out.append(f'<font name="{FALLBACK}">{"".join(pending)}</font>')
    return "".join(out)


# The writer's markup (see ``_markup``): bold and italic runs, line breaks and the three
# escaped characters. ReportLab's parser makes one fragment per stretch of text between
# tags and per character entity, each a copy of the fragment of the innermost open tag;
# ``_read_markup`` makes the same fragments from copies of ones the parser made once.
_TOKEN = re.compile(r"(<b>|</b>|<i>|</i>|<br/>|&amp;|&lt;|&gt;)")
_ENTITY = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_OPEN = {"<b>": "b", "<i>": "i"}
_CLOSE = {"</b>": "b", "</i>": "i"}


_SAMPLE = "a<b>b</b><i>c</i><i><b>d</b></i><b><i>e</i></b><br/>"
_SAMPLE_PATHS = (("para",), ("para", "b"), ("para", "i"), ("para", "i", "b"), ("para", "b", "i"), ("para", "br"))


@lru_cache(maxsize=64)
def _frag_prototypes(style: ParagraphStyle) -> dict[tuple[str, ...], object]:
    """The parser's fragment for each path of open tags the markup makes, in ``style``."""
    _, frags, _ = ParaParser().parse(_SAMPLE, style)
    return dict(zip(_SAMPLE_PATHS, frags, strict=True))


def _copy(frag: object) -> object:
    """``copy.copy(frag)`` for a fragment (a plain object): a new one with the same
    attributes, without going through the copy protocol."""
    clone = object.__new__(frag.__class__)
    clone.__dict__.update(frag.__dict__)
    return clone


def _read_markup(text: str, style: ParagraphStyle) -> list | None:
    """ReportLab's fragments for ``text``, or None where it holds markup of another kind."""
    prototypes = _frag_prototypes(style)
    if "<" not in text and "&" not in text:
        if not text:
            return []
        frag = _copy(prototypes[("para",)])
        frag.text = text
        return [frag]
    path: tuple[str, ...] = ("para",)
    frags = []
    for token in _TOKEN.split(text):
        if not token:
            continue
        if token in _OPEN:
            path = (*path, _OPEN[token])
            continue
        if token in _CLOSE:
            if path[-1] != _CLOSE[token]:
                return None
            path = path[:-1]
            continue
        if token == "<br/>":
            key, data = (*path, "br"), ""
        elif "<" in token or ("&" in token and token not in _ENTITY):
            return None
        else:
            key, data = path, _ENTITY.get(token, token)
        prototype = prototypes.get(key)
        if prototype is None:
            return None
        frag = _copy(prototype)
        frag.text = data
        frags.append(frag)
    return frags if path == ("para",) else None


# whitespace ReportLab's cleaning would change: anything but a single space between words
_UNCLEAN = re.compile("[^\\S ]|  |^ | $|\u200b")


def _clean(text: str) -> str:
    """``cleanBlockQuotedText(text)``, which gives back a text already clean as it is."""
    return cleanBlockQuotedText(text) if _UNCLEAN.search(text) else text


class _Paragraph(RLParagraph):
    """A paragraph that breaks its lines once for a width.

    A paragraph inside a block kept together (or a table) is measured by the block, then
    again by the frame that places it, at the same width; reportlab breaks the lines anew
    each time, which was a third of the writer's time. The lines depend only on the width
    and the paragraph's fragments, so they are kept while both are unchanged.
    """

    _wrapped: tuple[float, object, object, float, float] | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None, frags: list | None = None, **kwargs: object) -> None:  # noqa: N803
        # the fragments read from the writer's own markup, without ReportLab's HTML parser
        # (its slowest step per paragraph); markup the reader does not know is parsed
        if frags is None and text is not None:
            cleaned = _clean(text)
            frags = _read_markup(cleaned, style)
            if frags is not None:
                textTransformFrags(frags, style)
                text = cleaned
        super().__init__(text, style, bulletText, frags, **kwargs)

    def breakLines(self, width: float | list[float]) -> object:  # noqa: N802 - reportlab's name
        """ReportLab's lines, from the writer's own breaker where it can (see pdf_lines)."""
        lines = break_lines(self, width if isinstance(width, (tuple, list)) else [width])
        return super().breakLines(width) if lines is None else lines

    def beginText(self, x: float, y: float) -> TextObject:  # noqa: N802 - reportlab's name
        return TextObject(self.canv, x, y)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        done = self._wrapped
        # reportlab drops blPara when a split finds no room: then the lines are broken again
        if done is not None and done[0] == availWidth and done[1] is self.frags and done[2] is self.__dict__.get("blPara"):
            self.width, self.height = done[3], done[4]
            return done[3], done[4]
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:
            self._wrapped = (availWidth, self.frags, self.blPara, width, height)
        return width, height


class _HeadingParagraph(_Paragraph):
    """A paragraph that becomes a bookmark when it is placed on a page."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, plain: str, key: str) -> None:
        super().__init__(text, style)
        self.outline_level = level
        self.outline_title = plain
        self.outline_key = key


class _Frame(Frame):
    """A frame whose deep copy shares its immutable values.

    ReportLab deep-copies the current frame each time it measures a block kept together,
    only to collect what the measuring generates; a frame holds numbers and strings, which
    a deep copy returns as they are, so only other values are copied here.
    """

    def __deepcopy__(self, memo: dict) -> _Frame:
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        clone.__dict__.update(
            (key, value if isinstance(value, (int, float, str, type(None))) else copy.deepcopy(value, memo))
            for key, value in self.__dict__.items()
        )
        return clone


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, meta: DocumentMeta) -> None:
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator="docgen",
            keywords=[meta.reference, meta.marking],
            lang=meta.language,
            invariant=1,
            pageCompression=1,
        )
        self.meta = meta
        self._outline_levels: list[int] = []
        frame = _Frame(MARGIN_X, MARGIN_BOTTOM, A4[0] - 2 * MARGIN_X, A4[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _HeadingParagraph):
            # outline levels may not jump (1 -> 3): clamp to one deeper than the last
            level = flowable.outline_level
            if self._outline_levels:
                level = min(level, self._outline_levels[-1] + 1)
            else:
                level = 0
            self._outline_levels.append(level)
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.outline_key, level=level, closed=False)

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        meta = self.meta
        width, height = A4
        canvas.saveState()
        if meta.watermark:
            canvas.setFillColor(colors.Color(0.85, 0.85, 0.85))
            canvas.setFont(f"{FONT}-Bold", 90)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -30, meta.watermark)
            canvas.rotate(-45)
            canvas.translate(-width / 2, -height / 2)
        canvas.setFillColor(colors.black)
        canvas.setFont(f"{FONT}-Bold", 10)
        marking = printed_marking(meta.marking, meta.language)
        canvas.drawCentredString(width / 2, height - 1.2 * cm, marking)
        if meta.banner:
            canvas.setFillColor(colors.Color(0.69, 0, 0))
            canvas.drawCentredString(width / 2, height - 1.7 * cm, meta.banner)
            canvas.setFillColor(colors.black)
        if meta.logo is not None and doc.page == 1:
            canvas.drawImage(
                _logo(meta.logo.read_bytes()), MARGIN_X, height - 2.3 * cm, height=1.4 * cm, width=4 * cm,
                preserveAspectRatio=True, anchor="w", mask="auto",
            )
        canvas.drawCentredString(width / 2, 0.9 * cm, marking)
        canvas.setFont(FONT, 8)
        before, _, rest = meta.page_label.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        left = f"{meta.footer_line()} · {before}{doc.page}{middle}"
        # centre the line as if the total had as many digits as the page number
        guess = pdfmetrics.stringWidth(left + str(doc.page) + after, FONT, 8)
        x = width / 2 - guess / 2
        canvas.drawString(x, 1.45 * cm, left)
        x += pdfmetrics.stringWidth(left, FONT, 8)
        canvas.saveState()
        canvas.translate(x, 1.45 * cm)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()
        if after:
            canvas.drawString(x + pdfmetrics.stringWidth(str(doc.page), FONT, 8), 1.45 * cm, after)
        canvas.restoreState()


class _Canvas(Canvas):
    """Defines the page-total form once every page has been drawn.

    The canvas starts in the embedded font: reportlab's default (Helvetica, not embedded)
    would otherwise be named in every page's resources.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = register_fonts()
        super().__init__(*args, **kwargs)

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> TextObject:  # noqa: N802 - reportlab's name
        """ReportLab's text object, finding a line's subset codes from a table (pdf_lines)."""
        return TextObject(self, x, y, direction=direction)

    def save(self) -> None:
        total = self.getPageNumber() - 1
        self.beginForm(_TOTAL_FORM)
        self.setFont(FONT, 8)
        self.drawString(0, 0, str(total))
        self.endForm()
        self.showOutline()
        super().save()


def write_pdf(doc: Document, meta: DocumentMeta) -> bytes:
    styles = _styles()
    buf = io.BytesIO()
    template = _Doc(buf, meta)
    builder = _Flowables(styles)
    story: list[Flowable] = []
    for group in keep_groups(doc.blocks):
        flowables = builder.blocks(group)
        story.extend(flowables if len(group) == 1 else [KeepTogether(flowables)])
    story = _headings_join_what_follows(story)
    if not story:
        story = [Spacer(1, 1)]
    template.build(story, canvasmaker=_Canvas)
    return buf.getvalue()


def _headings_join_what_follows(story: list[Flowable]) -> list[Flowable]:
    """Put headings inside the kept-together block that follows them.

    reportlab's keep-with-next cannot reach into a KeepTogether, so a heading followed by
    one (a table kept whole, a lead-in and its box) would otherwise be left alone at the
    foot of a page.
    """
    out: list[Flowable] = []
    for flowable in story:
        waiting: list[Flowable] = []
        while out and isinstance(out[-1], _HeadingParagraph):
            waiting.insert(0, out.pop())
        if waiting and isinstance(flowable, KeepTogether):
            out.append(KeepTogether(waiting + list(flowable._content)))
        else:
            if waiting and isinstance(flowable, _Table) and flowable.opens_with_a_long_row():
                # the long row splits where the page ends, so the heading is never alone;
                # keeping it with the whole table would leave the rest of the page blank
                waiting[-1].keepWithNext = 0
            out.extend(waiting)
            out.append(flowable)
    return out


class _Flowables:
    def __init__(self, styles: dict[str, ParagraphStyle]) -> None:
        self.styles = styles
        self.headings = 0

    def blocks(self, blocks: tuple[Block, ...], *, cell: bool = False) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, cell=cell))
        return out

    def block(self, block: Block, *, cell: bool = False) -> list[Flowable]:
        s = self.styles
        if isinstance(block, Heading):
            self.headings += 1
            style = s[f"h{block.level}"]
            return [_HeadingParagraph(_markup(block.runs), style, block.level - 1, block.text, f"h{self.headings}")]
        if isinstance(block, Paragraph):
            style = s["cell"] if cell and block.style == "normal" else s[block.style]
            return [_Paragraph(_markup(block.runs), style)]
        if isinstance(block, ListBlock):
            items = [ListItem(self.blocks(item, cell=cell) or [Spacer(1, 1)]) for item in block.items]
            return [
                ListFlowable(
                    items,
                    bulletType="1" if block.ordered else "bullet",
                    start="1" if block.ordered else "•",
                    bulletFontName=FONT,
                    # the size of the item's text: ReportLab sets the number's baseline one
                    # bullet size below the item's top, so only then do the two line up
                    bulletFontSize=(s["cell"] if cell else s["normal"]).fontSize,
                    leftIndent=18,
                    bulletFormat="%s." if block.ordered else None,
                )
            ]
        if isinstance(block, Table):
            table = self.table(block)
            return [KeepTogether([table])] if short_table(block) and not cell else [table]
        if isinstance(block, Signature):
            return [Spacer(1, 6), self.signature(block), Spacer(1, 6)]
        if isinstance(block, PageBreak):
            return [RLPageBreak()]
        raise TypeError(f"unknown block {type(block).__name__}")

    # a row is at least this tall, so there is room to sign above the line
    SIGN_ROW = 1.0 * cm
    SIGN_LABEL_WIDTH = 4.5 * cm
    SIGN_LINE_WIDTH = 9 * cm
    SIGN_PADDING = 3

    def signature(self, block: Signature) -> RLTable:
        """Labels beside lines to sign on; a row grows with a label that wraps.

        A fixed row height let a long label (a Welsh one wraps to three lines) print over
        the label above it, so each row is as tall as its label needs, and never shorter
        than the room a signature takes.
        """
        style = self.styles["normal"]
        rows, heights = [], []
        for label in block.labels:
            para = RLParagraph(with_fallback(escape(label)) + ":", style)
            _, height = para.wrap(self.SIGN_LABEL_WIDTH - 2 * 6, A4[1])
            rows.append([para, ""])
            heights.append(max(self.SIGN_ROW, height + style.spaceAfter + 2 * self.SIGN_PADDING))
        table = RLTable(rows, colWidths=[self.SIGN_LABEL_WIDTH, self.SIGN_LINE_WIDTH], rowHeights=heights)
        table.setStyle(
            TableStyle([
                ("FONT", (0, 0), (-1, -1), FONT, style.fontSize, style.leading),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), self.SIGN_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), self.SIGN_PADDING),
            ])
        )
        return table

    def table(self, block: Table) -> RLTable:
        s = self.styles
        width = A4[0] - 2 * MARGIN_X

        def measure(word: str, bold: bool) -> float:
            return pdfmetrics.stringWidth(word, f"{FONT}-Bold" if bold else FONT, s["cell"].fontSize)

        col_widths = fit_widths(block, width, measure, padding=8 + 1)
        data = []
        headers = 0
        for row in block.rows:
            if row.header and headers == len(data):
                headers += 1
            cells = []
            for c in row.cells:
                if row.header:
                    cells.append([_Paragraph(_markup(p.runs), s["cellhead"]) for p in c.blocks if isinstance(p, Paragraph)])
                else:
                    cells.append(self.blocks(c.blocks, cell=True))
            data.append(cells)
        table = _Table(data, colWidths=col_widths, repeatRows=headers, splitInRow=1)
        style = [
            # the cells' own font: reportlab's default (Helvetica) is not embedded
            ("FONT", (0, 0), (-1, -1), FONT, s["cell"].fontSize, s["cell"].leading),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if headers:
            style.append(("BACKGROUND", (0, 0), (-1, headers - 1), colors.Color(0.9, 0.9, 0.9)))
        table.setStyle(TableStyle(style))
        return table


class _Table(RLTable):
    """A table that splits between rows, and inside a row only when the row is long.

    reportlab splits inside a row whenever the next row does not fit; a short row (a
    date and a line of text) cut over two pages is hard to read, so it moves whole to the
    next page instead. Only a row too long to be worth moving is split.
    """

    # a row shorter than this (about a third of the body of a page) is moved, not split
    KEEP_BELOW = (A4[1] - MARGIN_TOP - MARGIN_BOTTOM) / 3

    def opens_with_a_long_row(self) -> bool:
        """Whether the first row after the repeated header is one this table splits in place."""
        self.wrap(A4[0] - 2 * MARGIN_X, A4[1])
        first = self.repeatRows if isinstance(self.repeatRows, int) else 0
        return first < len(self._rowHeights) and self._rowHeights[first] >= self.KEEP_BELOW

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._calc(availWidth, availHeight)
        n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        if n < len(self._rowHeights) and self._rowHeights[n] >= self.KEEP_BELOW:
            # a long row is split where the page ends: splitting before it would leave the
            # rest of the table to start again, header and all, lower on the same page
            inside = self._splitRows(availHeight, doInRowSplit=1)
            if inside:
                return inside
        return self._splitRows(availHeight, doInRowSplit=0)


@lru_cache(maxsize=8)
def _logo(data: bytes) -> ImageReader:
    """The force's logo, read from its bytes: ReportLab names an image given by file name
    after that name, so the same logo in a folder elsewhere gave different PDF bytes; named
    after its content, the PDF is the same wherever the house style lives."""
    return ImageReader(io.BytesIO(data))
