"""Putting page numbers on source pages without touching their content.

A source page's content stream is never parsed or rewritten: it is wrapped in ``q`` ...
``Q`` (so whatever state it leaves behind cannot move the stamp) and followed by one
``Do`` of a form XObject that holds the stamp. The wrapper streams depend only on where
the page's box starts, so they are shared by every page with the same box origin. The
stamp form is a few dozen bytes written here, drawn in the font subset the bundle's own
pages embed, so a stamp costs no extra font and no extra page to parse.
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
    PdfObject,
)

from .apparatus import Stamp
from .fonts import Fonts
from .furniture import Geometry, label_position

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


def _number(value: float) -> str:
    """A PDF number: fixed point, no exponent, no trailing zeros (and never ``-0``)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _literal(data: bytes) -> str:
    out = []
    for byte in data:
        if byte in b"()\\":
            out.append("\\" + chr(byte))
        elif 32 <= byte < 127:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def stamp_content(stamp: Stamp, fonts: Fonts, *, line: int = 0) -> bytes:
    """The content of a stamp form: the page number, upright at the displayed foot.

    ``line`` lifts the number above earlier stamps, for a page taken from an older bundle.
    """
    geometry = stamp.geometry
    x, y, size = label_position(fonts, stamp.label, *geometry.shown)
    y += line * size * 1.4
    matrix = " ".join(_number(v) for v in geometry.reader_frame())
    parts = [f"q {matrix} cm BT 0 g {_number(x)} {_number(y)} Td"]
    parts += [f"{name} {_number(size)} Tf {_literal(data)} Tj" for name, data in stamp.runs]
    parts.append("ET Q")
    return (" ".join(parts) + "\n").encode("ascii")


class Stamper:
    """Attaches stamps to pages already in ``writer``, sharing the apparatus font."""

    def __init__(
        self, writer: PdfWriter, apparatus: PdfReader | None, fonts: Fonts, *, resources: DictionaryObject | None = None
    ) -> None:
        """Stamps draw in the apparatus's font, or in ``resources`` already in ``writer``."""
        self.writer = writer
        self.fonts = fonts
        if resources is None:
            assert apparatus is not None
            font_dict = apparatus.pages[0]["/Resources"].raw_get("/Font")
            resources = DictionaryObject({NameObject("/Font"): font_dict}).clone(writer)
        self._resources = writer._add_object(resources)  # pypdf's way to add an object
        self._open = self._stream(b"q\n")
        self._calls: dict[tuple[float, float, str], IndirectObject] = {}

    def _stream(self, data: bytes, **entries: PdfObject) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        stream.update({NameObject(k): v for k, v in entries.items()})
        return self.writer._add_object(stream)

    def _call(self, geometry: Geometry, name: str) -> IndirectObject:
        key = (geometry.x0, geometry.y0, name)
        if key not in self._calls:
            move = f"1 0 0 1 {_number(geometry.x0)} {_number(geometry.y0)} cm " if key[:2] != (0.0, 0.0) else ""
            self._calls[key] = self._stream(f"Q q {move}{name} Do Q\n".encode("ascii"))
        return self._calls[key]

    def _form(self, stamp: Stamp, line: int) -> IndirectObject:
        box = [FloatObject(0), FloatObject(0), FloatObject(stamp.geometry.width), FloatObject(stamp.geometry.height)]
        return self._stream(
            stamp_content(stamp, self.fonts, line=line),
            **{"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"), "/BBox": ArrayObject(box),
               "/Resources": self._resources},
        )  # fmt: skip

    def attach(self, page: PageObject, stamp: Stamp) -> None:
        """Stamp ``page`` (already in the writer) and give it the stamp's rotation."""
        geometry = stamp.geometry
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
        xobjects[NameObject(name)] = self._form(stamp, line=serial - 1)
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
