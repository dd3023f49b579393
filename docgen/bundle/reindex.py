"""Reissuing the index of a served bundle so that it lists its late additions.

The guidance expects a late document to reach the index. The index is redrawn from the
manifest with every late addition marked as such and put in place of the served index
pages, which keep their numbers; so does every other page. When the longer index no
longer fits on the served index pages it is refused rather than pushing pages on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import NameObject

from ..errors import DocgenError
from .apparatus import Apparatus
from .fontreuse import Embedded, attach_fonts, detach_fonts
from .fonts import Fonts
from .frontmatter import Outline, draw_index_page, layout_index
from .links import add_links
from .numbering import LabelRange, labels
from .plan import Placed, PlacedSection, Plan
from .profiles import Profile
from .sources import Source
from .spec import BundleSpec, DocumentSpec
from .stamp import page_geometry

LATE_NOTE = "Late addition, added after the bundle was served"


def _doc(entry: dict[str, Any], late: bool) -> DocumentSpec:
    description = entry.get("description") or ""
    if late:
        description = f"{LATE_NOTE}: {description}" if description else LATE_NOTE
    date = dt.date.fromisoformat(entry["date"]) if entry.get("date") else None
    return DocumentSpec(file=Path(entry["file"]), title=entry["title"], date=date, description=description)


def _placed(entry: dict[str, Any], doc: DocumentSpec, letter: str) -> Placed:
    source = Source(doc, "manifest.json", entry["kind"], entry["sha256"], int(entry["bytes"]), int(entry["pages"]))
    return Placed(source, int(entry["number"]), int(entry["first_index"]), letter)


def _sections(manifest: dict[str, Any]) -> list[PlacedSection]:
    out = []
    for section in manifest["sections"]:
        placed = [_placed(d, _doc(d, False), section["letter"]) for d in section["documents"]]
        out.append(PlacedSection(section["letter"], section["title"], placed))
    late: dict[str, PlacedSection] = {}
    for entry in manifest.get("late_additions", []):
        letter = entry["section"]
        if letter not in late:
            late[letter] = PlacedSection(letter, entry["section_title"], [])
            out.append(late[letter])
        late[letter].documents.append(_placed(entry, _doc(entry, True), letter))
    return out


def reissue_index(
    writer: PdfWriter, manifest: dict[str, Any], profile: Profile, fonts: Fonts, embedded: list[Embedded], *, file: str
) -> None:
    """Redraw the index pages of ``writer`` (a whole bundle) to list every late addition."""
    sections = _sections(manifest)
    outline: Outline = [(s.letter, s.title, [(p.number, p.source.doc) for p in s.documents]) for s in sections]
    layout = layout_index(outline, fonts)
    front = int(manifest["front_matter"]["pages"])
    if layout.page_count != front:
        raise DocgenError(
            f"the index listing the late additions needs {layout.page_count - 1} page(s) but the served index has "
            f"{front - 1}; every page number would move, so it was not reissued (leave out --reindex, or rebuild)",
            file=file,
        )
    ranges = [LabelRange.from_json(r) for r in manifest["labels"]]
    total = int(manifest["pages"])
    where = manifest["manifest_pages"]
    plan = Plan(profile, front, sections, int(where["first_index"]), int(where["pages"]), ranges, labels(ranges, total))
    spec = BundleSpec.model_construct(title=manifest["title"], case=manifest["case"], marking=manifest["marking"],
                                      locale=manifest["locale"], sections=[])  # fmt: skip
    apparatus = Apparatus(fonts)
    spots = []
    for page in range(front - 1):
        apparatus.start()
        spots += draw_index_page(apparatus.canvas, fonts, spec, plan, layout, page)
        apparatus.end()
    drawn = apparatus.finish()
    shared: dict[str, Embedded] = {}
    for page in range(front - 1):
        new = drawn.pages[page]
        shared.update(detach_fonts(new, embedded))  # pages may share one font dictionary
        target = writer.pages[1 + page]
        target[NameObject("/Contents")] = new.raw_get("/Contents").clone(writer)
        target[NameObject("/Resources")] = new["/Resources"].clone(writer)
        if "/Annots" in target:
            del target["/Annots"]  # the served index's links; the new rows get their own
        attach_fonts(target, shared)
    add_links(writer, spots, [page_geometry(p) for p in writer.pages])
    manifest["index_reissued"] = {"lists_late_additions": [d["number"] for d in manifest.get("late_additions", [])]}
