"""The test suite's own shortcuts give what the plain library calls give."""

from __future__ import annotations

import io

from pypdf import PdfReader

from docgen.demo import render_dated
from docgen.pipeline import load_inputs
from tests.conftest import SAMPLES, pdf_text


def _plain_pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    pages = [f"--- page {n} ---\n{page.extract_text().strip()}" for n, page in enumerate(reader.pages, start=1)]
    return "\n".join(pages) + "\n"


def test_pdf_text_reads_each_font_once_and_gets_the_same_text():
    for stem, kind in (("specimen-drugs", "draft-order"), ("ffug-wales", "release-acknowledgement"), ("exampleton-fraud", "licence-mirror")):
        case, house = load_inputs(SAMPLES / "cases" / f"{stem}.yaml")
        data = render_dated(case, house, kind).files["pdf"]
        assert pdf_text(data) == _plain_pdf_text(data), (stem, kind)
