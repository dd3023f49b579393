"""The application pack: what goes to the CPS, as one folder and as one bookmarked PDF.

``docgen pack application CASE`` renders the covering note, the SCPO application and the
draft order. The folder holds each as Word (for the CPS to edit) and PDF; the combined
PDF puts them in that order with one bookmark per document, each holding the document's
own heading bookmarks. Everything is rendered in memory first: if the application is
refused (no authority, a lint error) nothing at all is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from .case import Case
from .housestyle import HouseStyle
from .output import write_all_atomic
from .pipeline import Rendered, load_inputs, render
from .render import Options
from .writers import FORMATS

#: The pack's documents, in the order they are read.
APPLICATION_PACK = ("cps-covering-note", "scpo-application", "draft-order")


@dataclass(frozen=True)
class Pack:
    """A rendered pack, in memory: its folder's files and the combined PDF."""

    name: str
    documents: tuple[Rendered, ...]
    combined: bytes

    def files(self, out_dir: Path) -> dict[Path, bytes]:
        """Where each file goes under ``out_dir``: the folder, and the PDF beside it."""
        folder = Path(out_dir) / self.name
        files = {folder / f"{r.stem}.{fmt}": r.files[fmt] for r in self.documents for fmt in FORMATS}
        files[Path(out_dir) / f"{self.name}.pdf"] = self.combined
        return files


def build_application_pack(
    case: Case, house: HouseStyle, *, options: Options = Options(), templates: Path | None = None
) -> Pack:
    """Render every document of the application pack and combine their PDFs."""
    documents = tuple(render(case, house, kind, options=options, templates=templates) for kind in APPLICATION_PACK)
    title = f"Application pack: {case.subject.full_name} ({case.case_id})"
    combined = combine_pdfs([(r.document.title, r.files["pdf"]) for r in documents], title=title, author=house.force_name)
    return Pack(f"{case.case_id}-application-pack", documents, combined)


def pack_application(
    case_path: Path,
    *,
    out_dir: Path,
    house_style: Path | None = None,
    options: Options = Options(),
    templates: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Render the pack and write it; every target is checked free before anything is written."""
    case, house = load_inputs(case_path, house_style)
    pack = build_application_pack(case, house, options=options, templates=templates)
    return write_all_atomic(pack.files(out_dir), force=force)


def combine_pdfs(parts: list[tuple[str, bytes]], *, title: str, author: str) -> bytes:
    """Join PDFs in order under one bookmark each, keeping each part's own bookmarks beneath it.

    The result depends only on the inputs (no dates, no random file identifier), so the
    same documents always give the same bytes.
    """
    writer = PdfWriter()
    language = None
    for part_title, data in parts:
        reader = PdfReader(io.BytesIO(data))
        first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        parent = writer.add_outline_item(title=part_title, page_number=first)
        _copy_outline(reader, reader.outline, writer, parent, first)
        language = language or reader.trailer["/Root"].get("/Lang")
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "docgen"})
    if language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _copy_outline(reader: PdfReader, items: list, writer: PdfWriter, parent: object, offset: int) -> None:
    """Recreate a part's outline under ``parent``, its pages shifted to where the part now sits."""
    last = parent
    for item in items:
        if isinstance(item, list):
            _copy_outline(reader, item, writer, last, offset)
            continue
        page = reader.get_destination_page_number(item)
        last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent, is_open=False)
