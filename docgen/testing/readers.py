"""What a reader sees in a Word file or a PDF, as stable, readable text.

Snapshot diffs are only useful in review if they show what changed for the person reading
the document. These readers print every visible thing (text, styles, alignment, bold and
italic, tables, headers and footers, page size and orientation, fields, bookmarks, links,
document properties) and nothing a reader cannot see (zip timestamps, XML ids, font
subset tags).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
_W = "{%s}" % _NS["w"]
_SUBSET = re.compile(r"^/?[A-Z]{6}\+")
_PAPER = {(210, 297): "A4", (297, 420): "A3", (148, 210): "A5", (216, 279): "Letter"}


# a file's bytes, a path to it, or a rendered document (``docgen.pipeline.Rendered``)
Source = Union[bytes, bytearray, memoryview, str, Path, Any]


def file_bytes(data: Source, fmt: str) -> bytes:
    """The bytes of a ``fmt`` file given as bytes, a path (str or Path) or a rendered document."""
    files = getattr(data, "files", None)
    if isinstance(files, dict):
        if fmt not in files:
            raise TypeError(f"the rendered document has no {fmt} file (render with formats including {fmt!r})")
        return files[fmt]
    if isinstance(data, (str, Path)):
        return Path(data).read_bytes()
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"cannot read {type(data).__name__} as {fmt}: give bytes, a path or a rendered document")


def pdf_bytes(data: Source) -> bytes:
    return file_bytes(data, "pdf")


def docx_bytes(data: Source) -> bytes:
    return file_bytes(data, "docx")


# --------------------------------------------------------------------------- Word


def docx_text(data: Source) -> str:
    """The readable snapshot of a ``.docx`` file (bytes, a path or a rendered document)."""
    from docx import Document

    word = Document(io.BytesIO(docx_bytes(data)))
    lines: list[str] = []
    props = word.core_properties
    lines.append("== properties")
    for name in ("title", "subject", "author", "keywords", "category", "language", "content_status", "revision", "created", "modified"):
        value = getattr(props, name)
        if value not in (None, ""):
            lines.append(f"{name}: {value.isoformat() if hasattr(value, 'isoformat') else value}")
    for number, section in enumerate(word.sections, start=1):
        lines.append(f"== section {number}: {_docx_page(section)}")
        for label, part in _docx_headers(section):
            lines.append(f"-- {label}")
            lines.extend(_docx_blocks(part._element, word))
        lines.append("-- body" if number == 1 else "-- body (continued)")
        if number == 1:
            lines.extend(_docx_blocks(word.element.body, word))
    return "\n".join(lines) + "\n"


def _docx_page(section: Any) -> str:
    width = round(section.page_width.mm)
    height = round(section.page_height.mm)
    size = _PAPER.get((min(width, height), max(width, height)), f"{width} x {height} mm")
    orientation = "landscape" if width > height else "portrait"
    margins = "/".join(str(round(m.mm)) for m in (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin))
    return f"{size} {orientation}, margins {margins} mm (top/right/bottom/left)"


def _docx_headers(section: Any) -> Iterator[tuple[str, Any]]:
    pairs = [("header", section.header), ("footer", section.footer)]
    if section.different_first_page_header_footer:
        pairs += [("first-page header", section.first_page_header), ("first-page footer", section.first_page_footer)]
    for label, part in pairs:
        if not part.is_linked_to_previous:
            yield label, part


def _docx_blocks(parent: Any, word: Any, indent: str = "") -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(indent + line for line in _docx_paragraph(Paragraph(child, word)))
        elif tag == "tbl":
            table = Table(child, word)
            lines.append(f"{indent}[table {len(table.columns)} columns]")
            for row in table.rows:
                header = row._tr.trPr is not None and row._tr.trPr.find(f"{_W}tblHeader") is not None
                cells = [" ¶ ".join(filter(None, (" ".join(_docx_paragraph(p, bare=True)) for p in cell.paragraphs))) for cell in row.cells]
                lines.append(f"{indent}{'H' if header else '|'} " + " | ".join(cells))
    return lines


def _docx_paragraph(paragraph: Any, bare: bool = False) -> list[str]:
    """One paragraph as ``[Style, alignment] text``; page breaks get a line of their own.

    ``bare`` (table cells) leaves out the label when it says nothing: Normal, unaligned.
    """
    pieces: list[str] = []
    out: list[str] = []
    in_field = False
    instruction = ""
    for run in paragraph._p.iter(f"{_W}r"):
        bold = _on(run, "b")
        italic = _on(run, "i")
        for node in run:
            name = node.tag.rsplit("}", 1)[-1]
            if name == "fldChar":
                kind = node.get(f"{_W}fldCharType")
                if kind == "begin":
                    in_field, instruction = True, ""
                elif kind == "separate":
                    pieces.append("{" + instruction.strip() + "}")
                elif kind == "end":
                    in_field = False
            elif name == "instrText":
                instruction += node.text or ""
            elif in_field:
                continue
            elif name == "t":
                text = node.text or ""
                if text and bold:
                    text = f"**{text}**"
                if text and italic:
                    text = f"_{text}_"
                pieces.append(text)
            elif name == "tab":
                pieces.append("\t")
            elif name == "br":
                if node.get(f"{_W}type") == "page":
                    out.append("[page break]")
                else:
                    pieces.append(" / ")
            elif name == "drawing":
                pieces.append("[image]")
    text = "".join(pieces).replace("****", "")
    style = paragraph.style.name if paragraph.style is not None else "Normal"
    align = paragraph.alignment
    label = style if align is None else f"{style}, {str(align).split('.')[-1].split(' ')[0].lower()}"
    prefix = "" if bare and label == "Normal" else f"[{label}] "
    lines = [f"{prefix}{text}"] if text else []
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None and lines:
        lines[0] = lines[0].replace("] ", "] # ", 1)
    return lines + out


def _on(run: Any, tag: str) -> bool:
    rpr = run.find(f"{_W}rPr")
    el = rpr.find(f"{_W}{tag}") if rpr is not None else None
    return el is not None and el.get(f"{_W}val") not in ("0", "false")


# --------------------------------------------------------------------------- PDF


def pdf_text(data: Source) -> str:
    """The readable snapshot of a PDF: metadata, outline, then each page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes(data)))
    lines = ["== document", f"pages: {len(reader.pages)}"]
    root = reader.trailer["/Root"]
    if "/Lang" in root:
        lines.append(f"language: {root['/Lang']}")
    for key, value in sorted((reader.metadata or {}).items()):
        lines.append(f"{key.lstrip('/').lower()}: {value}")
    outline = list(_pdf_outline(reader, reader.outline, 0))
    lines.append("== outline" + ("" if outline else " (none)"))
    lines.extend(outline)
    for number, page in enumerate(reader.pages, start=1):
        lines.append(f"== page {number}: {_pdf_page(page)}")
        fonts = _pdf_fonts(page)
        if fonts:
            lines.append("fonts: " + ", ".join(fonts))
        lines.extend(_pdf_links(reader, page))
        lines.append(page.extract_text().strip())
    return "\n".join(lines) + "\n"


def _pdf_page(page: Any) -> str:
    width = float(page.mediabox.width) * 25.4 / 72
    height = float(page.mediabox.height) * 25.4 / 72
    if int(page.get("/Rotate", 0) or 0) % 180:
        width, height = height, width
    w, h = round(width), round(height)
    size = _PAPER.get((min(w, h), max(w, h)), f"{w} x {h} mm")
    return f"{size} {'landscape' if w > h else 'portrait'}"


def _pdf_outline(reader: Any, items: list[Any], depth: int) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _pdf_outline(reader, item, depth + 1)
            continue
        try:
            page = reader.get_destination_page_number(item) + 1
        except Exception:  # a destination outside the file: show it as such
            page = "?"
        yield f"{'  ' * depth}- {item.title} (page {page})"


def _pdf_fonts(page: Any) -> list[str]:
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        names.add(_SUBSET.sub("", str(font.get("/BaseFont", "?"))).lstrip("/"))
    return sorted(names)


def _pdf_links(reader: Any, page: Any) -> list[str]:
    out = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Link":
            continue
        action = annot.get("/A")
        if action is not None and action.get_object().get("/URI") is not None:
            out.append(f"link: {action.get_object()['/URI']}")
        elif annot.get("/Dest") is not None:
            out.append(f"link: to {annot['/Dest']}")
        else:
            out.append("link: (no target)")
    return out
