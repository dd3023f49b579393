"""Embedded TrueType fonts whose PDF objects are formatted once per process.

For every subset of every face a PDF uses, ReportLab builds and formats the same objects
anew: the font dictionary with its Widths array (one number at a time, a hundred or more
of them), the ToUnicode map (built as text and compressed), the font descriptor and the
font file's stream. A letter has three or four such subsets, and in English documents
they are the same from one letter to the next; formatting them was half of the time
spent saving a letter's PDF.

:class:`RememberingTTFont` registers the same objects, under the same names and in the
same order, as ReportLab's ``TTFont.addObjects``, so every object keeps its number. Each
object's bytes are remembered under everything that decides them (the face, the subset,
the internal and base font names, the filters, ReportLab's formatting settings); the only
parts that differ between documents, the references to other objects, are left as gaps
and filled in with this document's object numbers. An encrypted document is formatted
by ReportLab as usual.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, ttfonts

_Build = Callable[[Sequence[Any]], Any]
# an object's text between its references, and which reference fills each gap
_Parts = tuple[tuple[bytes, ...], tuple[int, ...]]


class _Gap(pdfdoc.PDFObject):
    """Stands where a reference will go while an object is formatted for remembering."""

    def __init__(self, index: int) -> None:
        self.mark = b"\x00docgen-gap-%d\x00" % index

    def format(self, document: Any) -> bytes:
        return self.mark


class _Remembered:
    """Formatted objects by key, the least recently used dropped beyond ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._parts: OrderedDict[Hashable, _Parts] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> _Parts | None:
        with self._lock:
            parts = self._parts.get(key)
            if parts is not None:
                self._parts.move_to_end(key)
            return parts

    def put(self, key: Hashable, parts: _Parts) -> None:
        with self._lock:
            self._parts[key] = parts
            self._parts.move_to_end(key)
            while len(self._parts) > self.size:
                self._parts.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._parts.clear()


# A letter has three or four subsets, each of four objects; documents with many
# different characters add a few more. The font files' streams are the large ones.
REMEMBERED = _Remembered(size=256)


def _settings() -> tuple[Any, ...]:
    """ReportLab's global settings that change how an object is formatted."""
    return (rl_config.pdfMultiLine, rl_config.invariant, rl_config.pdfComments)


class _FormattedOnce(pdfdoc.PDFObject):
    """A PDF object formatted as ``build(refs)`` would be, from remembered bytes.

    ``build`` makes ReportLab's own object given what to put where the references go;
    it is only called when the bytes under ``key`` are not remembered yet (or the
    document is encrypted, when every object must be formatted on its own).
    """

    __RefOnly__ = 1

    def __init__(self, key: Hashable, build: _Build, refs: Sequence[Any] = (), comment: str | None = None) -> None:
        self.key = key
        self.build = build
        self.refs = tuple(refs)
        if comment is not None:
            self.__Comment__ = comment

    def format(self, document: Any) -> bytes:
        if not isinstance(document.encrypt, pdfdoc.NoEncryption):
            return self.build(self.refs).format(document)
        key = (self.key, _settings())
        remembered = REMEMBERED.get(key)
        if remembered is None:
            gaps = [_Gap(i) for i in range(len(self.refs))]
            remembered = _split(self.build(gaps).format(document), gaps)
            if remembered is None:  # a gap's mark was not only where a reference goes
                return self.build(self.refs).format(document)
            REMEMBERED.put(key, remembered)
        parts, order = remembered
        if not order:
            return parts[0]
        out = [parts[0]]
        for index, part in zip(order, parts[1:]):
            out.append(self.refs[index].format(document))
            out.append(part)
        return b"".join(out)


def _split(text: bytes, gaps: Sequence[_Gap]) -> tuple[tuple[bytes, ...], tuple[int, ...]] | None:
    """The text between the gaps, and which gap comes first, second...; None unless
    each gap's mark is in ``text`` exactly once."""
    if any(text.count(gap.mark) != 1 for gap in gaps):
        return None
    order = tuple(sorted(range(len(gaps)), key=lambda i: text.index(gaps[i].mark)))
    parts = []
    rest = text
    for index in order:
        before, _, rest = rest.partition(gaps[index].mark)
        parts.append(before)
    parts.append(rest)
    return tuple(parts), order


def _stream(content: Any, filters: list[Any] | None, dictionary: dict[str, Any] | None = None) -> pdfdoc.PDFStream:
    stream = pdfdoc.PDFStream()
    stream.content = content
    if dictionary:
        stream.dictionary.dict.update(dictionary)
    if filters is not None:
        stream.filters = filters
    return stream


class RememberingTTFont(ttfonts.TTFont):
    """ReportLab's TrueType font, whose PDF objects are formatted once per process."""

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        """What ``TTFont.addObjects`` adds, as objects formatted from remembered bytes."""
        if not isinstance(doc.encrypt, pdfdoc.NoEncryption):
            return super().addObjects(doc)
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = ttfonts.TTFont.State(self._asciiReadable)
        state.frozen = 1
        face = self.face
        filters = [pdfdoc.PDFZCompress] if doc.compression else None
        # the filters used when a stream has none of its own are the document's
        used = tuple(filters) if filters is not None else doc.defaultStreamFilters
        used = tuple(used) if used is not None else None
        to_unicode = ttfonts.makeToUnicodeCMap
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = (b"".join((ttfonts.SUBSETN(n), b"+", face.name, face.subfontNameX))).decode("pdfdoc")
            codes = tuple(subset)

            cmap = _FormattedOnce(
                ("ToUnicode", to_unicode, base, codes, used),
                lambda _refs, base=base, codes=codes: _stream(to_unicode(base, list(codes)), filters),
            )
            cmap_ref = doc.Reference(cmap, "toUnicodeCMap:" + base)
            descriptor_ref = self._add_descriptor(doc, base, codes, filters, used)

            def font(refs: Sequence[Any], internal: str = internal, base: str = base, codes: tuple[int, ...] = codes) -> Any:
                pdf_font = pdfdoc.PDFTrueTypeFont()
                pdf_font.Name = internal
                pdf_font.BaseFont = base
                pdf_font.FirstChar = 0
                pdf_font.LastChar = len(codes) - 1
                pdf_font.Widths = pdfdoc.PDFArray(list(map(face.getCharWidth, codes)))
                pdf_font.ToUnicode, pdf_font.FontDescriptor = refs
                return pdf_font

            pdf_font = _FormattedOnce(
                ("Font", face, internal, base, codes),
                font,
                (cmap_ref, descriptor_ref),
                comment="Font %s subset %d" % (self.fontName, n),
            )
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del self.state[doc]
        return None

    def _add_descriptor(self, doc: Any, base: str, codes: tuple[int, ...], filters: list[Any] | None, used: Any) -> Any:
        """What ``TTFontFace.addSubsetObjects`` adds: the font file and its descriptor."""
        face = self.face

        def font_file(_refs: Sequence[Any]) -> pdfdoc.PDFStream:
            content = face.makeSubset(list(codes))
            return _stream(content, filters, {"Length1": len(content)})

        file_ref = doc.Reference(
            _FormattedOnce(("FontFile2", face, codes, used), font_file),
            "fontFile:%s(%s)" % (face.filename, base),
        )

        def descriptor(refs: Sequence[Any]) -> pdfdoc.PDFDictionary:
            flags = (face.flags & ~ttfonts.FF_NONSYMBOLIC) | ttfonts.FF_SYMBOLIC
            return pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": flags,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(base),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": refs[0],
                "MissingWidth": face.defaultWidth,
            })

        return doc.Reference(_FormattedOnce(("FontDescriptor", face, base), descriptor, (file_ref,)), "fontDescriptor:" + base)
