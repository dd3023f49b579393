"""Reusing the font subsets a bundle already embeds when pages are added to it.

Every reportlab document embeds its own subset of DejaVu Sans (about 55 KB each), so a
late addition drawn afresh would carry another copy. A new page may use an embedded
subset instead when every code it draws means the same character in that subset: the
subsets' ToUnicode maps say what each code means, so the test is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass(frozen=True)
class Embedded:
    """A font subset in the bundle: its resource name on the front sheet, object and code map."""

    key: str
    ref: IndirectObject
    face: str  # the font's name without its subset tag
    codes: dict[int, str]  # code -> the character it draws

    def encode(self, text: str) -> bytes | None:
        """``text`` in this subset's codes, or None if it lacks a character."""
        reverse = {char: code for code, char in sorted(self.codes.items(), reverse=True)}
        out = bytearray()
        for char in text:
            if char not in reverse or reverse[char] > 255:
                return None
            out.append(reverse[char])
        return bytes(out)


def _unicode(hex_text: bytes) -> str:
    data = bytes.fromhex(hex_text.decode("ascii"))
    return data.decode("utf-16-be", errors="replace") if len(data) >= 2 else chr(data[0])


def code_map(font: DictionaryObject) -> dict[int, str]:
    """What each code of a simple font draws, read from its /ToUnicode (codes mapping to 0 left out)."""
    if "/ToUnicode" not in font:
        return {}
    data = font["/ToUnicode"].get_object().get_data()
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        pairs = _HEX.findall(block)
        for code, char in zip(pairs[::2], pairs[1::2]):
            text = _unicode(char)
            if text != "\x00":
                out[int(code, 16)] = text
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                start, end, first = int(values[0], 16), int(values[1], 16), _unicode(values[2])
                for offset in range(end - start + 1):
                    out[start + offset] = chr(ord(first[-1]) + offset)
    return out


def _face(font: DictionaryObject) -> str:
    base = str(font.get("/BaseFont", ""))
    return base.split("+", 1)[1] if "+" in base else base.lstrip("/")


def embedded_fonts(page: PageObject) -> list[Embedded]:
    """The embedded subsets a (front sheet) page uses, which every added page may share."""
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    out = []
    for key, ref in (fonts.get_object().items() if fonts is not None else []):
        font = ref.get_object()
        if isinstance(ref, IndirectObject) and "/FontDescriptor" in font:
            out.append(Embedded(str(key), ref, _face(font), code_map(font)))
    return out


def detach_fonts(page: PageObject, embedded: list[Embedded]) -> dict[str, Embedded]:
    """Take out of a newly drawn ``page`` the fonts an embedded subset can stand in for.

    Called before the page is copied into the bundle, so the duplicate subsets are never
    written; :func:`attach_fonts` then points the copied page at the embedded ones.
    """
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return {}
    fonts = fonts.get_object()
    shared: dict[str, Embedded] = {}
    for key in sorted(fonts):
        font = fonts[key].get_object()
        new = code_map(font)
        for old in embedded:
            if old.face == _face(font) and new and all(old.codes.get(c) == ch for c, ch in new.items()):
                shared[str(key)] = old
                break
    for key in shared:
        del fonts[NameObject(key)]
    return shared


def attach_fonts(page: PageObject, shared: dict[str, Embedded]) -> None:
    """Point the copied ``page`` at the embedded subsets :func:`detach_fonts` chose."""
    if not shared:
        return
    resources = page["/Resources"].get_object()
    fonts = resources["/Font"].get_object()
    for key, old in shared.items():
        fonts[NameObject(key)] = old.ref
