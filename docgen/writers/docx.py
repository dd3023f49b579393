"""The Word writer (python-docx).

Produces a file that edits like any other Word document: real styles (Title, Heading 1-3,
List Number, Table Grid), numbered terms that restart per list and renumber themselves
when a user inserts one, PAGE/NUMPAGES fields in the footer, and the protective marking
in the header and footer of every page.

Byte-identical output for the same input: python-docx stamps the current time on every
zip entry, so the package is rewritten with a fixed timestamp and the core properties
take the document date.

python-docx opens the base template, and its own path (``_write_with_python_docx``) builds
the header, footer and body as WordprocessingML elements on its tree (see "body" below),
the way its setters would write them, and saves the package. ``write_docx`` writes the
same file faster: the parts that never change between documents are compressed once per
process, the body is written as XML text (see "body as text") and the zip is written
directly. The tests hold the two paths to the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree
from lxml.etree import SubElement

from ..model import Block, Document, Heading, ListBlock, PageBreak, Paragraph, Run, Signature, Table, keep_groups, short_enough_to_keep, short_table
from ..i18n import printed_marking
from . import DocumentMeta, fit_widths

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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
    _set_up_section(word)
    _set_up_fonts(word)
    return _save(word)


class _Prototype(NamedTuple):
    word: object  # python-docx's Document, never changed
    style_ids: dict[str, str]
    list_numbering: dict[str, str | None]  # list style -> its abstract numbering


@lru_cache(maxsize=1)
def _prototype() -> _Prototype:
    """The base template opened once per process. The prototype itself is never changed."""
    word = new_document(io.BytesIO(_base_template()))
    numbering = word.part.numbering_part.element
    list_numbering = {}
    for name in ("List Number", "List Number 2", "List Number 3"):
        style = word.styles[name].element
        num_pr = style.pPr.numPr if style.pPr is not None else None
        abstract = None
        if num_pr is not None and num_pr.numId is not None:
            for num in numbering.findall(qn("w:num")):
                if num.get(qn("w:numId")) == str(num_pr.numId.val):
                    abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        list_numbering[name] = abstract
    return _Prototype(word, {style.name: style.style_id for style in word.styles}, list_numbering)


def write_docx(doc: Document, meta: DocumentMeta) -> bytes:
    """The document as python-docx would save it (``_write_with_python_docx``), built
    from a skeleton: only the parts that differ between documents are copied, filled,
    serialised and compressed; the rest are compressed once per process."""
    logo = _logo_bytes(meta.logo)
    skeleton = _skeleton(meta.logo, logo)
    footer = copy.deepcopy(skeleton.footer)
    core = copy.deepcopy(skeleton.core)
    _fill_footer(footer, meta)
    prototype = _prototype()
    writer = _BodyText(prototype.style_ids, prototype.list_numbering, skeleton.numbering, copy_numbering=True)
    body = _write_body_text(writer, doc).encode("utf-8")
    _set_properties(CoreProperties(core), meta)
    fresh = {"footer": footer, "core": core, "numbering": writer.numbering if writer.numbering_changed else None}
    members = []
    for name, role, fixed in skeleton.members:
        if role == "document":
            members.append(_deflate(name, skeleton.body_at[0] + body + skeleton.body_at[1]))
        elif role == "header":
            members.append(_header_member(name, meta.logo, logo, meta.marking, meta.language, meta.banner))
        elif role == "styles":
            members.append(_styles_member(name, meta.language))
        elif role is None or fresh[role] is None:
            members.append(fixed)
        else:
            members.append(_deflate(name, serialize_part_xml(fresh[role])))
    return _zip(members)


def _write_with_python_docx(doc: Document, meta: DocumentMeta) -> bytes:
    """The same document through python-docx's own objects and package writer: the path
    ``write_docx`` takes a shortcut past (the tests hold the two equal)."""
    prototype = _prototype()
    word = _start(meta.logo)
    section = word.sections[0]
    _fill_page(section.header._element, section.footer._element, meta)
    _set_up_styles(word.styles.element, meta.language)
    writer = _BodyWriter(prototype.style_ids, prototype.list_numbering, word.part.numbering_part.element)
    _write_body(writer, word.element.body, doc)
    _set_properties(word.core_properties, meta)
    return _save(word)


def _start(logo: Path | None):
    """A copy of the prototype as every document begins: with its header and footer
    parts, and the logo (if any) in the header's first paragraph."""
    word = copy.deepcopy(_prototype().word)
    section = word.sections[0]
    header = section.header
    header._element  # noqa: B018 - adds the header part
    if logo is not None:
        header.paragraphs[0].add_run().add_picture(str(logo), height=Cm(1.4))
    section.footer._element  # noqa: B018 - adds the footer part
    return word


def _logo_bytes(logo: Path | None) -> bytes | None:
    """The logo's content, so a skeleton is made again when the file changes."""
    return None if logo is None else logo.read_bytes()


class _Skeleton(NamedTuple):
    body_at: tuple[bytes, bytes]  # the document part before and after the body's blocks
    header: object
    footer: object
    core: object
    numbering: object
    # each zip member in python-docx's order: its name, the part it holds if that part
    # can differ between documents, and its compressed bytes as the skeleton has it
    members: tuple[tuple[str, str | None, "_Member"], ...]


@lru_cache(maxsize=4)
def _skeleton(logo: Path | None, logo_bytes: bytes | None) -> _Skeleton:
    """What every document with this logo starts from, taken from python-docx's own
    start (``_start``) and its package writer's members."""
    word = _start(logo)
    section = word.sections[0]
    header, footer = section.header.part, section.footer.part
    core = word.part.package._core_properties_part
    roles = {
        word.part.partname: "document", header.partname: "header", footer.partname: "footer", core.partname: "core",
        word.part._styles_part.partname: "styles", word.part.numbering_part.partname: "numbering",
    }  # fmt: skip
    recorder = _Recorder()
    _write_package(word, recorder)
    members = tuple(
        (name, roles.get(uri), _deflate(name, blob))
        for uri, name, blob in recorder.members
    )  # fmt: skip
    document = copy.deepcopy(word.element)
    document.body.insert(0, document.makeelement(_BODY_MARK, {}))
    before, after = serialize_part_xml(document).split(b"<w:docgenBody/>")  # one place, or this fails
    return _Skeleton((before, after), header.element, footer.element, core.element, word.part.numbering_part.element, members)



@lru_cache(maxsize=32)
def _header_member(name: str, logo: Path | None, logo_bytes: bytes | None, marking: str, language: str, banner: str) -> _Member:
    """The header part, compressed once for each logo, marking and banner."""
    header = copy.deepcopy(_skeleton(logo, logo_bytes).header)
    _fill_header(header, logo is not None, marking, language, banner)
    return _deflate(name, serialize_part_xml(header))


@lru_cache(maxsize=16)
def _styles_member(name: str, language: str) -> "_Member":
    """The styles part with the document's language, compressed once per language."""
    styles = copy.deepcopy(_prototype().word.styles.element)
    _set_up_styles(styles, language)
    return _deflate(name, serialize_part_xml(styles))


# --- page, header and footer ---------------------------------------------------------


def _set_up_section(word) -> None:
    """A4 portrait with the house margins: the same for every document, so set once in
    the base template."""
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = Cm(2.4)
    section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)


def _set_up_fonts(word) -> None:
    """Arial in Normal, Title and the headings: the same for every document, so set once
    in the base template (the language, which differs, is added by ``_set_up_styles``)."""
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
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)


def _fill_page(header, footer, meta: DocumentMeta) -> None:
    """The header (logo, marking, banner) and footer (reference, page N of M, marking),
    written as elements the way python-docx's setters write them. The logo is already
    in the header's first paragraph (see ``_start``)."""
    _fill_header(header, meta.logo is not None, meta.marking, meta.language, meta.banner)
    _fill_footer(footer, meta)


def _fill_header(header, logo: bool, marking: str, language: str, banner: str) -> None:
    """The header from only what it shows, so that ``write_docx`` can compress it once
    for every document with the same marking, banner and logo."""
    first = SubElement(header, _P) if logo else header[0]
    _marking_paragraph(first, printed_marking(marking, language))
    if banner:
        _centred_bold(SubElement(header, _P), banner, "color", "B00000")


def _fill_footer(footer, meta: DocumentMeta) -> None:
    marking = printed_marking(meta.marking, meta.language)
    line = footer[0]
    _center(line)
    _small_run(line, meta.footer_line() + " · ")
    before, _, rest = meta.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    _small_run(line, before)
    _field(line, "PAGE")
    _small_run(line, middle)
    _field(line, "NUMPAGES")
    if after:
        _small_run(line, after)
    _marking_paragraph(SubElement(footer, _P), marking)


def _center(p) -> None:
    """Centre a paragraph: ``jc`` after any pStyle, as ``alignment = CENTER`` writes it."""
    ppr = p[0] if len(p) and p[0].tag == _PPR else None
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    SubElement(ppr, f"{_W}jc", {_VAL: "center"})


def _marking_paragraph(p, marking: str) -> None:
    _centred_bold(p, marking, "sz", "20")


def _centred_bold(p, text: str, prop: str, value: str) -> None:
    """``p`` centred, holding ``text`` in bold with one more run property (its size or colour)."""
    _center(p)
    r = SubElement(p, _R)
    props = SubElement(r, _RPR)
    SubElement(props, f"{_W}b")
    SubElement(props, f"{_W}{prop}", {_VAL: value})
    _text(r, text)


def _small_run(p, text: str):
    """A run in 8 pt."""
    r = SubElement(p, _R)
    SubElement(SubElement(r, _RPR), f"{_W}sz", {_VAL: "16"})
    if text:
        _text(r, text)
    return r


def _field(p, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) so page numbers stay right after editing.

    Each part of the field sits in its own run, as Word writes them; LibreOffice only
    applies the run's size to the result when it does.
    """
    SubElement(_small_run(p, ""), f"{_W}fldChar", {f"{_W}fldCharType": "begin"})
    instr = SubElement(_small_run(p, ""), f"{_W}instrText", {_XML_SPACE: "preserve"})
    instr.text = f" {instruction} "
    SubElement(_small_run(p, ""), f"{_W}fldChar", {f"{_W}fldCharType": "separate"})
    SubElement(_small_run(p, ""), _T).text = "1"
    SubElement(_small_run(p, ""), f"{_W}fldChar", {f"{_W}fldCharType": "end"})


def _set_up_styles(styles, language: str) -> None:
    """The document's language on Normal (the fonts are in the base template)."""
    normal = styles.find(f"{_W}style[@{_W}styleId='Normal']")
    rpr = normal.find(_RPR)
    lang = SubElement(rpr, f"{_W}lang", {_VAL: language})
    lang.set(f"{_W}bidi", language)


def _set_properties(props: CoreProperties, meta: DocumentMeta) -> None:
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


class _Recorder:
    """python-docx's physical writer interface, keeping each member instead of writing it."""

    def __init__(self) -> None:
        self.members: list[tuple[str, str, bytes]] = []  # (part URI, member name, blob)

    def write(self, pack_uri, blob: bytes) -> None:
        self.members.append((str(pack_uri), pack_uri.membername, blob))


def _write_package(word, writer) -> None:
    """Hand each member to ``writer`` as python-docx's ``Package.save`` does."""
    package = word.part.package
    for part in package.parts:
        part.before_marshal()
    parts = list(package.parts)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)


def _save(word) -> bytes:
    """Save as python-docx's ``Package.save`` does, through :class:`_FixedTimeZip`."""
    buf = io.BytesIO()
    writer = _FixedTimeZip(buf)
    _write_package(word, writer)
    writer.close()
    return buf.getvalue()


# --- zip -----------------------------------------------------------------------------
#
# The same archive ``_FixedTimeZip`` writes through zipfile (local headers without data
# descriptors, deflate at zlib's default level, the one fixed time, mode 0644, no zip64:
# a part is far below 4 GB), from members compressed beforehand, so that a part that is
# the same in every document is compressed once per process.


class _Member(NamedTuple):
    name: bytes
    flags: int  # 0x800 for a UTF-8 name, as zipfile sets it
    crc: int
    size: int
    data: bytes  # raw deflate


def _deflate(name: str, blob: bytes) -> _Member:
    try:
        encoded, flags = name.encode("ascii"), 0
    except UnicodeEncodeError:
        encoded, flags = name.encode("utf-8"), 0x800
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return _Member(encoded, flags, zlib.crc32(blob), len(blob), compressor.compress(blob) + compressor.flush())


_DOS_TIME = _FIXED_ZIP_TIME[3] << 11 | _FIXED_ZIP_TIME[4] << 5 | _FIXED_ZIP_TIME[5] // 2
_DOS_DATE = (_FIXED_ZIP_TIME[0] - 1980) << 9 | _FIXED_ZIP_TIME[1] << 5 | _FIXED_ZIP_TIME[2]
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def _zip(members: list[_Member]) -> bytes:
    """The archive of ``members``, in order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        head = _LOCAL.pack(b"PK\x03\x04", 20, 0, m.flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size, len(m.name), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, m.flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, m.crc,
                                     len(m.data), m.size, len(m.name), 0, 0, 0, 0, 0o644 << 16, offset))  # fmt: skip
        central.append(m.name)
        out += (head, m.name, m.data)
        offset += len(head) + len(m.name) + len(m.data)
    directory = b"".join(central)
    out.append(directory)
    out.append(_END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0))
    return b"".join(out)


# --- body ----------------------------------------------------------------------------
#
# The body is built as WordprocessingML elements directly: python-docx's object layer
# searches each element's children for the schema position on every property it sets,
# and adds text a character at a time, which was most of the writer's time. The elements
# are made through python-docx's own parser (SubElement on its tree), so they are its
# element classes and the package saves as any python-docx document does; the XML is the
# same, element for element and attribute for attribute, as python-docx's setters write.
# ``write_docx`` writes the header and footer this way; the body elements are its
# reference (see "body as text").

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _PPR, _R, _RPR, _T, _BR = (f"{_W}{t}" for t in ("p", "pPr", "r", "rPr", "t", "br"))
_VAL = f"{_W}val"
_BODY_MARK = f"{_W}docgenBody"  # where the body's blocks go, in the skeleton's document part
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_KEEP_ORDER = {f"{_W}keepNext": (f"{_W}pStyle",), f"{_W}keepLines": (f"{_W}pStyle", f"{_W}keepNext")}
_JC = {"right": "right", "center": "center", "title": "left"}
_SPACE_AFTER_ADDRESS = str(Pt(0).twips)
_SPACE_BEFORE_SIGNATURE = str(Pt(14).twips)


def _text(r, text: str) -> None:
    """Text into a run as python-docx's ``Run.text`` writes it (tabs and line ends become
    ``w:tab`` and ``w:br``; ``xml:space`` kept where the text has outer spaces)."""
    if "\t" in text or "\r" in text or "\n" in text:
        from docx.oxml.text.run import _RunContentAppender

        _RunContentAppender.append_to_run_from_text(r, text)
        return
    t = SubElement(r, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")


def _plain_run(p, text: str):
    """A run without properties, as ``Paragraph.add_run(text)`` makes it."""
    r = SubElement(p, _R)
    if text:
        _text(r, text)
    return r


def _set_keep(p, tag: str) -> None:
    """Set keepNext or keepLines on a paragraph at its place in the schema's order."""
    ppr = p[0] if len(p) and p[0].tag == _PPR else None
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    before = _KEEP_ORDER[tag]
    index = 0
    for child in ppr:
        if child.tag == tag:
            return
        if child.tag not in before:
            break
        index += 1
    ppr.insert(index, ppr.makeelement(tag, {}))


def _write_body(writer, body, doc: Document) -> None:
    """Write the body: keep groups on one page, and tag each half of a bilingual document.

    Blocks that must share a page (a signature with what it signs) keep with the next
    paragraph. ``doc.meta["languages"]`` ("cy-GB:0,en-GB:57") says at which block each
    language begins; the styles carry the first language, so a screen reader or spelling
    checker would read the English half as Welsh unless its runs say otherwise.
    """
    starts = sorted((int(index), tag) for tag, _, index in (p.rpartition(":") for p in doc.meta.get("languages", "").split(",") if p))
    sect = body[-1] if len(body) and body[-1].tag == qn("w:sectPr") else None
    if sect is not None:  # new blocks go in before it: taken out, and put back at the end
        body.remove(sect)
    number = 0
    for group in keep_groups(doc.blocks):
        group_start = len(body)
        for block in group:
            before = len(body)
            writer.block(block, body, level=0)
            if len(starts) >= 2:
                language = next((tag for index, tag in reversed(starts) if index <= number), starts[0][1])
                for element in body[before:]:
                    for run in element.iter(_R):
                        rpr = run[0] if len(run) and run[0].tag == _RPR else None
                        if rpr is None:
                            rpr = run.makeelement(_RPR, {})
                            run.insert(0, rpr)
                        SubElement(rpr, f"{_W}lang", {_VAL: language})
            number += 1
        if len(group) > 1:
            _keep_on_one_page([el for el in body[group_start:] if el.tag == _P])
    if sect is not None:
        body.append(sect)


class _BodyWriter:
    def __init__(self, style_ids: dict[str, str], list_numbering: dict[str, str | None], numbering, *,
                 copy_numbering: bool = False) -> None:  # fmt: skip
        """``numbering`` is the numbering part's element; with ``copy_numbering`` it is
        copied before the first list restarts, and left alone when none does."""
        self.numbering = numbering
        self.numbering_changed = False
        self._copy_numbering = copy_numbering
        self._next_num_id = 1000
        self._style_ids = style_ids
        self._list_numbering = list_numbering

    def add_paragraph(self, container, style: str | None = None, *, keep_next: bool = False, num_id: int | None = None,
                      space_before: str | None = None, space_after: str | None = None, indent: str | None = None,
                      jc: str | None = None):  # fmt: skip
        """A paragraph with its properties in the schema's order (pStyle, keepNext, numPr,
        spacing, ind, jc), each written as python-docx's setter writes it."""
        p = SubElement(container, _P)
        styled = style is not None and style != "Normal"
        if styled or keep_next or num_id is not None or space_before or space_after or indent or jc:
            ppr = SubElement(p, _PPR)
            if styled:
                SubElement(ppr, f"{_W}pStyle", {_VAL: self._style_ids[style]})
            if keep_next:
                SubElement(ppr, f"{_W}keepNext")
            if num_id is not None:
                num_pr = SubElement(ppr, f"{_W}numPr")
                SubElement(num_pr, f"{_W}ilvl", {_VAL: "0"})
                SubElement(num_pr, f"{_W}numId", {_VAL: str(num_id)})
            if space_before is not None or space_after is not None:
                spacing = SubElement(ppr, f"{_W}spacing")
                if space_before is not None:
                    spacing.set(f"{_W}before", space_before)
                if space_after is not None:
                    spacing.set(f"{_W}after", space_after)
            if indent is not None:
                SubElement(ppr, f"{_W}ind", {f"{_W}left": indent})
            if jc is not None:
                SubElement(ppr, f"{_W}jc", {_VAL: jc})
        return p

    def blocks(self, blocks: tuple[Block, ...], container, *, level: int) -> None:
        for block in blocks:
            self.block(block, container, level=level)

    def block(self, block: Block, container, *, level: int) -> None:
        if isinstance(block, Heading):
            style = "Title" if block.level == 0 else f"Heading {block.level}"
            self.runs(self.add_paragraph(container, style, keep_next=True), block.runs)
        elif isinstance(block, Paragraph):
            self.paragraph(block, container)
        elif isinstance(block, ListBlock):
            self.list(block, container, level=level)
        elif isinstance(block, Table):
            self.table(block, container)
        elif isinstance(block, Signature):
            self.signature(block, container)
        elif isinstance(block, PageBreak):
            self.page_break(container)

    def signature(self, block: Signature, container) -> None:
        for label in block.labels:
            para = self.add_paragraph(container, space_before=_SPACE_BEFORE_SIGNATURE)
            _plain_run(para, f"{label}: ")
            _plain_run(para, "_" * 40)

    def page_break(self, container) -> None:
        SubElement(SubElement(SubElement(container, _P), _R), _BR, {f"{_W}type": "page"})

    def paragraph(self, block: Paragraph, container, style: str | None = None, indent: str | None = None):
        if style is None:
            style = {"title": "Title", "quote": "Quote", "box": "Intense Quote"}.get(block.style)
        para = self.add_paragraph(container, style, jc=_JC.get(block.style), indent=indent,
                                  space_after=_SPACE_AFTER_ADDRESS if block.style == "address" else None)  # fmt: skip
        self.runs(para, block.runs, small=block.style == "small")
        return para

    def runs(self, para, runs: tuple[Run, ...], small: bool = False, bold: bool = False) -> None:
        """Each run with its properties (b, i, sz, in the schema's order); ``bold`` makes
        every run bold, breaks included, as a header row's are."""
        for run in runs:
            r = SubElement(para, _R)
            if run.is_break:
                if bold:
                    SubElement(SubElement(r, _RPR), f"{_W}b")
                SubElement(r, _BR)
                continue
            props = SubElement(r, _RPR)
            if run.bold or bold:
                SubElement(props, f"{_W}b")
            if run.italic:
                SubElement(props, f"{_W}i")
            if small:
                SubElement(props, f"{_W}sz", {_VAL: "18"})  # half-points: 9 pt
            if run.text:
                _text(r, run.text)

    def list(self, block: ListBlock, container, *, level: int) -> None:
        depth = min(level, 2)
        base = "List Number" if block.ordered else "List Bullet"
        style = base if depth == 0 else f"{base} {depth + 1}"
        num_id = self._restart(style) if block.ordered else None
        indent = str(Cm(0.63 * (depth + 1)).twips)
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], Paragraph) else (None, item)
            para = self.add_paragraph(container, style, num_id=num_id)
            if first is not None:
                self.runs(para, first.runs)
            for child in rest:
                if isinstance(child, Paragraph):
                    self.paragraph(child, container, style="Normal", indent=indent)
                else:
                    self.block(child, container, level=level + 1)

    def _restart(self, style_name: str) -> int:
        """A new numbering instance for the style's list, restarting at 1."""
        abstract = self._list_numbering[style_name]
        if abstract is None:
            return 0
        if self._copy_numbering and not self.numbering_changed:
            self.numbering = copy.deepcopy(self.numbering)
        self.numbering_changed = True
        self._next_num_id += 1
        num = SubElement(self.numbering, qn("w:num"), {qn("w:numId"): str(self._next_num_id)})
        SubElement(num, qn("w:abstractNumId"), {_VAL: abstract})
        override = SubElement(num, qn("w:lvlOverride"), {qn("w:ilvl"): "0"})
        SubElement(override, qn("w:startOverride"), {_VAL: "1"})
        return self._next_num_id

    def table(self, block: Table, container) -> None:
        """A fixed-layout Table Grid table, as python-docx's ``add_table`` and its width,
        style and row setters write one."""
        total = Cm(21.0 - 4.4)
        widths = [Emu(int(Pt(w))).twips for w in fit_widths(block, total.pt, _measure, padding=2 * 5.4 + 1)]
        nested = container.tag == f"{_W}tc"
        tbl = SubElement(container, f"{_W}tbl")
        if nested:  # python-docx's cell.add_table ends the cell with a paragraph, as Word needs
            SubElement(container, _P)
        tbl_pr = SubElement(tbl, f"{_W}tblPr")
        SubElement(tbl_pr, f"{_W}tblStyle", {_VAL: self._style_ids["Table Grid"]})
        SubElement(tbl_pr, f"{_W}tblW", {f"{_W}type": "auto", f"{_W}w": "0"})
        SubElement(tbl_pr, f"{_W}jc", {_VAL: "center"})
        SubElement(tbl_pr, f"{_W}tblLayout", {f"{_W}type": "fixed"})
        SubElement(tbl_pr, f"{_W}tblLook", _TBL_LOOK)
        grid = SubElement(tbl, f"{_W}tblGrid")
        for width in widths:
            SubElement(grid, f"{_W}gridCol", {f"{_W}w": str(width)})
        keep = short_table(block)
        last = len(block.rows) - 1
        for index, row in enumerate(block.rows):
            tr = SubElement(tbl, f"{_W}tr")
            if row.header or short_enough_to_keep(row):
                tr_pr = SubElement(tr, f"{_W}trPr")
                if row.header:
                    SubElement(tr_pr, f"{_W}tblHeader", {_VAL: "true"})
                if short_enough_to_keep(row):
                    SubElement(tr_pr, f"{_W}cantSplit", {_VAL: "true"})
            cells = []
            for width in widths:
                tc = SubElement(tr, f"{_W}tc")
                SubElement(SubElement(tc, f"{_W}tcPr"), f"{_W}tcW", {f"{_W}type": "dxa", f"{_W}w": str(width)})
                cells.append(tc)
            for tc, content in zip(cells, row.cells):
                first = SubElement(tc, _P)
                blocks = list(content.blocks)
                if blocks and isinstance(blocks[0], Paragraph):
                    self.runs(first, blocks.pop(0).runs, bold=row.header)
                for child in blocks:
                    self.block(child, tc, level=1)
            for tc in cells[len(row.cells):]:
                SubElement(tc, _P)
            if keep and index < last:
                # Word keeps a table together when every paragraph but the last row's keeps with the next
                for tc in cells:
                    for p in tc.iterchildren(_P):
                        _set_keep(p, f"{_W}keepNext")
        SubElement(container, _P)


# --- body as text ---------------------------------------------------------------------
#
# ``write_docx`` writes the body as XML text rather than elements: making an element costs
# about a microsecond and a letter's body has hundreds, while the text is joined once and
# spliced into the document part. ``_BodyText`` writes exactly what ``_BodyWriter`` builds
# (the tests hold the two equal on generated documents); a paragraph's properties stay
# open until the end, since whether it keeps with the next is decided after what follows.

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RUN_BREAKS = re.compile("([\t\r\n])")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})  # "\r" never reaches a w:t
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _attr(value: str) -> str:
    """An attribute value as lxml escapes it."""
    if _NOT_XML.search(value):
        etree.Element("a").set("a", value)  # raises lxml's own error for what XML cannot hold
    return value.translate(_ATTR_ESCAPES)


def _t_xml(text: str) -> str:
    if _NOT_XML.search(text):
        etree.Element("t").text = text  # raises lxml's own error for what XML cannot hold
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{text.translate(_TEXT_ESCAPES)}</w:t>'
    return f"<w:t>{text.translate(_TEXT_ESCAPES)}</w:t>"


def _text_xml(text: str) -> str:
    """``_text`` as XML text."""
    if "\t" in text or "\r" in text or "\n" in text:
        return "".join("<w:tab/>" if piece == "\t" else "<w:br/>" if piece in ("\r", "\n") else _t_xml(piece)
                       for piece in _RUN_BREAKS.split(text) if piece)  # fmt: skip
    return _t_xml(text)


class _Para:
    """A paragraph written as text, its keep-with-next and keep-lines still open."""

    __slots__ = ("style", "keep_next", "keep_lines", "rest", "content")

    def __init__(self, style: str, keep_next: bool, rest: str, content: str = "") -> None:
        self.style, self.keep_next, self.keep_lines, self.rest, self.content = style, keep_next, False, rest, content

    def xml(self) -> str:
        ppr = self.style + ("<w:keepNext/>" if self.keep_next else "") + ("<w:keepLines/>" if self.keep_lines else "") + self.rest
        if ppr:
            return f"<w:p><w:pPr>{ppr}</w:pPr>{self.content}</w:p>"
        return f"<w:p>{self.content}</w:p>" if self.content else "<w:p/>"


class _Box:
    """Where blocks go: the shared list of XML pieces, and this container's own
    paragraphs (the body's or a table cell's)."""

    __slots__ = ("out", "paragraphs", "cell")

    def __init__(self, out: list, cell: bool) -> None:
        self.out, self.paragraphs, self.cell = out, [], cell

    def add(self, para: _Para) -> _Para:
        self.out.append(para)
        self.paragraphs.append(para)
        return para


def _write_body_text(writer: "_BodyText", doc: Document) -> str:
    """``_write_body`` as XML text."""
    starts = sorted((int(index), tag) for tag, _, index in (p.rpartition(":") for p in doc.meta.get("languages", "").split(",") if p))
    body = _Box([], cell=False)
    number = 0
    for group in keep_groups(doc.blocks):
        group_start = len(body.paragraphs)
        for block in group:
            if len(starts) >= 2:
                language = next((tag for index, tag in reversed(starts) if index <= number), starts[0][1])
                writer.lang = f'<w:lang w:val="{_attr(language)}"/>'
            writer.block(block, body, level=0)
            number += 1
        if len(group) > 1:
            paragraphs = body.paragraphs[group_start:]
            for para in paragraphs[:-1]:
                para.keep_next = True
            for para in paragraphs:
                para.keep_lines = True
    return "".join(piece if isinstance(piece, str) else piece.xml() for piece in body.out)


class _BodyText(_BodyWriter):
    """``_BodyWriter`` writing XML text into a :class:`_Box` instead of elements."""

    lang = ""  # the run language of a bilingual document's current half, as XML

    def add_paragraph(self, container: _Box, style: str | None = None, *, keep_next: bool = False, num_id: int | None = None,
                      space_before: str | None = None, space_after: str | None = None, indent: str | None = None,
                      jc: str | None = None) -> _Para:  # fmt: skip
        rest = ""
        if num_id is not None:
            rest = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        if space_before is not None or space_after is not None:
            rest += "<w:spacing" + (f' w:before="{space_before}"' if space_before is not None else "") + (
                f' w:after="{space_after}"' if space_after is not None else "") + "/>"  # fmt: skip
        if indent is not None:
            rest += f'<w:ind w:left="{indent}"/>'
        if jc is not None:
            rest += f'<w:jc w:val="{jc}"/>'
        styled = f'<w:pStyle w:val="{_attr(self._style_ids[style])}"/>' if style is not None and style != "Normal" else ""
        return container.add(_Para(styled, keep_next, rest))

    def signature(self, block: Signature, container: _Box) -> None:
        run = f"<w:r><w:rPr>{self.lang}</w:rPr>" if self.lang else "<w:r>"
        for label in block.labels:
            para = self.add_paragraph(container, space_before=_SPACE_BEFORE_SIGNATURE)
            para.content = f"{run}{_text_xml(f'{label}: ')}</w:r>{run}{_text_xml('_' * 40)}</w:r>"

    def page_break(self, container: _Box) -> None:
        props = f"<w:rPr>{self.lang}</w:rPr>" if self.lang else ""
        container.add(_Para("", False, "", f'<w:r>{props}<w:br w:type="page"/></w:r>'))

    def runs(self, para: _Para, runs: tuple[Run, ...], small: bool = False, bold: bool = False) -> None:
        out = []
        lang = self.lang
        for run in runs:
            if run.is_break:
                props = ("<w:b/>" if bold else "") + lang
                out.append(f"<w:r><w:rPr>{props}</w:rPr><w:br/></w:r>" if props else "<w:r><w:br/></w:r>")
                continue
            props = ("<w:b/>" if run.bold or bold else "") + ("<w:i/>" if run.italic else "") + ('<w:sz w:val="18"/>' if small else "") + lang
            text = _text_xml(run.text) if run.text else ""
            out.append(f"<w:r><w:rPr>{props}</w:rPr>{text}</w:r>" if props else f"<w:r><w:rPr/>{text}</w:r>")
        para.content += "".join(out)

    def table(self, block: Table, container: _Box) -> None:
        total = Cm(21.0 - 4.4)
        widths = [Emu(int(Pt(w))).twips for w in fit_widths(block, total.pt, _measure, padding=2 * 5.4 + 1)]
        out = container.out
        out.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="{_attr(self._style_ids["Table Grid"])}"/>{_TBL_PR_TAIL}</w:tblPr><w:tblGrid>')
        out.append("".join(f'<w:gridCol w:w="{width}"/>' for width in widths) + "</w:tblGrid>")
        keep = short_table(block)
        last = len(block.rows) - 1
        for index, row in enumerate(block.rows):
            short = short_enough_to_keep(row)
            if row.header or short:
                out.append("<w:tr><w:trPr>" + ('<w:tblHeader w:val="true"/>' if row.header else "")
                           + ('<w:cantSplit w:val="true"/>' if short else "") + "</w:trPr>")  # fmt: skip
            else:
                out.append("<w:tr>")
            for column, width in enumerate(widths):
                out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>')
                cell = _Box(out, cell=True)
                first = cell.add(_Para("", False, ""))
                if column < len(row.cells):
                    blocks = list(row.cells[column].blocks)
                    if blocks and isinstance(blocks[0], Paragraph):
                        self.runs(first, blocks.pop(0).runs, bold=row.header)
                    for child in blocks:
                        self.block(child, cell, level=1)
                if keep and index < last:
                    for para in cell.paragraphs:
                        para.keep_next = True
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        if container.cell:  # as ``_BodyWriter.table``: an empty paragraph after a nested table
            container.add(_Para("", False, ""))
        container.add(_Para("", False, ""))


_TBL_PR_TAIL = ('<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook '
                + " ".join(f'w:{k}="{v}"' for k, v in (("firstColumn", "1"), ("firstRow", "1"), ("lastColumn", "0"),
                                                        ("lastRow", "0"), ("noHBand", "0"), ("noVBand", "1"), ("val", "04A0")))
                + "/>")  # fmt: skip


_TBL_LOOK = {f"{_W}{k}": v for k, v in (("firstColumn", "1"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"),
                                         ("noHBand", "0"), ("noVBand", "1"), ("val", "04A0"))}  # fmt: skip


def _keep_on_one_page(paragraphs) -> None:
    """Keep a run of paragraphs together: each keeps its lines and stays with the next."""
    for index, p in enumerate(paragraphs):
        if index < len(paragraphs) - 1:
            _set_keep(p, f"{_W}keepNext")
        _set_keep(p, f"{_W}keepLines")


def _measure(word: str, bold: bool) -> float:
    """A word's width in points, measured in the PDF's font (Word's own is close enough)."""
    from reportlab.pdfbase import pdfmetrics

    from .pdf import FONT, register_fonts

    register_fonts()
    return pdfmetrics.stringWidth(word, f"{FONT}-Bold" if bold else FONT, 10)
