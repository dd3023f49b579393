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

from pypdf import PdfReader, PdfWriter

from ..errors import DocgenError, Problem
from . import manifest as manifest_mod
from .apparatus import Apparatus, Stamp
from .fonts import Fonts
from .frontmatter import IndexLayout, LinkSpot, draw_front_sheet, draw_index_page, layout_index
from .furniture import A4, Geometry
from .labels import set_page_labels
from .links import add_links
from .manifest import ManifestLayout
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


@dataclass
class _Drawn:
    """The apparatus document and where each of its parts goes in the bundle."""

    reader: PdfReader
    whole: dict[int, int]  # bundle page -> apparatus page, for pages drawn whole
    stamps: dict[int, Stamp]  # bundle page -> its page-number stamp, for copied pages
    links: list[LinkSpot]


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
    drawn = _draw(spec, plan, fonts, index_layout, manifest_layout, geometries, volume)

    writer = PdfWriter()
    _copy_all(writer, plan, drawn, fonts, progress)
    add_links(writer, drawn.links, geometries)
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


def _draw(
    spec: BundleSpec,
    plan: Plan,
    fonts: Fonts,
    index_layout: IndexLayout,
    manifest_layout: ManifestLayout,
    geometries: Sequence[Geometry],
    volume: tuple[int, int],
) -> _Drawn:
    """Everything the bundle draws, in one reportlab document, in bundle order."""
    apparatus = Apparatus(fonts)
    whole: dict[int, int] = {}
    stamps: dict[int, Stamp] = {}
    links: list[LinkSpot] = []
    whole[0] = apparatus.start()
    draw_front_sheet(apparatus.canvas, fonts, spec, plan, volume)
    apparatus.end()
    for page in range(len(index_layout.pages)):
        whole[1 + page] = apparatus.start()
        links.extend(draw_index_page(apparatus.canvas, fonts, spec, plan, index_layout, page))
        apparatus.end()
    turn = plan.profile.landscape == "rotate"
    for placed in plan.documents():
        if placed.source.picture is not None:
            label = plan.label(placed.first)
            whole[placed.first] = apparatus.picture(placed.source.picture, label, spec.marking, turn_landscape=turn)
        else:
            for index in range(placed.first, placed.last + 1):
                stamps[index] = apparatus.stamp(geometries[index], plan.label(index))
    for page in range(plan.manifest_pages):
        whole[plan.manifest_first + page] = apparatus.start()
        manifest_mod.draw_manifest_page(apparatus.canvas, fonts, spec, plan, manifest_layout, page)
        apparatus.end()
    return _Drawn(apparatus.finish(), whole, stamps, links)


def _copy_all(writer: PdfWriter, plan: Plan, drawn: _Drawn, fonts: Fonts, progress: Progress | None) -> None:
    """Put every page in the writer in order: drawn pages as they are, source pages stamped."""
    stamper = Stamper(writer, drawn.reader, fonts)
    for index in range(plan.front_pages):
        writer.add_page(drawn.reader.pages[drawn.whole[index]])
    done = 0
    for placed in plan.documents():
        if placed.first in drawn.whole:
            writer.add_page(drawn.reader.pages[drawn.whole[placed.first]])
        else:
            _copy_pages(writer, stamper, placed.source, placed.first, drawn.stamps)
        done += placed.pages
        if progress:
            progress(done, plan.total)
    for index in range(plan.manifest_first, plan.total):
        writer.add_page(drawn.reader.pages[drawn.whole[index]])


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
