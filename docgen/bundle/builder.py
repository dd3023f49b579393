"""Building a bundle: a spec in, one finished PDF (or one per volume) on disk.

Every input is opened and checked before any page is drawn, and nothing is written
until every volume has been assembled in memory, so a bad input never leaves half a
bundle behind.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..output import check_free, write_all_atomic
from .assemble import Built, Progress, assemble, groups_for
from .fonts import load_fonts
from .profiles import get_profile
from .seal import Attachment
from .sources import open_sources
from .spec import BundleSpec, DocumentSpec
from .split import build_volumes, volume_paths
from .wording import megabytes


@dataclass(frozen=True)
class DocumentReport:
    number: int
    title: str
    file: str
    pages: int
    first_page: str
    last_page: str


@dataclass(frozen=True)
class VolumeReport:
    path: Path
    pages: int
    size: int
    documents: list[DocumentReport]
    ocr_pages: tuple[str, ...] = ()  # labels of the pages given a text layer by OCR


@dataclass
class BuildReport:
    """What was written, for the CLI to print and for callers to log."""

    profile: str
    volumes: list[VolumeReport]
    warnings: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(v.pages for v in self.volumes)


def where_listed(spec: BundleSpec) -> list[tuple[str, DocumentSpec]]:
    """Each document with where the spec lists it, for error messages."""
    return [
        (f"sections[{s}].documents[{d}]", doc)
        for s, section in enumerate(spec.sections)
        for d, doc in enumerate(section.documents)
    ]


@contextmanager
def collecting_later() -> Iterator[None]:
    """Pause Python's cycle collector while a bundle is assembled.

    Copying pages makes hundreds of thousands of small, long-lived PDF objects; the
    collector would walk all of them again and again (the cost grows faster than the page
    count) while finding almost nothing to free. It is switched back on afterwards and run
    once over the youngest generation, which holds everything made while it was paused: the
    bundle's garbage is freed without walking the rest of a long-lived process's memory (a
    full collection after each build cost the workbench and the tests 20-30 ms a bundle).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def build_bundle(
    spec: BundleSpec,
    out: str | Path,
    *,
    force: bool = False,
    max_size_mb: float | None = None,
    progress: Progress | None = None,
    ocr: bool | None = None,
    pdfa: bool = False,
    attachments: Sequence[Attachment] = (),
) -> BuildReport:
    """Build the bundle ``spec`` describes and write it to ``out``.

    ``ocr`` (default: the profile's setting) adds a text layer to pages without one;
    ``pdfa`` writes each volume as PDF/A-2b for keeping; ``attachments`` are embedded in
    each volume and the volume sealed (:mod:`docgen.bundle.seal`).

    With ``max_size_mb`` the bundle is split at document boundaries into volumes named
    ``<out>-vol1.pdf``, ``<out>-vol2.pdf``, ... when it would not fit in one file, each
    with its own front sheet, index and manifest.
    """
    out = Path(out)
    check_free([out], force=force)
    profile = get_profile(spec.profile)
    fonts = load_fonts()
    with collecting_later():
        sources = open_sources(where_listed(spec))
        groups = groups_for(spec, sources)
        if max_size_mb is None:
            built = [assemble(spec, groups, profile=profile, fonts=fonts, progress=progress)]
        else:
            built = build_volumes(spec, groups, profile=profile, fonts=fonts,
                                  max_bytes=int(max_size_mb * 1024 * 1024), progress=progress)  # fmt: skip
    paths = volume_paths(out, len(built))
    recognised = _finish(built, paths, ocr=profile.ocr if ocr is None else ocr, pdfa=pdfa, attachments=attachments)
    write_all_atomic({path: b.data for path, b in zip(paths, built)}, force=force)
    report = BuildReport(profile.name, [_volume_report(path, b, r) for path, b, r in zip(paths, built, recognised)])
    for b in built:
        report.warnings.extend(w for w in b.warnings if w not in report.warnings)
    if max_size_mb is not None:
        limit = int(max_size_mb * 1024 * 1024)
        for volume in report.volumes:
            if volume.size > limit:
                report.warnings.append(
                    f"{volume.path.name} is {megabytes(volume.size, max_size_mb)}, over the {max_size_mb:g} MB limit: "
                    "it holds a single document too large to split"
                )
    return report


def _finish(
    built: list[Built], paths: list[Path], *, ocr: bool, pdfa: bool, attachments: Sequence[Attachment] = ()
) -> list[tuple[str, ...]]:
    """OCR, PDF/A and the seal, each volume in memory before anything is written; returns the pages OCR'd."""
    recognised: list[tuple[str, ...]] = []
    for b, path in zip(built, paths):
        pages: list[str] = []
        if ocr:
            from .ocr import ocr_bundle

            b.data, pages = ocr_bundle(b.data, file=path.name)
        if pdfa:
            from .pdfa import to_pdfa

            b.data = to_pdfa(b.data, file=path.name)
        if attachments:
            from .seal import seal

            b.data = seal(b.data, attachments, file=path.name)
        recognised.append(tuple(pages))
    return recognised


def _volume_report(path: Path, built: Built, ocr_pages: tuple[str, ...] = ()) -> VolumeReport:
    plan = built.plan
    documents = [
        DocumentReport(p.number, p.source.doc.title, p.source.doc.manifest_name, p.pages,
                       plan.label(p.first), plan.label(p.last))  # fmt: skip
        for p in plan.documents()
    ]
    return VolumeReport(path, plan.total, len(built.data), documents, ocr_pages)
