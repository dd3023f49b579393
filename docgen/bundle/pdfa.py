"""PDF/A-2b: the archival form courts and the CPS can keep for years.

PDF/A-2b asks that a reader in twenty years' time shows the same pages: every font
embedded, colours tied to a named colour space (an sRGB output intent), XMP metadata that
agrees with the document information, every annotation printable, a file identifier, and
no embedded files other than PDF/A ones. The conversion is done in place, never by
re-rendering, so stamps, links, bookmarks and page labels stay exactly as built:

- a non-embedded standard font (Helvetica, Times, Courier, as most PDF writers leave them)
  gets the metric-compatible URW font from Debian's fonts-urw-base35 embedded, with its
  widths written out;
- the sRGB profile comes from Debian's icc-profiles-free (or colord's copy);
- the bundle's manifest.json moves from an attachment (which PDF/A-2 does not allow) to a
  private catalogue entry that ``verify`` and ``add`` read the same way.

A font that is neither embedded nor a standard font cannot be supplied here and is an
error naming it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfbase import pdfmetrics

from ..errors import DocgenError
from . import manifest as manifest_mod
from .wording import quiet_pypdf

ICC_PATHS = (Path("/usr/share/color/icc/sRGB.icc"), Path("/usr/share/color/icc/colord/sRGB.icc"))
ICC_PACKAGE = "icc-profiles-free"
URW_DIRS = (Path("/usr/share/fonts/opentype/urw-base35"), Path("/usr/share/fonts/urw-base35"))
URW_PACKAGE = "fonts-urw-base35"
CONDITION = "sRGB IEC61966-2.1"

# Standard font -> (URW font file, reportlab metrics name, flags, italic angle)
STANDARD = {
    "Helvetica": ("NimbusSans-Regular.otf", "Helvetica", 32, 0),
    "Helvetica-Bold": ("NimbusSans-Bold.otf", "Helvetica-Bold", 32, 0),
    "Helvetica-Oblique": ("NimbusSans-Italic.otf", "Helvetica-Oblique", 96, -12),
    "Helvetica-BoldOblique": ("NimbusSans-BoldItalic.otf", "Helvetica-BoldOblique", 96, -12),
    "Times-Roman": ("NimbusRoman-Regular.otf", "Times-Roman", 34, 0),
    "Times-Bold": ("NimbusRoman-Bold.otf", "Times-Bold", 34, 0),
    "Times-Italic": ("NimbusRoman-Italic.otf", "Times-Italic", 98, -15),
    "Times-BoldItalic": ("NimbusRoman-BoldItalic.otf", "Times-BoldItalic", 98, -15),
    "Courier": ("NimbusMonoPS-Regular.otf", "Courier", 33, 0),
    "Courier-Bold": ("NimbusMonoPS-Bold.otf", "Courier-Bold", 33, 0),
    "Courier-Oblique": ("NimbusMonoPS-Italic.otf", "Courier-Oblique", 97, -12),
    "Courier-BoldOblique": ("NimbusMonoPS-BoldItalic.otf", "Courier-BoldOblique", 97, -12),
}
ALIASES = {"Arial": "Helvetica", "Arial,Bold": "Helvetica-Bold", "Arial-BoldMT": "Helvetica-Bold",
           "ArialMT": "Helvetica", "TimesNewRoman": "Times-Roman", "TimesNewRomanPSMT": "Times-Roman"}  # fmt: skip


def _find(paths: tuple[Path, ...], what: str, package: str) -> Path:
    for path in paths:
        if path.exists():
            return path
    raise DocgenError(f"PDF/A needs {what}, which is not installed; install the Debian package {package}", file="--pdfa")


def _resources(node: DictionaryObject, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every resource dictionary used by ``node`` (a page or form), forms within forms included."""
    resources = node.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    if id(resources) in seen:
        return
    seen.add(id(resources))
    yield resources
    for ref in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resources(xobject, seen)
    for ref in (resources.get("/Pattern") or DictionaryObject()).get_object().values():
        pattern = ref.get_object()
        if "/Resources" in pattern:
            yield from _resources(pattern, seen)


def _fonts(writer: PdfWriter) -> Iterator[tuple[int, DictionaryObject]]:
    seen: set[int] = set()
    done: set[int] = set()
    for number, page in enumerate(writer.pages, start=1):
        for resources in _resources(page, seen):
            for ref in (resources.get("/Font") or DictionaryObject()).get_object().values():
                font = ref.get_object()
                if id(font) not in done:
                    done.add(id(font))
                    yield number, font


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants = font["/DescendantFonts"].get_object()
        return all(_embedded(d.get_object()) for d in descendants)
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by its own content streams
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _embed_standard(writer: PdfWriter, font: DictionaryObject, name: str, programs: dict[str, object]) -> None:
    file_name, metrics, flags, angle = STANDARD[name]
    if file_name not in programs:
        path = _find(tuple(d / file_name for d in URW_DIRS), f"the font {file_name}", URW_PACKAGE)
        stream = DecodedStreamObject()
        stream.set_data(path.read_bytes())
        stream[NameObject("/Subtype")] = NameObject("/OpenType")
        stream = stream.flate_encode()
        programs[file_name] = writer._add_object(stream)
    face = pdfmetrics.getFont(metrics).face
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): NameObject(f"/{name}"),
        NameObject("/Flags"): NumberObject(flags),
        NameObject("/FontBBox"): ArrayObject([NumberObject(v) for v in (-200, -300, 1200, 1000)]),  # covers all three families
        NameObject("/ItalicAngle"): NumberObject(angle),
        NameObject("/Ascent"): NumberObject(int(face.ascent)),
        NameObject("/Descent"): NumberObject(int(face.descent)),
        NameObject("/CapHeight"): NumberObject(int(face.ascent)),
        NameObject("/StemV"): NumberObject(80),
        NameObject("/FontFile3"): programs[file_name],
    })  # fmt: skip
    font[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    font[NameObject("/BaseFont")] = NameObject(f"/{name}")
    if "/Encoding" not in font:
        font[NameObject("/Encoding")] = NameObject("/WinAnsiEncoding")
    widths = []
    for code in range(32, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            widths.append(FloatObject(0))
            continue
        widths.append(FloatObject(round(pdfmetrics.stringWidth(char, metrics, 1000), 3)))
    font[NameObject("/FirstChar")] = NumberObject(32)
    font[NameObject("/LastChar")] = NumberObject(255)
    font[NameObject("/Widths")] = ArrayObject(widths)


def embed_fonts(writer: PdfWriter, *, file: str) -> int:
    """Embed every standard font the pages use; returns how many were embedded."""
    programs: dict[str, object] = {}
    count = 0
    for page, font in _fonts(writer):
        if _embedded(font):
            continue
        base = str(font.get("/BaseFont", "")).lstrip("/")
        name = ALIASES.get(base, base)
        if font.get("/Subtype") not in ("/Type1", "/TrueType") or name not in STANDARD:
            raise DocgenError(
                f"page {page} uses the font {base or '(unnamed)'}, which is not embedded and has no free "
                "equivalent here, so the bundle cannot be made PDF/A; embed the font in the source document",
                file=file,
            )
        font[NameObject("/Subtype")] = NameObject("/Type1")
        _embed_standard(writer, font, name, programs)
        count += 1
    return count


def _output_intent(writer: PdfWriter) -> None:
    profile = _find(ICC_PATHS, "an sRGB colour profile", ICC_PACKAGE)
    stream = DecodedStreamObject()
    stream.set_data(profile.read_bytes())
    stream[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFA1"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(CONDITION),
        NameObject("/Info"): TextStringObject(CONDITION),
        NameObject("/DestOutputProfile"): writer._add_object(stream.flate_encode()),
    })  # fmt: skip
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])


def xmp(info: dict[str, str]) -> bytes:
    """The XMP packet stating PDF/A-2b, with the same title, creator tool and producer as ``info``."""
    parts = ['<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
             "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"]  # fmt: skip
    if "/Title" in info:
        parts.append('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>'
                     f'<rdf:li xml:lang="x-default">{escape(info["/Title"])}</rdf:li></rdf:Alt></dc:title>'
                     "</rdf:Description>")  # fmt: skip
    if "/Creator" in info:
        parts.append('<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
                     f"<xmp:CreatorTool>{escape(info['/Creator'])}</xmp:CreatorTool></rdf:Description>")  # fmt: skip
    if "/Producer" in info:
        parts.append('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
                     f"<pdf:Producer>{escape(info['/Producer'])}</pdf:Producer></rdf:Description>")  # fmt: skip
    body = "".join(parts)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{body}</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


def _metadata(writer: PdfWriter, info: dict[str, str]) -> None:
    writer._info = None  # type: ignore[assignment]  # only what the XMP repeats
    writer.add_metadata(info)
    stream = DecodedStreamObject()
    stream.set_data(xmp(info))  # left unfiltered, as PDF/A asks of metadata
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)


def _printable_annotations(writer: PdfWriter) -> None:
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            flags = int(annot.get("/F", 0))
            annot[NameObject("/F")] = NumberObject((flags | 4) & ~(1 | 2 | 32 | 256))


def _move_manifest(writer: PdfWriter, reader: PdfReader, file: str) -> None:
    """manifest.json out of the attachments (PDF/A-2 allows only PDF/A ones) into the catalogue."""
    data = manifest_mod.read_manifest(reader, file=file)
    names = writer.root_object.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        del names.get_object()[NameObject("/EmbeddedFiles")]
        if not names.get_object():
            del writer.root_object[NameObject("/Names")]
    if data is not None:
        stream = DecodedStreamObject()
        blob = manifest_mod.to_bytes(data)
        stream.set_data(blob)
        stream[NameObject("/Params")] = manifest_mod.file_params(blob)
        writer.root_object[NameObject(manifest_mod.CATALOG_KEY)] = writer._add_object(stream.flate_encode())


def to_pdfa(data: bytes, *, file: str) -> bytes:
    """``data`` rewritten as PDF/A-2b (see the module's docstring for what changes)."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise DocgenError("an encrypted PDF cannot be PDF/A", file=file)
    info = {k: str(v) for k, v in (reader.metadata or {}).items() if k in ("/Title", "/Creator")}
    info["/Producer"] = "docgen (pypdf)"
    with quiet_pypdf():  # a clone outgrowing the old trailer's count says nothing about the file
        writer = PdfWriter(clone_from=reader)
    embed_fonts(writer, file=file)
    _output_intent(writer)
    _printable_annotations(writer)
    _move_manifest(writer, reader, file)
    _metadata(writer, info)
    for key in ("/AF", "/JavaScript"):
        if key in writer.root_object:
            del writer.root_object[NameObject(key)]
    digest = hashlib.sha256(data).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])  # the same file, the same id
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
