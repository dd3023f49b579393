"""Word documents into PDF pages, through LibreOffice running headless.

All the Word files of one bundle go through a single LibreOffice run, in a private
profile folder so that a desktop LibreOffice the user has open is never disturbed.
The user's files are copied first: LibreOffice never sees, let alone touches, the
originals.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocgenError

TIMEOUT_SECONDS = 300
_COMMANDS = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice command on PATH, or None when it is not installed."""
    for name in _COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(jobs: list[tuple[str, bytes]]) -> dict[str, bytes | str]:
    """Convert each ``(key, docx bytes)``; a key maps to PDF bytes or to why it failed.

    Raises :class:`DocgenError` when LibreOffice itself is missing or will not run.
    """
    soffice = find_soffice()
    if soffice is None:
        raise DocgenError(
            "is a Word document, and converting it needs LibreOffice (soffice), which is not "
            "installed; install LibreOffice or save the document as PDF first",
            file="soffice",
        )
    with tempfile.TemporaryDirectory(prefix="docgen-docx-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        inputs = []
        for key, data in jobs:
            path = folder / "in" / f"{key}.docx"
            path.write_bytes(data)
            inputs.append(str(path))
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            *inputs,
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DocgenError(f"LibreOffice did not finish converting ({exc})", file="soffice") from None
        results: dict[str, bytes | str] = {}
        for key, _ in jobs:
            out = folder / "out" / f"{key}.pdf"
            if out.is_file() and out.stat().st_size:
                results[key] = out.read_bytes()
            else:
                results[key] = "could not be converted by LibreOffice; is it a damaged Word document?"
        return results
