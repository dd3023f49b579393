"""Sealing a built bundle: files embedded beside the manifest, and a digest of every page.

A transfer pack carries data for the receiving force (the case, as ``case-data.json``).
Sealing attaches each such file, lists it in the manifest with its SHA-256 and size, and
adds to the manifest a SHA-256 of each document's pages as they sit in the bundle (and
of the front matter and the manifest pages), so that a reader can tell that no page and
no embedded file changed since the bundle was built. The manifest itself keeps the MD5
checksum the PDF standard defines (:mod:`docgen.bundle.manifest`).

A document added later to a sealed bundle (``docgen bundle add``) is sealed the same way
(:func:`seal_late`): its manifest entry under ``late_additions`` gets the digest of its
pages, and when the index is reissued to list it, the front matter's digest is taken again.
The addition refuses a bundle whose sealed pages no longer hold (:func:`broken_parts`), so
an addition never re-seals pages someone changed.

This is integrity against damage and casual editing, not a signature: someone who
rewrites a page, its digest and the manifest's checksum together is not detected.

A PDF/A bundle may hold only PDF/A attachments, so there the files go into the
catalogue entry ``/DocgenEmbeddedFiles`` (name to stream), as its manifest does.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

from ..errors import DocgenError
from . import manifest as manifest_mod

CATALOG_FILES = "/DocgenEmbeddedFiles"
DIGEST_RULE = "sha256 over each page in turn: its content stream, then its XObjects by name, each length-prefixed"


@dataclass(frozen=True)
class Attachment:
    """A file to embed in the bundle and list in its manifest."""

    name: str
    data: bytes
    description: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _feed(digest: Any, blob: bytes) -> None:
    digest.update(len(blob).to_bytes(8, "big"))
    digest.update(blob)


def _resources_data(resources: Any, digest: Any, seen: set[int]) -> None:
    """Hash the XObjects (images, drawn forms) a page shows, forms' own ones in turn."""
    if resources is None:
        return
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return
    xobjects = xobjects.get_object()
    for name in sorted(xobjects):
        ref = xobjects[name]
        key = getattr(ref, "idnum", None)
        stream = ref.get_object()
        if key is not None:
            if key in seen:
                _feed(digest, str(name).encode())
                continue
            seen.add(key)
        _feed(digest, str(name).encode())
        _feed(digest, stream.get_data())
        _resources_data(stream.get("/Resources"), digest, seen)


def pages_digest(pages: Sequence[Any]) -> str:
    """The SHA-256 of some pages as printed: their content and what it draws (fonts excepted)."""
    digest = hashlib.sha256()
    for page in pages:
        contents = page.get_contents()
        _feed(digest, contents.get_data() if contents is not None else b"")
        _resources_data(page.get("/Resources"), digest, set())
    return digest.hexdigest()


@dataclass(frozen=True)
class Part:
    """A run of pages the manifest seals: its key, how a reader is told of it, its entry."""

    key: str
    label: str
    entry: dict[str, Any]

    @property
    def first(self) -> int:
        return int(self.entry.get("first_index", 0))

    @property
    def count(self) -> int:
        return int(self.entry.get("pages", 0))

    @property
    def late(self) -> bool:
        return self.key.startswith("late addition ")


def parts(manifest: dict[str, Any]) -> list[Part]:
    """Every part of a bundle in page order: front matter, documents, manifest pages, late additions."""
    found = [Part("front_matter", "front matter", manifest.get("front_matter") or {})]
    for section in manifest.get("sections", []):
        for doc in section.get("documents", []):
            found.append(Part(f"document {doc.get('number')}", f"document {doc.get('number')} '{doc.get('title')}' ({doc.get('file')})", doc))
    found.append(Part("manifest_pages", "manifest pages", manifest.get("manifest_pages") or {}))
    for doc in manifest.get("late_additions", []):
        found.append(Part(f"late addition {doc.get('number')}", f"late addition {doc.get('number')} '{doc.get('title')}' ({doc.get('file')})", doc))
    return found


def page_digests(manifest: dict[str, Any], pages: Sequence[Any]) -> dict[str, str]:
    """Where the manifest says each part is -> the digest of those pages, keyed as the manifest keys them."""
    return {part.key: pages_digest(pages[part.first : part.first + part.count]) for part in parts(manifest)}


def broken_parts(manifest: dict[str, Any], pages: Sequence[Any]) -> list[str]:
    """The sealed parts whose pages no longer have the digest the manifest records, by label."""
    broken = []
    for part in parts(manifest):
        recorded = part.entry.get("content_sha256")
        if recorded is None:
            continue
        if part.first + part.count > len(pages) or pages_digest(pages[part.first : part.first + part.count]) != recorded:
            broken.append(part.label)
    return broken


def seal_late(data: bytes, number: int, *, front_redrawn: bool, file: str) -> bytes:
    """``data`` (a sealed bundle just given late addition ``number``) with that addition's
    page digest in its manifest entry, and the front matter's taken again if its index was
    reissued. Run after anything that changes the new pages (OCR)."""
    reader = PdfReader(io.BytesIO(data))
    manifest = manifest_mod.read_manifest(reader, file=file)
    if manifest is None:
        raise DocgenError("has no manifest to seal", file=file)
    writer = PdfWriter(clone_from=reader)
    for part in parts(manifest):
        if part.key == f"late addition {number}" or (front_redrawn and part.key == "front_matter"):
            part.entry["content_sha256"] = pages_digest(writer.pages[part.first : part.first + part.count])
    manifest_mod.replace_embedded(writer, manifest, file=file)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the manifest it replaced
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def seal(data: bytes, attachments: Sequence[Attachment], *, file: str) -> bytes:
    """``data`` (a built volume) with ``attachments`` embedded and every page's digest in its manifest."""
    reader = PdfReader(io.BytesIO(data))
    manifest = manifest_mod.read_manifest(reader, file=file)
    if manifest is None:
        raise DocgenError("has no manifest to seal", file=file)
    writer = PdfWriter(clone_from=reader)
    pdfa = manifest_mod.CATALOG_KEY in writer.root_object
    listed = []
    for item in sorted(attachments, key=lambda a: a.name):
        if pdfa:
            _catalog_file(writer, item)
        else:
            attachment = writer.add_attachment(item.name, item.data)
            attachment.pdf_object[NameObject("/Desc")] = TextStringObject(item.description)
            attachment.pdf_object[NameObject("/UF")] = TextStringObject(item.name)
            stream = attachment.pdf_object["/EF"]["/F"].get_object()
            stream[NameObject("/Params")] = manifest_mod.file_params(item.data)
        listed.append({"name": item.name, "description": item.description, "sha256": item.sha256, "bytes": len(item.data)})
    digests = page_digests(manifest, writer.pages)
    manifest["embedded_files"] = listed
    manifest["page_digests"] = DIGEST_RULE
    for key in ("front_matter", "manifest_pages"):
        manifest[key] = {**manifest[key], "content_sha256": digests[key]}
    for section in manifest["sections"]:
        for doc in section["documents"]:
            doc["content_sha256"] = digests[f"document {doc['number']}"]
    manifest_mod.replace_embedded(writer, manifest, file=file)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the manifest it replaced
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _catalog_file(writer: PdfWriter, item: Attachment) -> None:
    files = writer.root_object.get(CATALOG_FILES)
    if files is None:
        files = DictionaryObject()
        writer.root_object[NameObject(CATALOG_FILES)] = files
    stream = DecodedStreamObject()
    stream.set_data(item.data)
    stream[NameObject("/Params")] = manifest_mod.file_params(item.data)
    files.get_object()[NameObject("/" + item.name)] = writer._add_object(stream.flate_encode())


def embedded_files(reader: PdfReader) -> dict[str, bytes]:
    """Every file embedded in a bundle (attachments, or a PDF/A bundle's catalogue entry), by name."""
    out: dict[str, bytes] = {}
    for name, blobs in reader.attachments.items():
        if blobs:
            out[name] = blobs[-1]
    files = reader.trailer["/Root"].get(CATALOG_FILES)
    if files is not None:
        for key, ref in files.get_object().items():
            out[str(key)[1:]] = ref.get_object().get_data()
    return out
