"""Helpers shared by every test folder: sample paths, text extraction, external tools."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_CASES = sorted((SAMPLES / "cases").glob("*.yaml"))


def docx_text(data: bytes) -> str:
    """What a reader sees in a Word file: headers, body paragraphs with styles, tables, footers."""
    from docx import Document

    word = Document(io.BytesIO(data))
    lines: list[str] = []
    section = word.sections[0]
    lines += [f"[header] {p.text}" for p in section.header.paragraphs if p.text]
    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, word)
            if p.text:
                lines.append(f"[{p.style.name}] {p.text}")
        elif tag == "tbl":
            from docx.table import Table

            for row in Table(child, word).rows:
                lines.append("| " + " | ".join(c.text for c in row.cells))
    lines += [f"[footer] {p.text}" for p in section.footer.paragraphs if p.text]
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes) -> str:
    """Text of each page of a PDF, as a text-extracting reader would get it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        pages.append(f"--- page {number} ---\n{page.extract_text().strip()}")
    return "\n".join(pages) + "\n"


def external_tool(name: str) -> str:
    """The path of an external checker; skip without it, but fail in CI where it must run."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs LibreOffice or qpdf is slow too: `-m "not slow"` skips them all."""
    for item in items:
        if item.get_closest_marker("external") is not None:
            item.add_marker(pytest.mark.slow)


def pytest_configure(config: pytest.Config) -> None:
    """The suite keeps its own per-user cache (see docgen.cache), apart from the user's:
    shared by every test and every docgen process the tests start, and gone afterwards."""
    if not os.environ.get("DOCGEN_CACHE_DIR"):
        import tempfile

        folder = tempfile.mkdtemp(prefix="docgen-test-cache-")
        os.environ["DOCGEN_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
