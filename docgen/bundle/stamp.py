"""Putting page numbers on source pages without touching their content.

A source page's content stream is never parsed or rewritten: it is wrapped in ``q`` ...
``Q`` (so whatever state it leaves behind cannot move the stamp) and followed by one
``Do`` of a form XObject that holds the stamp. The wrapper streams depend only on where
the page's box starts, so they are shared by every page with the same box origin.
"""

from __future__ import annotations

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
)

from .furniture import Geometry

STAMP_NAME = "/DocgenStamp"


def page_geometry(page: PageObject) -> Geometry:
    """The visible box and rotation of a page, tolerant of odd but legal values."""
    box = page.cropbox
    x0, x1 = sorted((float(box.left), float(box.right)))
    y0, y1 = sorted((float(box.bottom), float(box.top)))
    rotate = int(round(float(page.get("/Rotate", 0) or 0) / 90.0)) * 90 % 360
    return Geometry(x0, y0, x1 - x0, y1 - y0, rotate)


def turned_upright(geometry: Geometry) -> Geometry:
    """The geometry after turning a landscape page a quarter to portrait (top to the left)."""
    if not geometry.landscape:
        return geometry
    return Geometry(geometry.x0, geometry.y0, geometry.width, geometry.height, (geometry.rotate + 270) % 360)


class Stamper:
    """Attaches stamps drawn in the apparatus document to pages already in ``writer``."""

    def __init__(self, writer: PdfWriter, apparatus: PdfReader) -> None:
        self.writer = writer
        self.apparatus = apparatus
        self._open = self._stream(b"q\n")
        self._calls: dict[tuple[float, float, str], IndirectObject] = {}
        self._resources: IndirectObject | None = None

    def _stream(self, data: bytes) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        return self.writer._add_object(stream)  # pypdf's way to register a new indirect object

    def _call(self, geometry: Geometry, name: str) -> IndirectObject:
        key = (geometry.x0, geometry.y0, name)
        if key not in self._calls:
            move = f"1 0 0 1 {geometry.x0:g} {geometry.y0:g} cm " if key[:2] != (0.0, 0.0) else ""
            self._calls[key] = self._stream(f"Q q {move}{name} Do Q\n".encode("ascii"))
        return self._calls[key]

    def _form(self, stamp_index: int, geometry: Geometry) -> IndirectObject:
        stamp_page = self.apparatus.pages[stamp_index]
        if self._resources is None:
            resources = DictionaryObject({NameObject("/Font"): stamp_page["/Resources"].raw_get("/Font")})
            self._resources = self.writer._add_object(resources.clone(self.writer))
        form = stamp_page["/Contents"].clone(self.writer)
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(geometry.width), FloatObject(geometry.height)]
                ),
                NameObject("/Resources"): self._resources,
            }
        )
        assert form.indirect_reference is not None
        return form.indirect_reference

    def attach(self, page: PageObject, stamp_index: int, geometry: Geometry) -> None:
        """Stamp ``page`` (already in the writer) and give it ``geometry``'s rotation."""
        if geometry.rotate != int(page.get("/Rotate", 0) or 0):
            page[NameObject("/Rotate")] = NumberObject(geometry.rotate)
        old = page.get("/Resources")
        resources = DictionaryObject(old.get_object()) if old is not None else DictionaryObject()
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
        name, serial = STAMP_NAME, 1
        while name in xobjects:  # a page from an earlier bundle already has a stamp
            serial += 1
            name = f"{STAMP_NAME}{serial}"
        xobjects[NameObject(name)] = self._form(stamp_index, geometry)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources

        contents = page.raw_get("/Contents") if "/Contents" in page else None
        streams: list = [self._open]
        if contents is not None:
            body = contents.get_object()
            if isinstance(body, ArrayObject):
                streams.extend(body)
            elif isinstance(contents, IndirectObject):
                streams.append(contents)
            else:  # a stream stored inline, which an array may not hold
                streams.append(self.writer._add_object(contents))
        streams.append(self._call(geometry, name))
        page[NameObject("/Contents")] = ArrayObject(streams)
