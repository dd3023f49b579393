"""Late additions: a document added after the bundle was served.

Pages already served keep their numbers and their content: nothing before the old last
page is renumbered or redrawn, so every reference made to the served bundle still holds.
The new pages go after the last page, in a late-additions section, with stamps, labels, a
bookmark and a manifest entry of their own. (An incremental update would also keep the
served bytes as a prefix, but pypdf's incremental writer reuses an object number that
the previous update's cross-reference stream holds, which corrupts a second addition.)

In a sealed bundle (a transfer pack) the entry also gets the digest of its pages, as the
original parts have (:mod:`docgen.bundle.seal`).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject, TreeObject
from reportlab.pdfbase import pdfmetrics

from ..errors import DocgenError
from ..output import check_free, write_atomic
from . import manifest as manifest_mod
from .apparatus import Apparatus, Stamp
from .assemble import source_geometries
from .builder import collecting_later
from .fontreuse import Embedded, attach_fonts, detach_fonts, embedded_fonts
from .fonts import Fonts, load_fonts
from .labels import set_page_labels
from .links import open_at
from .numbering import LabelRange, label_at, section_letter, span
from .outline import _nest, pages_text
from .plan import Placed
from .profiles import Profile, get_profile
from .reindex import reissue_index
from .sources import Refused, Source, open_pdf, open_sources, read_input
from .spec import DocumentSpec
from .stamp import Stamper, page_geometry

LATE_SECTION = "Late additions"


@dataclass(frozen=True)
class AddReport:
    """Where the added document landed."""

    path: Path
    title: str
    section: str
    pages: int
    first_page: str
    last_page: str
    reindexed: bool = False
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[str, ...] = ()

    @property
    def span(self) -> str:
        return span(self.first_page, self.last_page)


def _open_bundle(path: Path) -> tuple[bytes, PdfReader, dict[str, Any]]:
    try:
        data = read_input(path)
        reader = open_pdf(data)
    except Refused as refusal:
        raise DocgenError(str(refusal), file=path) from None
    manifest = manifest_mod.read_manifest(reader, file=str(path))
    if manifest is None:
        raise DocgenError(
            "was not built by docgen (it has no embedded manifest.json), so its numbering cannot be "
            "continued safely; rebuild it with docgen bundle build",
            file=path,
        )
    return data, reader, manifest


def _clone(reader: PdfReader) -> PdfWriter:
    """A writer holding the whole served bundle: pages, outline, labels, attachments.

    pypdf warns that a clone has more objects than the old trailer counted; that is the
    expected effect of renumbering on a clone and says nothing about the user's file.
    """
    log = logging.getLogger("pypdf._writer")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return PdfWriter(clone_from=reader)
    finally:
        log.setLevel(level)


def _set_manifests(bundle: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The manifests of every volume of the set ``bundle`` belongs to (itself for a single volume).

    Volumes are the files ``NAME-vol1.pdf``, ``NAME-vol2.pdf`` ... beside it, as ``build``
    wrote them; a volume that is missing is an error, because a section letter or document
    number it used could be given out twice.
    """
    volume = manifest.get("volume") or {}
    number, count = int(volume.get("number", 1)), int(volume.get("of", 1))
    if count <= 1:
        return [manifest]
    stem = re.sub(r"-vol\d+$", "", bundle.stem)
    found: dict[int, dict[str, Any]] = {number: manifest}
    for path in sorted(bundle.parent.glob(f"{stem}-vol*{bundle.suffix}")):
        if path.resolve() == bundle.resolve() or not re.fullmatch(rf"{re.escape(stem)}-vol\d+", path.stem):
            continue
        try:
            other = manifest_mod.read_manifest(open_pdf(read_input(path)), file=str(path))
        except Refused as refusal:
            raise DocgenError(f"is a volume of this set but {refusal}", file=path) from None
        if other is None or other.get("title") != manifest.get("title") or other.get("case") != manifest.get("case"):
            continue
        found.setdefault(int((other.get("volume") or {}).get("number", 0)), other)
    missing = [n for n in range(1, count + 1) if n not in found]
    if missing:
        names = ", ".join(f"{stem}-vol{n}{bundle.suffix}" for n in missing)
        raise DocgenError(
            f"is volume {number} of {count}, but volume(s) {names} are not beside it; a late addition must see "
            "the whole set so that no section letter or document number is used twice",
            file=bundle,
        )
    return [found[n] for n in sorted(found)]


def _letters_used(manifests: list[dict[str, Any]]) -> set[str]:
    used = {str(s["letter"]) for m in manifests for s in m["sections"]}
    return used | {str(d["section"]) for m in manifests for d in m.get("late_additions", [])}


def _letter_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1


def _late_section(manifest: dict[str, Any], manifests: list[dict[str, Any]], title: str) -> tuple[str, bool]:
    """The letter for late section ``title`` and whether the last addition opened it.

    A new late section takes the letter after the last one used anywhere in the set.
    """
    late = manifest.get("late_additions", [])
    if late and late[-1]["section_title"] == title:
        return late[-1]["section"], True
    used = _letters_used(manifests)
    return section_letter(1 + max((_letter_index(u) for u in used), default=-1)), False


def add_document(
    bundle: str | Path,
    doc: DocumentSpec,
    *,
    out: str | Path | None = None,
    section: str = LATE_SECTION,
    force: bool = False,
    reindex: bool = False,
    ocr: bool | None = None,
) -> AddReport:
    """Append ``doc`` to ``bundle`` and write the result to ``out`` (default: the bundle).

    Replacing an existing file, the bundle itself included, needs ``force``. ``reindex``
    also redraws the index, on its own pages, to list every late addition as such.
    ``ocr`` (default: the profile's setting) adds a text layer to new pages without one.
    """
    bundle = Path(bundle)
    out = Path(out) if out is not None else bundle
    check_free([out], force=force)
    data, reader, manifest = _open_bundle(bundle)
    sealed = "page_digests" in manifest
    if sealed:
        _refuse_broken_seal(bundle, manifest, reader)
    manifests = _set_manifests(bundle, manifest)
    profile = get_profile(str(manifest.get("profile")), file=str(bundle), field="manifest.json profile")
    fonts = load_fonts()
    with collecting_later():
        (source,) = open_sources([("added document", doc)])
        start = len(reader.pages)
        ranges = [LabelRange.from_json(r) for r in manifest["labels"]]
        letter, continuing = _late_section(manifest, manifests, section)
        if profile.prefixed and not continuing:
            ranges.append(LabelRange(start, letter, "D", 1))
        if start != manifest["pages"] or (profile.prefixed and ranges[-1].prefix != letter):
            raise DocgenError("its pages no longer match its manifest.json; was it edited by another tool?", file=bundle)
        labels = [label_at(ranges, start + i) for i in range(source.pages)]

        writer = _clone(reader)
        embedded = embedded_fonts(writer.pages[0])
        _append_pages(writer, source, labels, profile, fonts, manifest["marking"], embedded)
        set_page_labels(writer, ranges)
        own = _bookmark(writer, manifest, section, letter, ranges, start, start + source.pages - 1, doc.title)
        warnings = _keep_outline(writer, source, start, own, manifests)
        manifest["late_additions"] = [*manifest.get("late_additions", []),
                                      _late_entry(manifests, source, start, labels, letter, section)]  # fmt: skip
        manifest["pages"] = start + source.pages
        manifest["labels"] = [r.to_json() for r in ranges]
        if reindex:
            reissue_index(writer, manifest, profile, fonts, embedded, file=str(bundle))
        _replace_manifest(writer, manifest)
        buffer = io.BytesIO()
        writer.write(buffer)
        result, recognised = buffer.getvalue(), []
        if profile.ocr if ocr is None else ocr:
            from .ocr import ocr_bundle

            result, recognised = ocr_bundle(result, file=out.name, first=start)
        if sealed:  # after OCR, which adds a text layer to the new pages
            from .seal import seal_late

            result = seal_late(result, manifest["late_additions"][-1]["number"], front_redrawn=reindex, file=out.name)
    write_atomic(out, result, force=force)
    return AddReport(out, doc.title, letter, source.pages, labels[0], labels[-1], reindex, tuple(warnings),
                     tuple(recognised))  # fmt: skip


def _refuse_broken_seal(bundle: Path, manifest: dict[str, Any], reader: PdfReader) -> None:
    """A sealed bundle whose pages changed since it was sealed is not added to: a reissued
    index would be sealed again over the change, and the new manifest would vouch for it."""
    from .seal import broken_parts

    broken = broken_parts(manifest, reader.pages)
    if broken:
        raise DocgenError(
            f"its pages no longer match the digests sealed in its manifest.json ({'; '.join(broken)}); it changed "
            "after it was built, so nothing is added to it (build it again)",
            file=bundle,
        )


def _append_pages(
    writer: PdfWriter,
    source: Source,
    labels: list[str],
    profile: Profile,
    fonts: Fonts,
    marking: str,
    embedded: list[Embedded],
) -> None:
    """Copy the document's pages to the end of ``writer``, stamped like the rest.

    The new pages draw in the font subsets the bundle already embeds wherever those hold
    every character needed, so an addition does not carry another copy of the font.
    """
    apparatus = Apparatus(fonts)
    if source.picture is not None:
        index = apparatus.picture(source.picture, labels[0], marking, turn_landscape=profile.landscape == "rotate")
        page = apparatus.finish().pages[index]
        shared = detach_fonts(page, embedded)
        attach_fonts(writer.add_page(page), shared)
        return
    assert source.reader is not None
    stamps = [apparatus.stamp(g, label) for g, label in zip(source_geometries(source, profile), labels)]
    bold = _stamp_font(fonts, embedded, labels)
    if bold is not None:
        resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject(bold.key): bold.ref})})
        stamps = [Stamp(s.geometry, s.label, ((bold.key, bold.encode(s.label) or b""),)) for s in stamps]
        stamper = Stamper(writer, None, fonts, resources=resources)
    else:
        stamper = Stamper(writer, apparatus.finish(), fonts)
    for page, stamp in zip(source.reader.pages, stamps):
        stamper.attach(writer.add_page(page), stamp)


def _stamp_font(fonts: Fonts, embedded: list[Embedded], labels: list[str]) -> Embedded | None:
    """The bundle's own subset of the page-number face, if it can draw every label."""
    face = pdfmetrics.getFont(fonts.bold).face.name
    face = face.decode("ascii", "replace") if isinstance(face, bytes) else str(face)
    for font in embedded:
        if font.face == face and all(font.encode(label) is not None for label in labels):
            return font
    return None


def _keep_outline(
    writer: PdfWriter, source: Source, start: int, own: Any, manifests: list[dict[str, Any]]
) -> list[str]:
    """Nest the late PDF's own bookmarks under its bookmark, as ``build`` does."""
    if source.reader is None or not source.reader.outline:
        return []
    placed = Placed(source, 0, start, "")
    geometries = {start + i: page_geometry(writer.pages[start + i]) for i in range(source.pages)}
    try:
        _nest(writer, placed, source.reader, source.reader.outline, own, geometries)  # type: ignore[arg-type]
    except Exception:  # a damaged outline must not stop the addition
        return [f"{source.display}: its own bookmarks could not be read and were left out"]
    return []


def _late_entry(
    manifests: list[dict[str, Any]], source: Source, start: int, labels: list[str], letter: str, section: str
) -> dict[str, Any]:
    """The manifest record of a late addition (the same fields as a served document, and its section).

    Its number follows the highest used in any volume of the set.
    """
    doc = source.doc
    numbers = [d["number"] for m in manifests for s in m["sections"] for d in s["documents"]]
    numbers += [d["number"] for m in manifests for d in m.get("late_additions", [])]
    return {
        "number": 1 + max(numbers),
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "description": doc.description,
        "file": doc.manifest_name,
        "kind": source.kind,
        "sha256": source.sha256,
        "bytes": source.size,
        "pages": source.pages,
        "first_page": labels[0],
        "last_page": labels[-1],
        "first_index": start,
        "section": letter,
        "section_title": section,
    }


def _bookmark(
    writer: PdfWriter,
    manifest: dict[str, Any],
    heading_title: str,
    letter: str,
    ranges: list[LabelRange],
    first: int,
    last: int,
    doc_title: str,
) -> Any:
    """Add the document under its late section's bookmark, updating that bookmark's range; returns its bookmark."""
    section_first = min(
        [d["first_index"] for d in manifest.get("late_additions", []) if d["section"] == letter] + [first]
    )
    heading_text = f"{letter}. {heading_title} ({pages_text(label_at(ranges, section_first), label_at(ranges, last))})"
    root = writer.get_outline_root()
    heading = None
    if section_first < first and "/Last" in root:
        candidate = root.raw_get("/Last")
        item = candidate.get_object()
        if str(item.get("/Title", "")).startswith(f"{letter}. {heading_title} ("):
            tree = TreeObject(item)  # read back as a plain dictionary; pypdf appends to trees
            tree[NameObject("/Title")] = TextStringObject(heading_text)
            writer._replace_object(candidate, tree)  # the same move pypdf makes for the outline root
            heading = candidate
    if heading is None:
        page = writer.pages[section_first]
        heading = writer.add_outline_item(title=heading_text, page_number=section_first, bold=True, is_open=True,
                                          fit=open_at(page_geometry(page)))  # fmt: skip
    return writer.add_outline_item(
        title=f"{doc_title} ({pages_text(label_at(ranges, first), label_at(ranges, last))})",
        page_number=first,
        parent=heading,
        fit=open_at(page_geometry(writer.pages[first])),
        is_open=False,
    )


def _replace_manifest(writer: PdfWriter, manifest: dict[str, Any]) -> None:
    """Point the existing manifest.json attachment at the updated JSON."""
    manifest_mod.replace_embedded(writer, manifest, file="manifest.json")
