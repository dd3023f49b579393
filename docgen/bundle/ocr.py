"""OCR: an invisible text layer for the pages of a bundle that have none.

Courts expect to search and copy from a bundle; a scan or photograph goes in as a
picture. OCRmyPDF, driving Tesseract with English and Welsh data, adds a hidden text layer
to just those pages (``--redo-ocr`` keeps every existing image and vector text as it is;
``--pages`` limits the work to the pages that need it). The pages OCR'd and the engine
versions are recorded in the manifest so a reader knows which text was recognised, not
typed. The result is rewritten deterministically: OCRmyPDF's clock-stamped metadata and
random file identifier are dropped.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from ..errors import DocgenError
from . import manifest as manifest_mod
from .pdftext import page_fragments, shared_fonts
from .verify import _bands
from .wording import quiet_pypdf

LANGUAGES = ("eng", "cym")
PACKAGES = "ocrmypdf, tesseract-ocr-eng and tesseract-ocr-cym"
TIMEOUT_PER_PAGE = 120  # seconds


@dataclass(frozen=True)
class Engine:
    ocrmypdf: str
    tesseract: str

    def describe(self) -> str:
        return f"OCRmyPDF {self.ocrmypdf} with Tesseract {self.tesseract}"


def _first_line(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else ""


@cache
def engine() -> Engine:
    """The installed OCR engine, or an error naming the Debian packages that provide it."""
    missing = [tool for tool in ("ocrmypdf", "tesseract") if shutil.which(tool) is None]
    if missing:
        raise DocgenError(
            f"--ocr needs {' and '.join(missing)}, which is not installed; install the Debian packages {PACKAGES}",
            file="--ocr",
        )
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    have = set((listed.stdout + listed.stderr).split())
    lacking = [lang for lang in LANGUAGES if lang not in have]
    if lacking:
        package = " and ".join(f"tesseract-ocr-{lang}" for lang in lacking)
        raise DocgenError(f"--ocr needs Tesseract's {', '.join(lacking)} language data; install {package}", file="--ocr")
    tesseract = _first_line(["tesseract", "--version"]).removeprefix("tesseract ").strip()
    return Engine(_first_line(["ocrmypdf", "--version"]), tesseract)


def pages_without_text(reader: PdfReader, first: int = 0, among: Iterable[int] | None = None) -> list[int]:
    """0-based pages from ``first`` on (only those in ``among`` when given) whose body,
    between head and foot, carries no text.

    Each font is read once for the file (``shared_fonts``): OCRmyPDF puts its glyphless
    font, whose character map spans all 65,536 codes, in the resources of every page, and
    pypdf reading that map again for each page was most of the time ``--ocr`` spent in
    docgen itself. Every page is still judged on its own; the fonts are only shared.
    """
    indices = range(first, len(reader.pages)) if among is None else sorted(i for i in set(among) if i >= first)
    out = []
    with shared_fonts():
        for index in indices:
            fragments, geometry = page_fragments(reader.pages[index])
            foot, head = _bands(geometry.shown[1])
            if not any(foot < f.y < head for f in fragments):
                out.append(index)
    return out


def _run(data: bytes, pages: list[int], file: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="docgen-ocr-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(data)
        command = ["ocrmypdf", "--redo-ocr", "--pages", ",".join(str(p + 1) for p in pages),
                   "-l", "+".join(LANGUAGES), "--output-type", "pdf", "--optimize", "0", "--jobs", "1",
                   "--quiet", str(source), str(target)]  # fmt: skip
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread: the same words every run
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=False,
                                  timeout=60 + TIMEOUT_PER_PAGE * len(pages))  # fmt: skip
        except subprocess.TimeoutExpired:
            raise DocgenError(f"OCR of {len(pages)} page(s) did not finish in time", file=file) from None
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise DocgenError(f"OCR failed (OCRmyPDF exit {done.returncode}: {detail})", file=file)
        return target.read_bytes()


def _tidy(ocred: bytes, metadata: dict[str, Any]) -> PdfWriter:
    """The OCR'd PDF without OCRmyPDF's dated metadata, XMP packet or random identifier."""
    with quiet_pypdf():
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(ocred)))
    writer._info = None  # type: ignore[assignment]  # start the info dictionary afresh
    writer.add_metadata(metadata)
    if "/Metadata" in writer.root_object:
        del writer.root_object[NameObject("/Metadata")]
    writer._ID = None  # type: ignore[assignment]
    for number, page in enumerate(writer.pages):
        _rename_text_layer(page, number)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the dropped XMP
    return writer


def _rename_text_layer(page: Any, number: int) -> None:
    """Give the OCR layer's form a name made from its page, not OCRmyPDF's random one."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return
    xobjects = xobjects.get_object()
    for serial, key in enumerate(sorted(k for k in xobjects if str(k).startswith("/OCR-"))):
        new = f"/DocgenOCR{number}x{serial}"
        xobjects[NameObject(new)] = xobjects.raw_get(key)
        del xobjects[key]
        contents = page.raw_get("/Contents").get_object()
        for ref in contents if isinstance(contents, list) else [page.raw_get("/Contents")]:
            stream = ref.get_object()
            body = stream.get_data()
            if str(key).encode() in body:
                stream.set_data(body.replace(str(key).encode() + b" ", new.encode() + b" "))


def ocr_bundle(data: bytes, *, file: str, first: int = 0) -> tuple[bytes, list[str]]:
    """``data`` with a text layer on its pages (from ``first`` on) that have none.

    Returns the new bytes and the labels of the pages OCR'd, each marked when OCR found no
    words on it (a photograph). The embedded manifest gains an ``ocr`` record: engine,
    languages, the pages OCR'd and those where no words were found.
    """
    found = engine()
    reader = PdfReader(io.BytesIO(data))
    pages = pages_without_text(reader, first)
    if not pages:
        return data, []
    labels = list(reader.page_labels)
    metadata = {k: v for k, v in (reader.metadata or {}).items() if k in ("/Title", "/Creator", "/Author", "/Subject")}
    writer = _tidy(_run(data, pages, file), metadata)
    manifest = manifest_mod.read_manifest(reader, file=file)
    with quiet_pypdf():
        check = io.BytesIO()
        writer.write(check)
        wordless = set(pages_without_text(PdfReader(check), first, among=pages))  # only the pages OCR'd can gain words
    if manifest is not None:
        earlier = manifest.get("ocr") or {}
        manifest["ocr"] = {
            "engine": found.describe(),
            "languages": list(LANGUAGES),
            "pages": [*earlier.get("pages", []), *(labels[p] for p in pages if labels[p] not in earlier.get("pages", []))],
            "no_words_found": [*earlier.get("no_words_found", []), *(labels[p] for p in sorted(wordless))],
        }
        manifest_mod.replace_embedded(writer, manifest, file=file)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), [labels[p] + (" (no words found)" if p in wordless else "") for p in pages]
