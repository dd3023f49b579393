"""Helpers for the tests in which LibreOffice reads our Word files.

Each launch of LibreOffice costs one to two CPU seconds before it reads a file, so a test
converts all its files in one launch; and reading a converted PDF's text with pypdf costs
tens of milliseconds a page, so a test looking for a few words reads pages only until it
has found them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from tests.conftest import pdf_text


def libreoffice_convert(soffice: str, files: Iterable[Path], out_dir: Path, *, to: str = "pdf",
                        profile: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Convert every file in one headless LibreOffice run, with a profile of the test's own."""
    return subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
         "--outdir", str(out_dir), *map(str, files)],  # fmt: skip
        capture_output=True, text=True, timeout=timeout,  # fmt: skip
    )


def pdf_text_until(data: bytes, enough: Callable[[str], bool]) -> str:
    """``tests.conftest.pdf_text(data)``, or its start up to the first page break after
    which ``enough`` holds of the text so far.

    The start ends at a page break, so a word found in it is in the whole text too (and,
    with runs of white space squeezed to one space, the squeezed start is the start of the
    squeezed whole); when ``enough`` never holds the whole text is returned. An assertion
    that ``enough`` stands for passes or fails on this text as it does on ``pdf_text``.
    """
    return pdf_text(data, until=enough)
