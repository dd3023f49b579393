"""Fixtures for the bundle tests: small fictional source files made on the fly."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject, RectangleObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from docgen.bundle import BundleSpec, DocumentSpec, SectionSpec, build_bundle, load_spec
from docgen.bundle.pdftext import Fragment, page_fragments
from tests.conftest import SAMPLES

SAMPLE_SPEC = SAMPLES / "bundles" / "hearing-bundle.yaml"


def pdf_bytes(
    pages: int = 1,
    *,
    size: tuple[float, float] = A4,
    text: str = "Fictional evidence page",
    outline: Sequence[str] = (),
) -> bytes:
    """A PDF whose page n carries ``text n``; ``outline`` adds one bookmark per page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    for number in range(1, pages + 1):
        if number <= len(outline):
            canvas.bookmarkPage(f"p{number}")
            canvas.addOutlineEntry(outline[number - 1], f"p{number}", level=0)
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, size[1] - 100, f"{text} {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def reshaped(data: bytes, *, rotate: int = 0, origin: tuple[float, float] = (0, 0)) -> bytes:
    """The same PDF with a /Rotate on every page and its boxes moved to ``origin``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        if rotate:
            page[NameObject("/Rotate")] = NumberObject(rotate)
        if origin != (0, 0):
            box = page.mediabox
            w, h = float(box.width), float(box.height)
            moved = RectangleObject([origin[0], origin[1], origin[0] + w, origin[1] + h])
            page[NameObject("/MediaBox")] = moved
            # keep the content inside the moved box
            page.add_transformation((1, 0, 0, 1, origin[0], origin[1]))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(size: tuple[int, int] = (400, 300), fmt: str = "PNG", exif_orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 210, 220))
    out = io.BytesIO()
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """Write a file under the test's folder and return its path."""

    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    return _write


def spec_of(*sections: tuple[str, Sequence[Path]], profile: str = "judiciary-2021", **extra: object) -> BundleSpec:
    """A spec with one document per path; titles say which file they are."""
    return BundleSpec(
        title="Test bundle",
        case="R v Test SUBJECT (fictional)",
        court="Crown Court at Exampleton (fictional)",
        hearing_date=dt.date(2025, 3, 14),
        profile=profile,
        sections=[
            SectionSpec(
                title=title,
                documents=[
                    DocumentSpec(file=p, title=f"Document {p.stem}", date=dt.date(2025, 1, 2), description="Fictional")
                    for p in paths
                ],
            )
            for title, paths in sections
        ],
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., PdfReader]:
    """Build a spec into the test's folder and return a reader over the result."""

    def _build(spec: BundleSpec, name: str = "bundle.pdf", **options: object) -> PdfReader:
        out = tmp_path / "out" / name
        build_bundle(spec, out, **options)  # type: ignore[arg-type]
        return PdfReader(out)

    return _build


@pytest.fixture(scope="session")
def sample_bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample spec built once under each profile."""
    folder = tmp_path_factory.mktemp("sample")
    spec = load_spec(SAMPLE_SPEC)
    out = {}
    for profile in ("judiciary-2021", "crown-court-dcs"):
        path = folder / f"{profile}.pdf"
        build_bundle(spec.model_copy(update={"profile": profile}), path)
        out[profile] = path
    return out


def foot_text(reader: PdfReader, index: int) -> list[Fragment]:
    """Text within the bottom 36 points of a page as the reader sees it."""
    fragments, _ = page_fragments(reader.pages[index])
    return [f for f in fragments if f.y < 36]


def outline_tree(reader: PdfReader) -> list[object]:
    """Bookmarks as nested (title, page label) pairs."""
    labels = reader.page_labels

    def walk(items: list[object]) -> list[object]:
        out: list[object] = []
        for item in items:
            if isinstance(item, list):
                out.append(walk(item))
            else:
                number = reader.get_destination_page_number(item)  # type: ignore[arg-type]
                out.append((str(item.title), labels[number]))  # type: ignore[attr-defined]
        return out

    return walk(reader.outline)
