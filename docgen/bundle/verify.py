"""Checking any bundle, ours or not, against the electronic bundle guidance.

The checks read the PDF as a judge's viewer would: the number printed at the foot of each
page against the page label the viewer shows; each index link against the page its text
names; each bookmark against its page; each document's bookmark; whether each page has
searchable text and reads the right way up; and the file's size. A bundle built by docgen
carries a manifest that says where every document starts, which makes the document
checks exact; for any other bundle the documents are taken to be what its index links to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, Destination, DictionaryObject, IndirectObject

from ..errors import DocgenError
from ..findings import Finding, Severity
from .furniture import Geometry
from .manifest import checksum_problem, read_manifest
from .pdfium_text import PdfiumPages, open_pages
from .pdftext import Fragment, page_fragments, shared_fonts, to_reader
from .sources import Refused, open_pdf, read_input
from .stamp import STAMP_NAME, page_geometry
from .wording import count, megabytes

DEFAULT_MAX_MB = 36.0
BAND = 0.08  # share of the page height treated as its head or foot
MIN_BAND = 36.0  # points

_REF = r"(?:[A-Z]{1,3}\d+|\d+|[ivxlcdm]+)"
REF_ONLY = re.compile(rf"(?:pp?\.\s*)?({_REF})(?:\s*[\u2013\u2014-]\s*({_REF}))?")
BOOKMARK_REF = re.compile(rf"\(pp?\.\s*({_REF})(?:\s*[\u2013\u2014-]\s*({_REF}))?\)\s*$")
NUMBERISH = re.compile(r"^(?:[A-Z]{1,3}\d+|\d+|[ivxlcdm]{1,7})$")


def _where(finding: Finding, labels: list[str]) -> str:
    """The pages a finding covers, physical and as printed; "file" for the whole bundle."""
    if finding.pages is None:
        return "file"
    first, last = finding.pages
    if first == last:
        return f"page {first} [{labels[first - 1]}]"
    return f"pages {first}-{last} [{labels[first - 1]}-{labels[last - 1]}]"


@dataclass
class VerifyReport:
    file: str
    pages: int
    size: int
    labels: list[str]
    built_by_docgen: bool
    profile: str | None
    strict: bool = False
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def compliant(self) -> bool:
        return not self.errors and not (self.strict and self.warnings)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "compliant": self.compliant,
            "pages": self.pages,
            "bytes": self.size,
            "built_by_docgen": self.built_by_docgen,
            "profile": self.profile,
            "checked": self.checked,
            "findings": [
                {
                    "check": f.rule,
                    "severity": f.severity,
                    "message": f.message,
                    "pages": list(f.pages) if f.pages else None,
                    "where": _where(f, self.labels),
                }
                for f in self.findings
            ],
        }

    def to_text(self, limit: int = 25) -> str:
        origin = f"docgen bundle ({self.profile})" if self.built_by_docgen else "not built by docgen"
        lines = [f"{self.file}: {count(self.pages, 'page')}, {megabytes(self.size)}, {origin}"]
        shown: dict[str, int] = {}
        for finding in self.findings:
            shown[finding.rule] = shown.get(finding.rule, 0) + 1
            if shown[finding.rule] == limit + 1:
                lines.append(f"  ... more {finding.rule} findings (use --format json to see all)")
            if shown[finding.rule] > limit:
                continue
            lines.append(f"{finding.severity.upper():7} {finding.rule:11} {_where(finding, self.labels)}: {finding.message}")
        verdict = "compliant" if self.compliant else "NOT compliant"
        lines.append(f"Result: {verdict} ({count(len(self.errors), 'error')}, {count(len(self.warnings), 'warning')})")
        return "\n".join(lines)


class _Findings:
    """Collects a bundle's findings (``pages`` 1-based physical pages), merging the same
    message on consecutive pages into one."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, check: str, severity: Severity, message: str, page: int | None = None) -> None:
        if page is not None:
            for i in range(len(self.items) - 1, max(-1, len(self.items) - 8), -1):
                f = self.items[i]
                if (f.rule, f.severity, f.message) == (check, severity, message) and f.pages and f.pages[1] == page:
                    self.items[i] = Finding(rule=check, severity=severity, message=message, pages=(f.pages[0], page + 1))
                    return
            self.items.append(Finding(rule=check, severity=severity, message=message, pages=(page + 1, page + 1)))
        else:
            self.items.append(Finding(rule=check, severity=severity, message=message))


def _bands(height: float) -> tuple[float, float]:
    band = max(height * BAND, MIN_BAND)
    return band, height - band


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "\u2026"


MIN_STAMP_PT = 6.0  # smaller than this, a page number cannot be read at 100% zoom
MIN_CONTRAST = 3.0  # WCAG's least contrast ratio for large text, against the (white) page


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = min(max(c, 0.0), 1.0)
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(rgb: tuple[float, float, float], page: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> float:
    """The contrast ratio of text in ``rgb`` on a page of colour ``page`` (1 to 21)."""
    lighter, darker = sorted((_luminance(rgb), _luminance(page)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def unseen(fragment: Fragment, width: float, height: float) -> str | None:
    """Why a reader cannot see ``fragment``, or None when they can."""
    if not (0 <= fragment.x <= width and 0 <= fragment.y <= height):
        return "it lies outside the page"
    if fragment.invisible:
        return "it is invisible text"
    if fragment.size < MIN_STAMP_PT:
        return f"it is {fragment.size:.1f} pt, under the {MIN_STAMP_PT:g} pt a reader can read"
    ratio = contrast(fragment.fill)
    if ratio < MIN_CONTRAST:
        return f"its colour barely differs from the page (contrast {ratio:.1f}:1, under {MIN_CONTRAST:g}:1)"
    return None


def _carries(fragment: Fragment, label: str) -> bool:
    return label in fragment.text.split() or (" " in label and label in fragment.text)


def _check_foot(
    found: _Findings, index: int, label: str, fragments: list[Fragment], foot: float, shown: tuple[float, float]
) -> None:
    width, height = shown
    at_foot = [f for f in fragments if f.y <= foot or not (0 <= f.x <= width and f.y <= height)]
    hidden: str | None = None
    for fragment in at_foot:
        if not _carries(fragment, label):
            continue
        why = unseen(fragment, width, height)
        if why is not None:
            hidden = hidden or why
            continue
        if not fragment.upright:
            found.add("orientation", "error", "the page number at the foot does not read upright", index)
        return
    if hidden is not None:
        found.add("labels", "error", f"the page number {label!r} is there but cannot be seen: {hidden}", index)
        return
    visible = [f for f in at_foot if unseen(f, width, height) is None]
    numbers = [t for f in visible for t in f.text.split() if NUMBERISH.match(t)]
    if numbers:
        found.add("labels", "error", f"the foot of the page shows {numbers[-1]!r} but its page label is {label!r}", index)
    else:
        found.add("labels", "error", "no page number at the foot of the page", index)


GLYPH_SHARE = 0.4  # a line's length is at least this share of its size per character


def _in_body(fragment: Fragment, foot: float, head: float) -> bool:
    """Whether a line of text runs through the body of the page, between head and foot.

    A line is placed by where it starts; on a landscape page turned to portrait every
    line starts at the foot and runs up the page, so where it ends counts too (its length
    under-estimated, so that a page number at the foot never counts as body text).
    """
    if foot < fragment.y < head:
        return True
    end = fragment.y + fragment.dy * len(fragment.text) * fragment.size * GLYPH_SHARE
    low, high = sorted((fragment.y, end))
    return low < head and high > foot


def _check_body(found: _Findings, index: int, fragments: list[Fragment], foot: float, head: float) -> None:
    body = [f for f in fragments if _in_body(f, foot, head)]
    if not body:
        found.add("text-layer", "warning", "no text layer (a scan or picture): its words cannot be searched", index)
        return
    weight = sum(len(f.text) for f in body)
    upside = sum(len(f.text) for f in body if f.upside_down)
    if upside * 2 > weight:
        found.add("orientation", "error", "most of the text on this page reads upside down", index)


def _dest_index(reader: PdfReader, dest: Any, page_numbers: dict[int, int]) -> int | None:
    """Page index a link destination opens, or None when it does not open a page here."""
    dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
    if isinstance(dest, (str, bytes)):
        named = reader.named_destinations.get(str(dest))
        return None if named is None else reader.get_destination_page_number(named)
    if isinstance(dest, DictionaryObject) and "/D" in dest:
        return _dest_index(reader, dest["/D"], page_numbers)
    if isinstance(dest, ArrayObject) and dest:
        target = dest[0]
        if isinstance(target, IndirectObject):
            return page_numbers.get(target.idnum)
        if isinstance(target, int):
            return int(target)
    return None


def _link_target(reader: PdfReader, annot: DictionaryObject, page_numbers: dict[int, int]) -> tuple[bool, int | None]:
    """(is an internal link, page index it opens)."""
    if "/Dest" in annot:
        return True, _dest_index(reader, annot["/Dest"], page_numbers)
    action = annot.get("/A")
    if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
        return True, _dest_index(reader, action.get("/D"), page_numbers)
    return False, None


def _named_page(fragments: list[Fragment]) -> tuple[str, str, list[str]] | None:
    """The page an index row names (the rightmost page reference), the row's text and its first line."""
    refs = [f for f in fragments if REF_ONLY.fullmatch(f.text)]
    if not refs:
        return None
    chosen = max(refs, key=lambda f: (f.x, f.y))
    match = REF_ONLY.fullmatch(chosen.text)
    assert match is not None
    words = [f for f in fragments if not REF_ONLY.fullmatch(f.text)]
    top = max((f.y for f in words), default=chosen.y)
    first_line = [f.text for f in words if f.y >= top - 1]  # the title, not the description under it
    return match.group(1), (max(first_line, key=len) if first_line else chosen.text), first_line


def _check_links(
    found: _Findings,
    reader: PdfReader,
    index: int,
    fragments: list[Fragment],
    labels: list[str],
    page_numbers: dict[int, int],
    targets: set[int],
    rows: list[tuple[int, int, str]],  # (index page, page opened, the row's first line, one piece a line)
) -> int:
    page = reader.pages[index]
    geometry = None
    entries = 0
    for annot_ref in page.get("/Annots", None) or []:
        annot = annot_ref.get_object()
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") != "/Link":
            continue
        internal, target = _link_target(reader, annot, page_numbers)
        if not internal:
            continue
        if geometry is None:
            geometry = page_geometry(page)
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        corners = [to_reader(geometry, x, y) for x in (x0, x1) for y in (y0, y1)]
        left, right = min(c[0] for c in corners) - 2, max(c[0] for c in corners) + 2
        bottom, top = min(c[1] for c in corners) - 2, max(c[1] for c in corners) + 2
        inside = [f for f in fragments if left <= f.x <= right and bottom <= f.y <= top]
        named = _named_page(inside)
        if named is None:
            continue  # a link that names no page is not an index entry
        entries += 1
        first, text, line = named
        if target is None or not 0 <= target < len(labels):
            found.add("index", "error", f"the index entry {_short(text)!r} links nowhere in this PDF", index)
            continue
        targets.add(target)
        rows.append((index, target, "\n".join(line) or text))
        if labels[target] != first:
            found.add(
                "index", "error",
                f"the index entry {_short(text)!r} names page {first} but its link opens page {labels[target]}",
                index,
            )  # fmt: skip
    return entries


def _outline(reader: PdfReader) -> list[tuple[str, int | None, Destination]]:
    out: list[tuple[str, int | None, Destination]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif isinstance(item, Destination):
                try:
                    number = reader.get_destination_page_number(item)
                except Exception:
                    number = None
                out.append((str(item.title), number, item))

    walk(reader.outline)
    return out


def _check_bookmarks(found: _Findings, reader: PdfReader, labels: list[str]) -> set[int]:
    try:
        items = _outline(reader)
    except Exception as exc:
        found.add("bookmarks", "error", f"the bookmarks cannot be read ({exc})")
        return set()
    if not items:
        found.add("bookmarks", "error", "the PDF has no bookmarks")
        return set()
    pages: set[int] = set()
    not_full = 0
    for title, number, dest in items:
        if number is None or not 0 <= number < len(labels):
            found.add("bookmarks", "error", f"the bookmark {_short(title)!r} does not open a page")
            continue
        pages.add(number)
        match = BOOKMARK_REF.search(title)
        if match and match.group(1) != labels[number]:
            found.add(
                "bookmarks", "error",
                f"the bookmark {_short(title)!r} names page {match.group(1)} but opens page {labels[number]}",
                number,
            )  # fmt: skip
        zoom = dest.get("/Zoom")
        if dest.typ != "/XYZ" or not isinstance(zoom, (int, float)) or float(zoom) != 1.0:
            not_full += 1
    if not_full:
        found.add("bookmarks", "warning", f"{not_full} bookmark(s) do not open at 100% zoom")
    return pages


def _words(title: str) -> list[str]:
    """A title as words, without its page reference or punctuation ("A. Title (pp. 3-6)")."""
    title = BOOKMARK_REF.sub("", title)
    return re.findall(r"\w+", title.casefold())


def _agree(index_text: str, bookmark: str) -> bool:
    """The same title, allowing for an index row that wraps (its first line only was read)."""
    row, mark = _words(index_text), _words(bookmark)
    if not row or not mark:
        return False
    shorter, longer = sorted((row, mark), key=len)
    return longer[: len(shorter)] == shorter


def _check_titles(found: _Findings, reader: PdfReader, rows: list[tuple[int, int, str]]) -> None:
    """Each index row and the bookmarks on the page it opens must carry the same title."""
    try:
        items = _outline(reader)
    except Exception:
        return  # already reported by the bookmark check
    by_page: dict[int, list[str]] = {}
    for title, number, _ in items:
        if number is not None:
            by_page.setdefault(number, []).append(title)
    for index, target, line in rows:
        titles = by_page.get(target)
        pieces = line.split("\n")
        if not titles or any(_agree(piece, title) for piece in pieces for title in titles):
            continue
        text = max(pieces, key=len)
        found.add(
            "titles", "error",
            f"the index entry {_short(text)!r} and the bookmark of the page it opens disagree "
            f"(bookmarks there: {'; '.join(repr(_short(t, 40)) for t in titles)})",
            index,
        )  # fmt: skip


def _documents(manifest: dict[str, Any]) -> list[tuple[str, int, bool]]:
    """(title, first page index, late addition) of every document a manifest lists."""
    docs = [(d["title"], int(d["first_index"]), False) for s in manifest.get("sections", []) for d in s["documents"]]
    docs += [(d["title"], int(d["first_index"]), True) for d in manifest.get("late_additions", [])]
    return docs


def _check_documents(
    found: _Findings,
    manifest: dict[str, Any] | None,
    pages: int,
    bookmarked: set[int],
    targets: set[int],
    entries: int,
) -> None:
    """Every document has a bookmark and an index entry.

    Our manifest says where each document starts; for another tool's bundle, the pages
    its index links to are taken to be where its documents start.
    """
    if manifest is None:
        if entries == 0:
            found.add("index", "error", "no index entry links to the page it names")
        for target in sorted(targets - bookmarked):
            found.add("bookmarks", "error", "the document the index lists here has no bookmark", target)
        return
    for title, first, late in _documents(manifest):
        if not 0 <= first < pages:
            found.add("structure", "error", f"the manifest places {_short(title)!r} beyond the last page")
            continue
        if first not in bookmarked:
            found.add("bookmarks", "error", f"the document {_short(title)!r} has no bookmark", first)
        if first in targets:
            continue
        if late:
            found.add("index", "warning", f"the late addition {_short(title)!r} is not in the index", first)
        else:
            found.add("index", "error", f"the document {_short(title)!r} has no index entry linking to it", first)


def _looks_like_docgen(reader: PdfReader) -> bool:
    """A bundle docgen built says so in its info and its stamps, whatever became of its manifest."""
    try:
        if str((reader.metadata or {}).get("/Creator", "")).startswith("docgen"):
            return True
        resources = reader.pages[-1].get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        return xobjects is not None and any(str(n).startswith(STAMP_NAME) for n in xobjects.get_object())
    except Exception:
        return False


def _check_manifest(
    found: _Findings, reader: PdfReader, manifest: dict[str, Any] | None, printed: dict[int, str]
) -> None:
    """The manifest's own checksum, and the digests printed on its pages against the embedded ones."""
    if manifest is None:
        if _looks_like_docgen(reader):
            found.add("manifest", "error", "this docgen bundle has no embedded manifest.json: which files went in cannot be proved")
        return
    problem = checksum_problem(reader)
    if problem:
        found.add("manifest", "error", problem)
    pages = manifest.get("manifest_pages") or {}
    first = int(pages.get("first_index", -1))
    text = " ".join(printed.get(i, "") for i in range(first, first + int(pages.get("pages", 0))))
    if first < 0 or not text:
        return
    for section in manifest.get("sections", []):
        for doc in section.get("documents", []):
            if str(doc.get("sha256", "")) not in text:
                found.add(
                    "manifest", "error",
                    f"the digest of {_short(str(doc.get('file')))!r} in manifest.json is not the one printed in the manifest",
                    first,
                )  # fmt: skip


@contextmanager
def _fast_pages(data: bytes, pages: int) -> Iterator[PdfiumPages | None]:
    """PDFium's reading of the file when it sees the same pages as pypdf, else None;
    closed at the end of the block."""
    fast = open_pages(data)
    try:
        yield fast if fast is not None and len(fast) == pages else None
    finally:
        if fast is not None:
            fast.close()


def _page_text(fast: PdfiumPages | None, page: Any, index: int, *, in_full: bool) -> tuple[list[Fragment], Geometry]:
    """The text fragments the checks read on one page, and the page's geometry.

    Read with PDFium where it opened the file; a page it cannot read, a file it could not
    open, or a page with text at the edge of what a check allows, is read with pypdf. Of
    a page without links whose text is not printed elsewhere (the manifest pages), the
    body is read only as far as the checks need: that there is text there and whether
    most of it reads upside down (see ``pdfium_text``).
    """
    if fast is not None:
        geometry = page_geometry(page)
        body = None if in_full or page.get("/Annots") else _bands(geometry.shown[1])
        try:
            fragments = fast.fragments(index, geometry, body)
        except Exception:
            return page_fragments(page)
        if not _near_a_limit(fragments, geometry):
            return fragments, geometry
    return page_fragments(page)


def _near_a_limit(fragments: list[Fragment], geometry: Geometry) -> bool:
    """Whether a fragment sits so close to a limit a check applies that rounding could
    put it on the other side.

    PDFium keeps positions and sizes in single precision and colours in steps of 1/255,
    which can move a number by a few thousandths of a point and a contrast ratio by a few
    hundredths. A page with text within that distance of the head or foot band, an edge
    of the page, the least readable size or the least contrast is read with pypdf, whose
    numbers are the file's own, so that every verdict and every figure printed is exactly
    what it always was.
    """
    width, height = geometry.shown
    foot, head = _bands(height)

    def near(value: float, *limits: float) -> bool:
        return any(abs(value - limit) < 0.01 for limit in limits)

    for f in fragments:
        if near(f.y, foot, head, 0.0, height) or near(f.x, 0.0, width):
            return True
        if (f.y <= foot or not (0 <= f.x <= width and f.y <= height)) and (
            near(f.size, MIN_STAMP_PT) or contrast(f.fill) < MIN_CONTRAST + 0.05
        ):
            return True
    return False


def verify_bundle(
    path: str | Path,
    *,
    max_size_mb: float = DEFAULT_MAX_MB,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Check the bundle at ``path``; a PDF that cannot be opened raises DocgenError.

    ``strict`` counts warnings (pages without text, late additions missing from the index,
    bookmarks not at 100% zoom) against compliance too.
    """
    path = Path(path)
    try:
        data = read_input(path)
        reader = open_pdf(data)
    except Refused as refusal:
        raise DocgenError(str(refusal), file=path) from None
    labels = list(reader.page_labels)
    manifest = read_manifest(reader, file=str(path))
    report = VerifyReport(path.name, len(reader.pages), len(data), labels, manifest is not None,
                          manifest.get("profile") if manifest else None, strict)  # fmt: skip
    found = _Findings()
    page_numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    targets: set[int] = set()
    rows: list[tuple[int, int, str]] = []
    printed: dict[int, str] = {}
    where = (manifest or {}).get("manifest_pages") or {}
    start = int(where.get("first_index", -1))
    manifest_pages = (start, start + int(where.get("pages", 0)))
    entries = 0
    with _fast_pages(data, len(labels)) as fast, shared_fonts():
        for index, page in enumerate(reader.pages):
            try:
                fragments, geometry = _page_text(fast, page, index, in_full=manifest_pages[0] <= index < manifest_pages[1])
            except Exception as exc:
                found.add("structure", "error", f"the page's text cannot be read ({type(exc).__name__})", index)
                continue
            foot, head = _bands(geometry.shown[1])
            if manifest_pages[0] <= index < manifest_pages[1]:
                printed[index] = " ".join(f.text for f in fragments)
            _check_foot(found, index, labels[index], fragments, foot, geometry.shown)
            _check_body(found, index, fragments, foot, head)
            entries += _check_links(found, reader, index, fragments, labels, page_numbers, targets, rows)
            if progress:
                progress(index + 1, len(labels))
    bookmarked = _check_bookmarks(found, reader, labels)
    _check_titles(found, reader, rows)
    _check_manifest(found, reader, manifest, printed)

    _check_documents(found, manifest, len(labels), bookmarked, targets, entries)
    limit = max_size_mb * 1024 * 1024
    if len(data) > limit:
        found.add("size", "error", f"the file is {megabytes(len(data), max_size_mb)}, over the {max_size_mb:g} MB limit")
    report.findings = found.items
    report.checked = {"pages": len(labels), "index_entries": entries, "bookmarks": len(bookmarked)}
    return report

