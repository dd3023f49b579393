"""Quicker equivalents of two of ReportLab's functions for writing PDF objects out.

Saving a letter calls ``pdfdoc.format`` some three hundred times and ``pdfdoc.PDFName``
over a hundred, mostly for the same dictionary keys, numbers and names. ``format`` tests
each value against ReportLab's object class and three helper predicates before it reaches
a number or a string; ``PDFName`` escapes the same few dozen names character by character.
The versions here answer plain numbers, strings and bytes straight away (with ReportLab's
own number formatting and encoding) and remember names once escaped; everything else
goes to ReportLab's functions, so the bytes are the same.
"""

from __future__ import annotations

import threading
from typing import Any

from reportlab.pdfbase import pdfdoc

REPORTLAB_FORMAT = pdfdoc.format
REPORTLAB_NAME = pdfdoc.PDFName
_fp_str = pdfdoc.fp_str
_NAMES: dict[str, str] = {}
_MOST_NAMES = 4096
_LOCK = threading.Lock()


def format(element: Any, document: Any, toplevel: int = 0) -> bytes:  # noqa: A001 - ReportLab's name
    """``pdfdoc.format``, with plain values answered without ReportLab's type tests."""
    kind = type(element)
    if kind is bytes:
        return element
    if kind is int or kind is float:
        # fp_str writes digits, a sign and a point: the same in ASCII as in PDFDocEncoding
        return _fp_str(element).encode("ascii")
    if kind is str:
        return element.encode("extpdfdoc")
    return REPORTLAB_FORMAT(element, document, toplevel)


def PDFName(data: Any, lo: str = "!", hi: str = "~") -> str:  # noqa: N802 - ReportLab's name
    """``pdfdoc.PDFName``, remembering what each plain name became."""
    if type(data) is not str or lo != "!" or hi != "~":
        return REPORTLAB_NAME(data, lo, hi)
    name = _NAMES.get(data)
    if name is None:
        name = REPORTLAB_NAME(data)
        with _LOCK:
            if len(_NAMES) < _MOST_NAMES:
                _NAMES[data] = name
    return name


def install() -> None:
    """Make ReportLab's PDF objects use these versions (they look both up in pdfdoc)."""
    pdfdoc.format = format
    pdfdoc.PDFName = PDFName
