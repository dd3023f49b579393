"""PDFium reads the same text as pypdf, and verify finds the same with either reader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from docgen.bundle import build_bundle, load_spec, verify_bundle
from docgen.bundle import verify as verify_module
from docgen.bundle.pdfium_text import open_pages
from docgen.bundle.pdftext import page_fragments

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PDFS = sorted((ROOT / "samples").rglob("*.pdf"))


def _key(fragment):
    return (fragment.text, fragment.dx, fragment.dy, fragment.invisible)


def _same(mine, theirs):
    assert [_key(f) for f in mine] == [_key(f) for f in theirs]
    for a, b in zip(mine, theirs):
        assert a.x == pytest.approx(b.x, abs=0.02) and a.y == pytest.approx(b.y, abs=0.02)
        assert a.size == pytest.approx(b.size, abs=0.01)
        assert a.fill == pytest.approx(b.fill, abs=0.003)  # PDFium keeps colours as 0-255


@pytest.fixture(scope="module")
def sample_bundle(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdfium") / "bundle.pdf"
    build_bundle(load_spec(ROOT / "samples" / "bundles" / "hearing-bundle.yaml"), path)
    return path


def test_every_fragment_of_a_bundle_and_the_samples_is_read_alike(sample_bundle):
    assert SAMPLE_PDFS
    for path in [sample_bundle, *SAMPLE_PDFS]:
        data = path.read_bytes()
        pages = open_pages(data)
        assert pages is not None, path
        for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):
            theirs, geometry = page_fragments(page)
            _same(pages.fragments(index, geometry, None), theirs)


def _odd_pages(path: Path) -> Path:
    """Pages whose body needs reading in full: upside down, blank-only, turned, empty."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    canvas.setFont("Helvetica", 11)
    for line in range(30):  # 1: most body text upside down
        canvas.saveState()
        canvas.translate(width - 60, height - 100 - line * 15)
        canvas.rotate(180)
        canvas.drawString(0, 0, f"upside down line {line}")
        canvas.restoreState()
    canvas.drawString(60, 100, "one line the right way up")
    canvas.drawString(width - 40, 16, "1")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)  # 2: the body holds only blanks before its one word
    for line in range(5):
        canvas.drawString(60, height - 100 - line * 15, "     ")
    canvas.drawString(60, 300, "word")
    canvas.drawString(width - 40, 16, "2")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)  # 3: nothing but blanks in the body, a wrong number at the foot
    canvas.drawString(60, 400, "   ")
    canvas.drawString(width - 40, 16, "9")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)  # 4: text running up the page from the foot, a faint number
    canvas.saveState()
    canvas.translate(80, 20)
    canvas.rotate(90)
    canvas.drawString(0, 0, "a long line that starts at the foot and runs up through the body of the page")
    canvas.restoreState()
    canvas.setFillGray(0.9)
    canvas.drawString(width - 40, 16, "4")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)  # 5: a number of exactly the least readable size
    canvas.drawString(60, 400, "body text")
    canvas.setFont("Helvetica", 6)
    canvas.drawString(width - 40, 16, "5")
    canvas.showPage()
    canvas.setFont("Helvetica", 11)  # 6: a number at about the least contrast (3:1)
    canvas.drawString(60, 400, "body text")
    canvas.setFillGray(0.584)
    canvas.drawString(width - 40, 16, "6")
    canvas.showPage()
    canvas.save()
    return path


def test_verify_finds_the_same_with_pdfium_or_pypdf(sample_bundle, tmp_path, monkeypatch):
    odd = _odd_pages(tmp_path / "odd.pdf")
    for path in (sample_bundle, odd):
        fast = verify_bundle(path)
        monkeypatch.setattr(verify_module, "open_pages", lambda data: None)
        slow = verify_bundle(path)
        monkeypatch.undo()
        assert fast.to_json() == slow.to_json()
    checks = {(f.check, f.pages) for f in verify_bundle(odd).findings}
    assert ("orientation", (1, 1)) in checks
    assert ("text-layer", (3, 3)) in checks and ("text-layer", (2, 2)) not in checks
    assert ("labels", (3, 3)) in checks and ("labels", (4, 4)) in checks


def test_verifications_in_threads_find_what_one_at_a_time_finds(sample_bundle, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    odd = _odd_pages(tmp_path / "odd.pdf")
    paths = [sample_bundle, odd] * 4
    alone = [verify_bundle(p).to_json() for p in paths]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda p: verify_bundle(p).to_json(), paths))
    assert together == alone
