"""The format-neutral document model.

A template renders to a small XML vocabulary; :func:`parse` turns that into these
blocks; the DOCX and PDF writers each turn the blocks into a file. Keeping one model
between template and writers is what stops the two formats drifting apart.

The vocabulary (one element per block):

``<document title=".." subject="..">``  the root
``<heading level="1|2|3">``             a heading (also a PDF bookmark)
``<p style="..">``                      a paragraph; inline ``<b>``, ``<i>``, ``<br/>``
``<list style="number|bullet">``        a list of ``<item>``; an item holds inline text
                                        or block children (``<p>``, nested ``<list>``)
``<table widths="30,70">``              rows ``<tr header="1">`` of cells ``<td>``
``<signature>``                         lines ``<line label=".."/>`` to be signed by hand
``<pagebreak/>``                        start a new page

Whitespace that comes from template layout (any run containing a line break or tab) is
folded to one space, as in HTML; spaces inside case data survive.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal, Union

ParagraphStyle = Literal["normal", "small", "right", "center", "address", "quote", "title", "box"]
_STYLES = set(ParagraphStyle.__args__)  # type: ignore[attr-defined]
_LAYOUT_SPACE = re.compile(r"[ ]*[\n\r\t][\s]*")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look. ``text == "\\n"`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: ParagraphStyle = "normal"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    level: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple["Block", ...], ...]


@dataclass(frozen=True)
class Cell:
    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    widths: tuple[int, ...]  # percentages of the text width, one per column


@dataclass(frozen=True)
class Signature:
    """Lines for a hand signature, each with a label such as "Signed" or "Date"."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Paragraph, Heading, ListBlock, Table, Signature, PageBreak]


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    blocks: tuple[Block, ...]
    meta: dict[str, str] = field(default_factory=dict, compare=False)


class ModelError(ValueError):
    """The template produced markup outside the vocabulary: a template bug, not user error."""


def parse(markup: str) -> Document:
    """Parse template output into a :class:`Document`."""
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        context = markup.splitlines()[line - 1][:120] if line else ""
        raise ModelError(f"template output is not well-formed at line {line}: {exc}; near: {context!r}") from None
    if root.tag != "document":
        raise ModelError(f"the root element must be <document>, not <{root.tag}>")
    title = root.get("title")
    if not title:
        raise ModelError("<document> needs a title attribute")
    return Document(title=_fold(title), subject=_fold(root.get("subject", "")), blocks=_blocks(root))


def _fold(text: str) -> str:
    return _LAYOUT_SPACE.sub(" ", text).strip()


def _blocks(parent: ET.Element) -> tuple[Block, ...]:
    out: list[Block] = []
    if parent.text and parent.text.strip():
        raise ModelError(f"text outside a paragraph in <{parent.tag}>: {parent.text.strip()[:60]!r}")
    for el in parent:
        out.append(_block(el))
        if el.tail and el.tail.strip():
            raise ModelError(f"text outside a paragraph after <{el.tag}>: {el.tail.strip()[:60]!r}")
    return tuple(out)


def _block(el: ET.Element) -> Block:
    tag = el.tag
    if tag == "p":
        style = el.get("style", "normal")
        if style not in _STYLES:
            raise ModelError(f"unknown paragraph style {style!r}")
        return Paragraph(_runs(el), style)  # type: ignore[arg-type]
    if tag == "heading":
        level = int(el.get("level", "1"))
        if level not in (1, 2, 3):
            raise ModelError(f"heading level must be 1, 2 or 3, not {level}")
        return Heading(level, _runs(el))
    if tag == "list":
        style = el.get("style", "number")
        if style not in ("number", "bullet"):
            raise ModelError(f"unknown list style {style!r}")
        items = []
        for item in el:
            if item.tag != "item":
                raise ModelError(f"<list> may only hold <item>, not <{item.tag}>")
            items.append(_content(item))
        return ListBlock(style == "number", tuple(items))
    if tag == "table":
        rows = []
        for tr in el:
            if tr.tag != "tr":
                raise ModelError(f"<table> may only hold <tr>, not <{tr.tag}>")
            cells = []
            for td in tr:
                if td.tag != "td":
                    raise ModelError(f"<tr> may only hold <td>, not <{td.tag}>")
                cells.append(Cell(_content(td)))
            rows.append(Row(tuple(cells), tr.get("header") == "1"))
        if not rows:
            raise ModelError("<table> has no rows")
        ncols = len(rows[0].cells)
        if any(len(r.cells) != ncols for r in rows):
            raise ModelError("every row of a <table> must have the same number of cells")
        widths = tuple(int(w) for w in el.get("widths", "").split(",") if w.strip())
        if not widths:
            widths = tuple([100 // ncols] * ncols)
        if len(widths) != ncols:
            raise ModelError(f"<table widths> gives {len(widths)} widths for {ncols} columns")
        return Table(tuple(rows), widths)
    if tag == "signature":
        labels = tuple(_fold(line.get("label", "")) for line in el if line.tag == "line")
        if not labels:
            raise ModelError("<signature> needs at least one <line label=..>")
        return Signature(labels)
    if tag == "pagebreak":
        return PageBreak()
    raise ModelError(f"unknown element <{tag}>")


def _content(el: ET.Element) -> tuple[Block, ...]:
    """An item or cell holds either inline text (one paragraph) or block children."""
    if len(el) and all(child.tag in ("p", "list", "heading", "table", "signature") for child in el):
        return _blocks(el)
    runs = _runs(el)
    return (Paragraph(runs),) if runs else ()


def _runs(el: ET.Element, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    if not len(el):  # plain text, the common case: nothing to walk
        return _normalise([(el.text, bold, italic)] if el.text else [])
    raw: list[tuple[str, bool, bool]] = []

    def walk(node: ET.Element, b: bool, i: bool) -> None:
        if node.text:
            raw.append((node.text, b, i))
        for child in node:
            if child.tag == "br":
                raw.append(("\n", False, False))
            elif child.tag in ("b", "i"):
                walk(child, b or child.tag == "b", i or child.tag == "i")
            else:
                raise ModelError(f"<{child.tag}> is not allowed inside <{el.tag}>")
            if child.tail:
                raw.append((child.tail, b, i))

    walk(el, bold, italic)
    return _normalise(raw)


def _normalise(raw: list[tuple[str, bool, bool]]) -> tuple[Run, ...]:
    """Fold layout whitespace, trim the ends and merge neighbours that look the same.

    ``raw`` holds (text, bold, italic); a text of exactly one line feed is a line break.
    Every paragraph of every document passes through here, so the runs are built once,
    at the end, from plain strings.
    """
    if len(raw) == 1:  # one stretch of text (most paragraphs): fold it and trim both ends
        text, b, i = raw[0]
        if text != "\n":
            if "\n" in text or "\r" in text or "\t" in text:
                text = _LAYOUT_SPACE.sub(" ", text)
            text = text.strip(" ")
        return (Run(text, b, i),) if text else ()
    texts: list[str] = []
    looks: list[tuple[bool, bool]] = []
    for text, b, i in raw:
        if text != "\n":
            if "\n" in text or "\r" in text or "\t" in text:
                text = _LAYOUT_SPACE.sub(" ", text)
            if not text:
                continue
            if texts and texts[-1] != "\n" and looks[-1] == (b, i):
                texts[-1] += text
                continue
        texts.append(text)
        looks.append((b, i))
    # trim spaces at the start and end of the paragraph and around line breaks (a run
    # emptied by trimming is dropped; its neighbours are not merged again)
    last = len(texts) - 1
    runs = []
    for idx, text in enumerate(texts):
        if text != "\n":
            if idx == 0 or texts[idx - 1] == "\n":
                text = text.lstrip(" ")
            if idx == last or texts[idx + 1] == "\n":
                text = text.rstrip(" ")
            if not text:
                continue
        runs.append(Run(text, *looks[idx]))
    return tuple(runs)


def to_text(doc: Document) -> str:
    """A readable, stable text form of the model, for snapshots and reviews."""
    lines = [f"# {doc.title}", f"subject: {doc.subject}"]
    for key in sorted(doc.meta):
        lines.append(f"{key}: {doc.meta[key]}")
    lines.append("")

    def inline(runs: tuple[Run, ...]) -> str:
        parts = []
        for r in runs:
            if r.is_break:
                parts.append(" / ")
            elif r.bold:
                parts.append(f"**{r.text}**")
            elif r.italic:
                parts.append(f"_{r.text}_")
            else:
                parts.append(r.text)
        return "".join(parts)

    def emit(blocks: tuple[Block, ...], indent: str) -> None:
        for b in blocks:
            if isinstance(b, Heading):
                lines.append(f"{indent}{'#' * (b.level + 1)} {inline(b.runs)}")
            elif isinstance(b, Paragraph):
                tag = "" if b.style == "normal" else f"[{b.style}] "
                lines.append(f"{indent}{tag}{inline(b.runs)}")
            elif isinstance(b, ListBlock):
                for n, item in enumerate(b.items, start=1):
                    lines.append(f"{indent}{n if b.ordered else '-'}{'.' if b.ordered else ''}")
                    emit(item, indent + "    ")
            elif isinstance(b, Table):
                lines.append(f"{indent}[table {'/'.join(map(str, b.widths))}]")
                for row in b.rows:
                    cells = []
                    for c in row.cells:
                        cells.append(" ¶ ".join(inline(p.runs) if isinstance(p, (Paragraph, Heading)) else type(p).__name__ for p in c.blocks))
                    lines.append(f"{indent}{'H' if row.header else '|'} " + " | ".join(cells))
            elif isinstance(b, Signature):
                lines.append(f"{indent}[signature] " + "; ".join(f"{label}: ____" for label in b.labels))
            elif isinstance(b, PageBreak):
                lines.append(f"{indent}[page break]")

    emit(doc.blocks, "")
    return "\n".join(lines) + "\n"


def keep_groups(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """Split top-level blocks into runs that must start and end on the same page.

    A signature block is never left alone at the top of a page: it stays with the
    paragraph it signs (and that paragraph's heading), with any signature blocks that
    follow it, and with the signatory's name lines just after it. Every other block is a
    group of its own; headings keep with what follows through the writers' own
    keep-with-next.
    """
    groups: list[list[Block]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Signature):
            if groups and _joins_previous(groups[-1], block):
                groups[-1].append(block)
            else:
                groups.append([block])
            i += 1
            continue
        group: list[Block] = []
        # what is signed: the paragraph just before, and its heading if it has one; after a
        # letter's valediction ("Yours sincerely,") that is the paragraph before it, so the
        # sign-off never stands alone on a last page
        if groups and isinstance(groups[-1][-1], (Paragraph, Heading)) and len(groups[-1]) == 1:
            group = groups.pop()
            if _valediction(group[0]) and groups and isinstance(groups[-1][-1], Paragraph) and len(groups[-1]) == 1:
                group = groups.pop() + group
            if isinstance(group[0], Paragraph) and groups and isinstance(groups[-1][-1], Heading) and len(groups[-1]) == 1:
                group = groups.pop() + group
        while i < len(blocks) and isinstance(blocks[i], Signature):
            group.append(blocks[i])
            i += 1
        # the signatory's name, role and force printed under the lines
        if i < len(blocks) and isinstance(blocks[i], Paragraph):
            group.append(blocks[i])
            i += 1
        groups.append(group)
    return [tuple(g) for g in groups]


def _valediction(block: Block) -> bool:
    """A letter's closing words before its signature: short, and ending in a comma."""
    return isinstance(block, Paragraph) and len(block.text) <= 40 and block.text.rstrip().endswith(",")


def _joins_previous(group: list[Block], block: Block) -> bool:
    """Whether ``block`` must share a page with the group before it.

    A sentence that introduces what follows ("By the end of 3 May you must:") never ends a
    page on its own, and the lines of an address are never split between two pages.
    """
    last = group[-1]
    if isinstance(last, Paragraph) and last.text.rstrip().endswith(":") and not isinstance(block, (PageBreak, Heading)):
        return len(group) < 8  # a long run is left to break where it must
    if isinstance(last, Paragraph) and last.style == "address" and isinstance(block, Paragraph):
        return len(group) < 12  # the address lines and the postcode after them
    return False


def short_enough_to_keep(row: Row, limit: int = 600) -> bool:
    """A table row short enough that splitting it over two pages only hurts reading."""
    def length(blocks: tuple[Block, ...]) -> int:
        total = 0
        for b in blocks:
            if isinstance(b, (Paragraph, Heading)):
                total += len(b.text)
            elif isinstance(b, ListBlock):
                total += sum(length(item) for item in b.items)
            elif isinstance(b, Table):
                total += sum(length(c.blocks) for r in b.rows for c in r.cells)
        return total

    return max((length(c.blocks) for c in row.cells), default=0) <= limit


def short_table(table: Table, rows: int = 12, limit: int = 1800) -> bool:
    """A table short enough to keep on one page: a court reader should not find one row of
    a term's table ("Monitoring") alone at the top of the next page."""
    if len(table.rows) > rows or not all(short_enough_to_keep(r) for r in table.rows):
        return False
    total = sum(len(b.text) for r in table.rows for c in r.cells for b in c.blocks if isinstance(b, (Paragraph, Heading)))
    return total <= limit


def cell_words(cell: Cell) -> list[str]:
    """The unbreakable words of a cell's text (what a column must be wide enough for)."""
    words: list[str] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for b in blocks:
            if isinstance(b, (Paragraph, Heading)):
                words.extend(b.text.split())
            elif isinstance(b, ListBlock):
                for item in b.items:
                    walk(item)

    walk(cell.blocks)
    return words
