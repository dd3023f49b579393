"""An independent PDF/A-2b check, written from the standard's requirements, not from docgen's code.

No full validator (veraPDF) can be installed from the registries here, so the tests
combine qpdf --check (structure and streams) with these checks of the clauses a
conversion can get wrong: identification and agreeing metadata (ISO 19005-2 6.6), output
intent (6.2.3), embedded fonts (6.2.11.4) and TrueType encodings against their cmap
tables (6.2.11.6), annotations (6.3), actions and embedded files
(6.5, 6.8), forbidden filters (6.1.7) and the file trailer (6.1.3).
"""

from __future__ import annotations

import struct
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
}


def _xmp_value(root: ET.Element, prefix: str, name: str) -> str | None:
    """A simple XMP property, written as an element or as an attribute."""
    tag = f"{{{NS[prefix]}}}{name}"
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        if tag in description.attrib:
            return description.attrib[tag]
        element = description.find(f"{prefix}:{name}", NS)
        if element is not None:
            item = element.find(".//rdf:li", NS)
            return (item.text if item is not None else element.text) or ""
    return None


def _resources(node: DictionaryObject, seen: set[int]) -> Iterator[DictionaryObject]:
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


def _font_embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        return all(_font_embedded(d.get_object()) for d in font["/DescendantFonts"].get_object())
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _cmap_encodings(program: bytes) -> list[tuple[int, int]]:
    """(platform, encoding) of each subtable of a TrueType program's cmap table."""
    tables = struct.unpack(">H", program[4:6])[0]
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", program[12 + 16 * i : 28 + 16 * i])
        if tag == b"cmap":
            count = struct.unpack(">H", program[offset + 2 : offset + 4])[0]
            return [struct.unpack(">HH", program[offset + 4 + 8 * j : offset + 8 + 8 * j]) for j in range(count)]
    return []


def _truetype_problem(font: DictionaryObject) -> str | None:
    """6.2.11.6: how a TrueType font's encoding and cmap must agree."""
    descriptor = font["/FontDescriptor"].get_object()
    if font.get("/Subtype") != "/TrueType" or "/FontFile2" not in descriptor:
        return None
    encodings = _cmap_encodings(descriptor["/FontFile2"].get_object().get_data())
    if int(descriptor.get("/Flags", 0)) & 4:  # symbolic
        if "/Encoding" in font:
            return "a symbolic TrueType font has an /Encoding"
        if len(encodings) != 1 and (3, 0) not in encodings:
            return f"a symbolic TrueType font's cmap has {encodings}, not one table or (3,0)"
        return None
    if font.get("/Encoding") not in ("/WinAnsiEncoding", "/MacRomanEncoding"):
        return "a non-symbolic TrueType font is not WinAnsi or MacRoman encoded"
    if (3, 1) not in encodings and (1, 0) not in encodings:
        return f"a non-symbolic TrueType font's cmap has {encodings}, neither (3,1) nor (1,0)"
    return None


def pdfa_problems(path: Path, *, qpdf: str | None = None) -> list[str]:
    """Every way the file at ``path`` falls short of PDF/A-2b that these checks can see."""
    problems: list[str] = []
    data = path.read_bytes()
    if not data.startswith(b"%PDF-1.") and not data.startswith(b"%PDF-2."):
        problems.append("6.1.2: no %PDF header")
    second = data.split(b"\n", 2)[1] if data.count(b"\n") > 1 else b""
    if not (second.startswith(b"%") and sum(b > 127 for b in second[1:5]) == 4):
        problems.append("6.1.2: the header is not followed by a comment of four bytes over 127")
    if qpdf:
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            problems.append(f"qpdf --check: {done.stdout.strip().splitlines()[-1:]}")
    reader = PdfReader(path)
    if reader.is_encrypted:
        problems.append("6.1.3: encrypted")
    if "/ID" not in reader.trailer:
        problems.append("6.1.3: the trailer has no /ID")
    root = reader.trailer["/Root"]
    info = {k: str(v) for k, v in (reader.metadata or {}).items()}

    # 6.6: XMP metadata identifying PDF/A-2b and agreeing with the document information
    if "/Metadata" not in root:
        problems.append("6.6.2: no XMP metadata")
    else:
        stream = root["/Metadata"].get_object()
        if "/Filter" in stream:
            problems.append("6.6.2: the metadata stream is filtered")
        xml = ET.fromstring(stream.get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        if _xmp_value(xml, "pdfaid", "part") != "2":
            problems.append("6.6.4: pdfaid:part is not 2")
        if (_xmp_value(xml, "pdfaid", "conformance") or "").upper() != "B":
            problems.append("6.6.4: pdfaid:conformance is not B")
        for key, (prefix, name) in {"/Title": ("dc", "title"), "/Creator": ("xmp", "CreatorTool"),
                                    "/Producer": ("pdf", "Producer"), "/Author": ("dc", "creator"),
                                    "/CreationDate": ("xmp", "CreateDate"),
                                    "/ModDate": ("xmp", "ModifyDate")}.items():  # fmt: skip
            if key in info and key not in ("/CreationDate", "/ModDate") and _xmp_value(xml, prefix, name) != info[key]:
                problems.append(f"6.6.3: {key} {info[key]!r} differs from XMP {prefix}:{name}")
            if key in ("/CreationDate", "/ModDate") and key in info and _xmp_value(xml, prefix, name) is None:
                problems.append(f"6.6.3: {key} has no XMP {prefix}:{name}")

    # 6.2.3: an output intent with an ICC profile
    intents = [i.get_object() for i in (root.get("/OutputIntents") or [])]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        problems.append("6.2.3: no GTS_PDFA1 output intent")
    for intent in pdfa:
        profile = intent.get("/DestOutputProfile")
        icc = profile.get_object().get_data() if profile is not None else b""
        if icc[36:40] != b"acsp" or icc[16:20] not in (b"RGB ", b"GRAY", b"CMYK"):
            problems.append("6.2.3: the output intent's profile is not an ICC colour profile")

    # 6.8 and 6.5: no embedded non-PDF/A files, no JavaScript or launch actions
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        problems.append("6.8: embedded files (this check allows none)")
    if names is not None and "/JavaScript" in names.get_object():
        problems.append("6.5.1: document JavaScript")

    seen: set[int] = set()
    for number, page in enumerate(reader.pages, start=1):
        for resources in _resources(page, seen):
            for name, ref in (resources.get("/Font") or DictionaryObject()).get_object().items():
                font = ref.get_object()
                if not _font_embedded(font):
                    problems.append(f"6.2.11.4: page {number}: font {font.get('/BaseFont')} ({name}) is not embedded")
                elif "/FontDescriptor" in font and (why := _truetype_problem(font)):
                    problems.append(f"6.2.11.6: page {number}: font {font.get('/BaseFont')}: {why}")
            for ref in (resources.get("/XObject") or DictionaryObject()).get_object().values():
                image = ref.get_object()
                if image.get("/Subtype") == "/Image" and image.get("/Interpolate") is True:
                    problems.append(f"6.2.8: page {number}: an image asks for interpolation")
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            flags = int(annot.get("/F", 0))
            if annot.get("/Subtype") != "/Popup" and (not flags & 4 or flags & (1 | 2 | 32 | 256)):
                problems.append(f"6.3.2: page {number}: an annotation is not set to print, or is hidden")
            action = annot.get("/A")
            if isinstance(action, DictionaryObject) and action.get("/S") in ("/Launch", "/JavaScript", "/Sound", "/Movie"):
                problems.append(f"6.5.1: page {number}: a forbidden {action.get('/S')} action")

    # 6.1.7: no LZW
    numbers = sorted({n for table in reader.xref.values() for n in table} | set(reader.xref_objStm))
    for number in numbers:
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if isinstance(obj, StreamObject):
            filters = obj.get("/Filter")
            filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
            if "/LZWDecode" in filters:
                problems.append(f"6.1.7: object {number} uses LZW")
    return sorted(set(problems))
