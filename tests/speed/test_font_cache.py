"""Parsed TrueType faces come back from the per-user cache as ReportLab parsed them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen import fonts

REGULAR = fonts.find_font("DejaVuSans.ttf")
BOLD = fonts.find_font("DejaVuSans-Bold.ttf")
pytestmark = pytest.mark.skipif(REGULAR is None or BOLD is None, reason="DejaVu Sans is not installed")


def test_a_face_read_back_is_the_face_parsed(cache_dir: Path, tmp_path: Path) -> None:
    font = tmp_path / "Sans.ttf"
    shutil.copyfile(REGULAR, font)
    parsed = fonts._face(font)
    assert len(list((cache_dir / "truetype").glob("*.pickle"))) == 1
    again = fonts._face(font)
    assert again is not parsed
    for name in ("charWidths", "charToGlyph", "glyphPos", "hmetrics", "_ttf_data", "name", "bbox", "ascent", "descent"):
        assert getattr(again, name) == getattr(parsed, name), name
    assert [again._pdfScale(v) for v in (0, 1, 2048, 1234)] == [parsed._pdfScale(v) for v in (0, 1, 2048, 1234)]
    a, b = fonts.truetype("CacheTestA", font), fonts.truetype("CacheTestB", font)
    assert a.stringWidth("Ŵyn ŷ Hello", 10) == b.stringWidth("Ŵyn ŷ Hello", 10)


def test_a_changed_font_file_is_parsed_afresh(cache_dir: Path, tmp_path: Path) -> None:
    font = tmp_path / "Sans.ttf"
    shutil.copyfile(REGULAR, font)
    first = fonts._face(font).name
    shutil.copyfile(BOLD, font)
    assert fonts._face(font).name != first
    assert len(list((cache_dir / "truetype").glob("*.pickle"))) == 2


def test_without_the_cache_nothing_is_stored(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_CACHE", "off")
    assert fonts._face(REGULAR).charWidths
    assert not (cache_dir / "truetype").exists()
