"""Assembling one volume: opened sources in, the bytes of a finished PDF out.

The order of work is fixed: measure the pages the bundle adds, plan every page's place
and label, draw the added pages in one reportlab document and encode the stamps in its
font, copy the source pages across untouched, then add links, bookmarks, labels and the
manifest, and serialise once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pypdf import PdfWriter

from ..errors import DocgenError, Problem
from . import manifest as manifest_mod
from .apparatus import Apparatus, Stamp
from .fonts import Fonts
from .frontmatter import LinkSpot, draw_front_sheet, draw_index_page, layout_index
from .furniture import A4, Geometry
from .labels import set_page_labels
from .links import add_links
from .numbering import section_letter
from .outline import add_outline
from .plan import Group, Plan, make_plan
from .profiles import Profile
from .sources import Source
from .spec import BundleSpec
from .stamp import Stamper, page_geometry, turned_upright

Progress = Callable[[int, int], None]
"""Called as ``progress(pages_done, pages_total)`` while pages are copied."""

PORTRAIT = Geometry(0.0, 0.0, A4[0], A4[1], 0)
LANDSCAPE = Geometry(0.0, 0.0, A4[1], A4[0], 0)


@dataclass
class Built:
    """One assembled volume, still in memory."""

    data: bytes
    plan: Plan
    warnings: list[str]


def groups_for(spec: BundleSpec, sources: Sequence[Source]) -> list[Group]:
    """Sections with their letters and running document numbers."""
    groups: list[Group] = []
    it = iter(enumerate(sources, start=1))
    for position, section in enumerate(spec.sections):
        items = [next(it) for _ in section.documents]
        groups.append((section_letter(position), section.title, items))
    return groups


def source_geometries(source: Source, profile: Profile) -> list[Geometry]:
    """How each page of a source will sit in the bundle."""
    turn = profile.landscape == "rotate"
    if source.picture is not None:
        return [LANDSCAPE if source.picture.landscape and not turn else PORTRAIT]
    assert source.reader is not None
    out = []
    for page in source.reader.pages:
        geometry = page_geometry(page)
        out.append(turned_upright(geometry) if turn else geometry)
    return out


def assemble(
    spec: BundleSpec,
    groups: list[Group],
    *,
    profile: Profile,
    fonts: Fonts,
    volume: tuple[int, int] = (1, 1),
    carry: Mapping[str, int] | None = None,
    progress: Progress | None = None,
) -> Built:
    """Build one volume from already opened sources and return its bytes."""
    index_layout = layout_index([(letter, title, [(n, s.doc) for n, s in items]) for letter, title, items in groups],
                                fonts)  # fmt: skip
    manifest_layout = manifest_mod.layout_manifest(
        [(n, s.doc.manifest_name) for _, _, items in groups for n, s in items], fonts
    )
    plan = make_plan(groups, profile=profile, front_pages=index_layout.page_count,
                     manifest_pages=manifest_layout.page_count, carry=carry)  # fmt: skip

    geometries: list[Geometry] = [PORTRAIT] * plan.front_pages
    for placed in plan.documents():
        geometries.extend(source_geometries(placed.source, profile))
    geometries.extend([PORTRAIT] * plan.manifest_pages)

    # Everything the bundle draws, in one reportlab document.
    apparatus = Apparatus(fonts)
    drawn: dict[int, int] = {}  # physical page -> apparatus page, for pages we draw whole
    stamps: dict[int, Stamp] = {}  # physical page -> its page-number stamp
    spots: list[LinkSpot] = []
    drawn[apparatus.start()] = 0
    draw_front_sheet(apparatus.canvas, fonts, spec, plan, volume)
    apparatus.end()
    for page in range(len(index_layout.pages)):
        drawn[1 + page] = apparatus.start()
        spots.extend(draw_index_page(apparatus.canvas, fonts, spec, plan, index_layout, page))
        apparatus.end()
    for placed in plan.documents():
        if placed.source.picture is not None:
            drawn[placed.first] = apparatus.picture(
                placed.source.picture, plan.label(placed.first), spec.marking,
                turn_landscape=profile.landscape == "rotate",
            )  # fmt: skip
        else:
            for index in range(placed.first, placed.last + 1):
                stamps[index] = apparatus.stamp(geometries[index], plan.label(index))
    for page in range(plan.manifest_pages):
        drawn[plan.manifest_first + page] = apparatus.start()
        manifest_mod.draw_manifest_page(apparatus.canvas, fonts, spec, plan, manifest_layout, page)
        apparatus.end()
    added = apparatus.finish()

    writer = PdfWriter()
    stamper = Stamper(writer, added, fonts)
    done = 0
    for index in range(plan.front_pages):
        writer.add_page(added.pages[drawn[index]])
    for placed in plan.documents():
        if placed.first in drawn:
            writer.add_page(added.pages[drawn[placed.first]])
        else:
            _copy_pages(writer, stamper, placed.source, placed.first, stamps)
        done += placed.pages
        if progress:
            progress(done, plan.total)
    for index in range(plan.manifest_first, plan.total):
        writer.add_page(added.pages[drawn[index]])

    add_links(writer, spots, geometries)
    warnings = add_outline(writer, plan, geometries)
    set_page_labels(writer, plan.ranges)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": f"{spec.title}: {spec.case}", "/Creator": "docgen bundle"})
    manifest_mod.embed(writer, manifest_mod.manifest_data(spec, plan, volume))
    buffer = io.BytesIO()
    writer.write(buffer)
    if progress:
        progress(plan.total, plan.total)
    return Built(buffer.getvalue(), plan, warnings)


def _copy_pages(
    writer: PdfWriter,
    stamper: Stamper,
    source: Source,
    first: int,
    stamps: Mapping[int, Stamp],
) -> None:
    assert source.reader is not None
    try:
        for offset, page in enumerate(source.reader.pages):
            stamper.attach(writer.add_page(page), stamps[first + offset])
    except DocgenError:
        raise
    except Exception as exc:  # damage that only shows when the page is copied
        raise DocgenError([Problem(source.display, source.where, f"is damaged and cannot be copied ({exc})")]) from None
