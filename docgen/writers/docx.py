"""The Word writer (python-docx).

Produces a file that edits like any other Word document: real styles (Title, Heading 1-3,
List Number, Table Grid), numbered terms that restart per list and renumber themselves
when a user inserts one, PAGE/NUMPAGES fields in the footer, and the protective marking
in the header and footer of every page.

Byte-identical output for the same input: python-docx stamps the current time on every
zip entry, so the package is rewritten with a fixed timestamp and the core properties
take the document date.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..model import Block, Document, Heading, ListBlock, PageBreak, Paragraph, Run, Signature, Table, keep_groups, short_enough_to_keep, short_table
from ..i18n import printed_marking
from . import DocumentMeta, fit_widths

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ALIGN = {
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "title": WD_ALIGN_PARAGRAPH.LEFT,
}


# The styles the writer uses, plus what they are based on or linked to. Everything else
# in python-docx's default template (hundreds of styles, a second copy of them for Word
# 2010, a thumbnail) is dropped once per process: it made every file ~30 KB larger and
# took most of the writer's time to parse and compress.
_KEEP_STYLES = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "Title",
    "Heading 1", "Heading 2", "Heading 3", "List Number", "List Number 2", "List Number 3",
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Paragraph", "Quote", "Intense Quote",
    "Header", "Footer",
}
_DROP_PACKAGE_RELS = ("thumbnail",)
_DROP_DOCUMENT_RELS = ("stylesWithEffects", "customXml")


@lru_cache(maxsize=1)
def _base_template() -> bytes:
    """python-docx's default template cut down to the styles used, made once per user
    (the per-user cache keys it by docgen's code and python-docx's version)."""
    from .. import cache

    return cache.cached("docx-base", "styles", _make_base_template)


def _make_base_template() -> bytes:
    word = new_document()
    package = word.part.package
    for rels, drop in ((package.rels, _DROP_PACKAGE_RELS), (word.part.rels, _DROP_DOCUMENT_RELS)):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in drop:
                del rels[r_id]
    styles = word.styles.element
    keep_ids = set()
    by_name = {s.name: s for s in word.styles}
    for name in _KEEP_STYLES:
        style = by_name.get(name)
        while style is not None and style.style_id not in keep_ids:
            keep_ids.add(style.style_id)
            for ref in ("w:link", "w:basedOn", "w:next"):
                el = style.element.find(qn(ref))
                if el is not None:
                    linked = next((s for s in word.styles if s.style_id == el.get(qn("w:val"))), None)
                    if linked is not None and linked.style_id not in keep_ids:
                        keep_ids.add(linked.style_id)
            base = style.element.find(qn("w:basedOn"))
            style = next((s for s in word.styles if base is not None and s.style_id == base.get(qn("w:val"))), None)
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep_ids:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    return _save(word)


def write_docx(doc: Document, meta: DocumentMeta) -> bytes:
    word = new_document(io.BytesIO(_base_template()))
    _set_up_page(word, meta)
    _set_up_styles(word, meta)
    writer = _BodyWriter(word)
    _write_body(writer, word, doc)
    _set_properties(word, meta)
    return _save(word)


def _write_body(writer, word, doc: Document) -> None:
    """Write the body: keep groups on one page, and tag each half of a bilingual document.

    Blocks that must share a page (a signature with what it signs) keep with the next
    paragraph. ``doc.meta["languages"]`` ("cy-GB:0,en-GB:57") says at which block each
    language begins; the styles carry the first language, so a screen reader or spelling
    checker would read the English half as Welsh unless its runs say otherwise.
    """
    starts = sorted((int(index), tag) for tag, _, index in (p.rpartition(":") for p in doc.meta.get("languages", "").split(",") if p))
    body = word.element.body
    tail = 1 if len(body) and body[-1].tag == qn("w:sectPr") else 0  # new blocks go in before it
    number = 0
    for group in keep_groups(doc.blocks):
        group_start = len(body) - tail
        for block in group:
            before = len(body) - tail
            writer.block(block, container=word, level=0)
            if len(starts) >= 2:
                language = next((tag for index, tag in reversed(starts) if index <= number), starts[0][1])
                for element in body[before : len(body) - tail]:
                    for run in element.iter(qn("w:r")):
                        tag = OxmlElement("w:lang")
                        tag.set(qn("w:val"), language)
                        run.get_or_add_rPr().append(tag)
            number += 1
        if len(group) > 1:
            _keep_on_one_page([el for el in body[group_start : len(body) - tail] if el.tag == qn("w:p")])


# --- page, header and footer ---------------------------------------------------------


def _set_up_page(word, meta: DocumentMeta) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = Cm(2.4)
    section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)

    header = section.header
    first = header.paragraphs[0]
    if meta.logo is not None:
        first.add_run().add_picture(str(meta.logo), height=Cm(1.4))
        first = header.add_paragraph()
    marking = printed_marking(meta.marking, meta.language)
    _marking_paragraph(first, marking)
    if meta.banner:
        banner = header.add_paragraph()
        banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = banner.add_run(meta.banner)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)

    footer = section.footer
    line = footer.paragraphs[0]
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(line.add_run(meta.footer_line() + " · "))
    before, _, rest = meta.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    _small(line.add_run(before))
    _field(line, "PAGE")
    _small(line.add_run(middle))
    _field(line, "NUMPAGES")
    if after:
        _small(line.add_run(after))
    _marking_paragraph(footer.add_paragraph(), marking)


def _marking_paragraph(paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(marking)
    run.bold = True
    run.font.size = Pt(10)


def _small(run):
    run.font.size = Pt(8)
    return run


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) so page numbers stay right after editing.

    Each part of the field sits in its own run, as Word writes them; LibreOffice only
    applies the run's size to the result when it does.
    """
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, separate, text, end):
        _small(paragraph.add_run())._r.append(el)


def _set_up_styles(word, meta: DocumentMeta) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Arial")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), meta.language)
    lang.set(qn("w:bidi"), meta.language)
    rpr.append(lang)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)


def _set_properties(word, meta: DocumentMeta) -> None:
    props = word.core_properties
    stamp = dt.datetime.combine(meta.date, dt.time(0, 0))
    props.title = _property(meta.title)
    props.subject = _property(meta.subject)
    props.author = _property(meta.author)
    props.last_modified_by = _property(meta.author)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = meta.version
    props.keywords = _property(meta.reference)
    props.category = _property(meta.marking)
    props.language = _property(meta.language)
    props.comments = ""
    props.content_status = _property(meta.banner or "Final")


# Word's document properties (title, subject, author, keywords, ...) hold at most 255
# characters; python-docx refuses longer values. The document body always prints the
# whole value: the properties are only what a file browser shows.
PROPERTY_LIMIT = 255


def _property(value: str) -> str:
    """``value`` cut to fit a document property, at a word break where there is one,
    with an ellipsis to show it was cut."""
    if len(value) <= PROPERTY_LIMIT:
        return value
    cut = " ".join(value.split())[: PROPERTY_LIMIT - 1]
    if " " in cut[PROPERTY_LIMIT // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


class _FixedTimeZip:
    """python-docx's physical writer interface, stamping every entry with one fixed time.

    python-docx would stamp the current time; rewriting its zip afterwards costs a second
    round of compression, which was a third of the writer's time.
    """

    def __init__(self, buf: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=_FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def _save(word) -> bytes:
    """Save as python-docx's ``Package.save`` does, through :class:`_FixedTimeZip`."""
    package = word.part.package
    for part in package.parts:
        part.before_marshal()
    buf = io.BytesIO()
    writer = _FixedTimeZip(buf)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return buf.getvalue()


# --- body ----------------------------------------------------------------------------


class _BodyWriter:
    def __init__(self, word) -> None:
        self.word = word
        self._numbering = word.part.numbering_part.element
        self._next_num_id = 1000
        # python-docx resolves a style name with an XPath search on every paragraph;
        # resolve each name once per document instead (a large share of render time)
        self._style_ids = {style.name: style.style_id for style in word.styles}

    def add_paragraph(self, container, style: str | None = None):
        para = container.add_paragraph()
        if style is not None and style != "Normal":
            para._p.style = self._style_ids[style]
        return para

    def blocks(self, blocks: tuple[Block, ...], *, container, level: int) -> None:
        for block in blocks:
            self.block(block, container=container, level=level)

    def block(self, block: Block, *, container, level: int) -> None:
        if isinstance(block, Heading):
            style = "Title" if block.level == 0 else f"Heading {block.level}"
            para = self.add_paragraph(container, style)
            para.paragraph_format.keep_with_next = True
            self.runs(para, block.runs)
        elif isinstance(block, Paragraph):
            self.paragraph(block, container)
        elif isinstance(block, ListBlock):
            self.list(block, container=container, level=level)
        elif isinstance(block, Table):
            self.table(block, container)
        elif isinstance(block, Signature):
            for label in block.labels:
                para = self.add_paragraph(container)
                para.paragraph_format.space_before = Pt(14)
                para.add_run(f"{label}: ")
                para.add_run("_" * 40)
        elif isinstance(block, PageBreak):
            container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def paragraph(self, block: Paragraph, container, style: str | None = None):
        if style is None:
            style = {"title": "Title", "quote": "Quote", "box": "Intense Quote"}.get(block.style)
        para = self.add_paragraph(container, style)
        if block.style in _ALIGN:
            para.alignment = _ALIGN[block.style]
        if block.style == "address":
            para.paragraph_format.space_after = Pt(0)
        self.runs(para, block.runs, small=block.style == "small")
        return para

    def runs(self, para, runs: tuple[Run, ...], small: bool = False) -> None:
        for run in runs:
            if run.is_break:
                para.add_run().add_break()
                continue
            r = para.add_run(run.text)._r
            # the run's properties built directly, in the schema's order (b, i, sz), rather
            # than through python-docx's setters, which search the sequence on every call
            props = OxmlElement("w:rPr")
            if run.bold:
                props.append(OxmlElement("w:b"))
            if run.italic:
                props.append(OxmlElement("w:i"))
            if small:
                size = OxmlElement("w:sz")
                size.set(qn("w:val"), "18")  # half-points: 9 pt
                props.append(size)
            r.insert(0, props)

    def list(self, block: ListBlock, *, container, level: int) -> None:
        depth = min(level, 2)
        base = "List Number" if block.ordered else "List Bullet"
        style = base if depth == 0 else f"{base} {depth + 1}"
        num_id = self._restart(style) if block.ordered else None
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], Paragraph) else (None, item)
            para = self.add_paragraph(container, style)
            if num_id is not None:
                _set_num(para, num_id, 0)
            if first is not None:
                self.runs(para, first.runs)
            for child in rest:
                if isinstance(child, Paragraph):
                    follow = self.paragraph(child, container, style="Normal")
                    follow.paragraph_format.left_indent = Cm(0.63 * (depth + 1))
                else:
                    self.block(child, container=container, level=level + 1)

    def _restart(self, style_name: str) -> int:
        """A new numbering instance for the style's list, restarting at 1."""
        style = self.word.styles[style_name].element
        num_pr = style.pPr.numPr if style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return 0
        base_num = num_pr.numId.val
        abstract = None
        for num in self._numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(base_num):
                abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        if abstract is None:
            return 0
        self._next_num_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self._next_num_id))
        abstract_el = OxmlElement("w:abstractNumId")
        abstract_el.set(qn("w:val"), abstract)
        num.append(abstract_el)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self._numbering.append(num)
        return self._next_num_id

    def table(self, block: Table, container) -> None:
        ncols = len(block.widths)
        table = container.add_table(rows=0, cols=ncols)
        table.style = self.word.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = Cm(21.0 - 4.4)
        widths = [int(Pt(w)) for w in fit_widths(block, total.pt, _measure, padding=2 * 5.4 + 1)]
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid widths, which LibreOffice reads
        for row in block.rows:
            cells = table.add_row().cells
            if row.header:
                _repeat_header(table.rows[-1])
            if short_enough_to_keep(row):
                _row_flag(table.rows[-1], "w:cantSplit")
            for cell, width, content in zip(cells, widths, row.cells):
                cell.width = width
                first = cell.paragraphs[0]
                blocks = list(content.blocks)
                if blocks and isinstance(blocks[0], Paragraph):
                    self.runs(first, blocks.pop(0).runs)
                    if row.header:
                        for r in first.runs:
                            r.bold = True
                for child in blocks:
                    self.block(child, container=cell, level=1)
        if short_table(block):
            # Word keeps a table together when every paragraph but the last row's keeps with the next
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for para in cell.paragraphs:
                        para.paragraph_format.keep_with_next = True
        container.add_paragraph()


def _set_num(para, num_id: int, ilvl: int) -> None:
    ppr = para._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _repeat_header(row) -> None:
    _row_flag(row, "w:tblHeader")


def _row_flag(row, tag: str) -> None:
    """Set an on/off row property (repeat as header, do not split across pages)."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _keep_on_one_page(paragraphs) -> None:
    """Keep a run of paragraphs together: each keeps its lines and stays with the next."""
    for index, p in enumerate(paragraphs):
        ppr = p.get_or_add_pPr()
        if index < len(paragraphs) - 1:
            ppr.keepNext_val = True
        ppr.keepLines_val = True


def _measure(word: str, bold: bool) -> float:
    """A word's width in points, measured in the PDF's font (Word's own is close enough)."""
    from reportlab.pdfbase import pdfmetrics

    from .pdf import FONT, register_fonts

    register_fonts()
    return pdfmetrics.stringWidth(word, f"{FONT}-Bold" if bold else FONT, 10)

