"""Opening the files a bundle is made from, and refusing the ones it cannot use.

Each input is read into memory once: its SHA-256 is taken from exactly the bytes the
bundle is built from, and the file on disk is never opened for writing. Every problem is
collected first so the user sees all of them in one go.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, StreamObject

from ..errors import DocgenError, Problem
from ..yamlio import NotRegularFile, read_regular
from .convert import docx_to_pdf
from .spec import DocumentSpec
from .wording import quiet_pypdf

Kind = Literal["pdf", "image", "docx"]

SUFFIXES: dict[str, Kind] = {".pdf": "pdf", ".jpg": "image", ".jpeg": "image", ".png": "image", ".docx": "docx"}
IMAGE_FORMATS = ("JPEG", "PNG")


@dataclass(frozen=True)
class Picture:
    """An image input, already turned the way its camera says is up."""

    image: Image.Image
    width: int
    height: int
    data: bytes | None  # the file as received, when it can be embedded unchanged

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class Source:
    """One input file, opened and checked."""

    doc: DocumentSpec
    where: str
    kind: Kind
    sha256: str
    size: int
    pages: int
    reader: PdfReader | None = None
    picture: Picture | None = None

    @property
    def display(self) -> str:
        return str(self.doc.file)


# pypdf reports what it repairs in a damaged file ("EOF marker not found", ...) through
# the logging module, which prints to the terminal when the program has no handler. A
# file that is usable despite that is used; one that is not is refused by name below, so
# its warnings would only be noise without a file name.
logging.getLogger("pypdf").setLevel(logging.ERROR + 10)


class Refused(Exception):
    """An input cannot be used; the message says why (the caller adds the file name)."""


def read_input(path: Path) -> bytes:
    """The file's bytes; a FIFO, device or socket is refused before it can block a read."""
    try:
        data = read_regular(path)
    except FileNotFoundError:
        raise Refused("not found") from None
    except IsADirectoryError:
        raise Refused("is a folder, not a file") from None
    except NotRegularFile as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from None
    if not data:
        raise Refused("is empty (0 bytes)")
    return data


def open_pdf(data: bytes, *, what: str = "PDF") -> PdfReader:
    """A reader over ``data`` after checking it is a usable, unencrypted PDF with pages.
    """
    if b"%PDF-" not in data[:1024]:
        raise Refused(f"is not a {what} (it does not start with %PDF-)")
    with quiet_pypdf():
        return _checked_pdf(data)


def _checked_pdf(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        count = 0 if encrypted else len(reader.pages)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise Refused(f"cannot be read as a PDF; it looks damaged ({type(exc).__name__}: {exc})") from None
    if encrypted:
        raise Refused("is encrypted (password-protected); ask the sender for an unprotected copy")
    if count == 0:
        raise Refused("has no pages")
    for number, page in enumerate(reader.pages, start=1):
        try:
            contents = page.get("/Contents")
            body = None if contents is None else contents.get_object()
        except Exception as exc:  # a damaged object table surfaces here
            raise Refused(f"is damaged: page {number} cannot be read ({exc})") from None
        if contents is not None and not isinstance(body, (StreamObject, ArrayObject)):
            raise Refused(f"is damaged: the content of page {number} is missing")
    return reader


def _open_picture(data: bytes) -> Picture:
    try:
        image = Image.open(io.BytesIO(data))
        fmt = image.format
        image.load()
    except UnidentifiedImageError:
        raise Refused("is not a readable image (a bundle takes JPEG or PNG pictures)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise Refused(f"is a damaged image ({exc})") from None
    if fmt not in IMAGE_FORMATS:
        raise Refused(f"is a {fmt} image; a bundle takes JPEG or PNG pictures")
    if image.getexif().get(ExifTags.Base.Orientation, 1) in (0, 1):
        return Picture(image=image, width=image.width, height=image.height, data=data)
    upright = ImageOps.exif_transpose(image)  # a phone photo taken sideways or upside down
    return Picture(image=upright, width=upright.width, height=upright.height, data=None)


def check_input(path: Path) -> None:
    """Every check :func:`open_sources` makes on one file, short of converting Word files.

    Callers that know where a file was named (a case file's ``evidence_files``) use it to
    refuse the file against that field before a bundle is assembled.
    """
    kind = _kind(path)
    data = read_input(path)
    if kind == "pdf":
        open_pdf(data)
    elif kind == "image":
        _open_picture(data)
    elif not data.startswith(b"PK"):
        raise Refused("is not a Word document (a .docx file is a zip archive)")


def _kind(path: Path) -> Kind:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        shown = path.suffix or "(no extension)"
        raise Refused(f"unsupported file type {shown}; a bundle takes PDF, JPEG, PNG or DOCX files")
    return kind


def open_sources(
    docs: Sequence[tuple[str, DocumentSpec]],
    *,
    convert: Callable[[list[tuple[str, bytes]]], dict[str, bytes | str]] = docx_to_pdf,
) -> list[Source]:
    """Open every input; ``docs`` pairs each document with where the spec lists it.

    Raises one :class:`DocgenError` naming every file that cannot be used.
    """
    problems: list[Problem] = []
    sources: list[Source | None] = []
    pending_docx: list[tuple[int, bytes]] = []
    for where, doc in docs:
        try:
            kind = _kind(doc.file)
            data = read_input(doc.file)
            source = Source(doc, where, kind, hashlib.sha256(data).hexdigest(), len(data), pages=1)
            if kind == "pdf":
                source.reader = open_pdf(data)
                source.pages = len(source.reader.pages)
            elif kind == "image":
                source.picture = _open_picture(data)
            else:
                if not data.startswith(b"PK"):
                    raise Refused("is not a Word document (a .docx file is a zip archive)")
                pending_docx.append((len(sources), data))
            sources.append(source)
        except Refused as refusal:
            problems.append(Problem(str(doc.file), where, str(refusal)))
            sources.append(None)
    if pending_docx:
        problems.extend(_convert_all(sources, pending_docx, convert))
    if problems:
        raise DocgenError(problems)
    return [s for s in sources if s is not None]


def _convert_all(
    sources: list[Source | None],
    pending: list[tuple[int, bytes]],
    convert: Callable[[list[tuple[str, bytes]]], dict[str, bytes | str]],
) -> list[Problem]:
    jobs = [(f"{index:05d}", data) for index, data in pending]
    try:
        results = convert(jobs)
    except DocgenError as exc:
        # LibreOffice is missing or broken: say so against every Word file
        return [
            Problem(sources[i].display, sources[i].where, exc.problems[0].message)  # type: ignore[union-attr]
            for i, _ in pending
        ]
    problems = []
    for (key, _), (index, _) in zip(jobs, pending):
        source = sources[index]
        assert source is not None
        result = results[key]
        try:
            if isinstance(result, str):
                raise Refused(result)
            source.reader = open_pdf(result, what="PDF as converted by LibreOffice")
            source.pages = len(source.reader.pages)
        except Refused as refusal:
            problems.append(Problem(source.display, source.where, str(refusal)))
            sources[index] = None
    return problems
