"""ReportLab settings shared by everything that draws a PDF (documents and bundles).

ReportLab keeps these as process-wide globals, so they are set in one module that every
PDF-drawing module imports: the bytes of a file must not depend on which module happened
to be imported first.
"""

import zlib
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from . import pdfformat

# Streams are compressed binary; ASCII85 wrapping only made files larger and slower.
rl_config.useA85 = 0


class _RememberingFlate(pdfdoc.PDFStreamFilterZCompress):
    """ReportLab's Flate filter, remembering what it made of large streams.

    A document embeds a subset of each DejaVu face (some 35 KB before compression), and
    for English text the subsets of one document are, byte for byte, those of the next:
    ASCII is always in them, and only the few other characters a document uses are
    added. Compressing the same font bytes again was a fifth of the time of a letter's
    PDF. The same input gives the same bytes (zlib at the same level), so files are
    unchanged; small streams (page contents, which differ) are not remembered.
    """

    SMALLEST = 8 * 1024

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        return _compressed(data) if len(data) >= self.SMALLEST else zlib.compress(data)


_compressed = lru_cache(maxsize=32)(zlib.compress)

# ReportLab looks the filter up in pdfdoc each time it sets up a stream.
pdfdoc.PDFZCompress = _RememberingFlate()

# Plain numbers, strings and names are formatted without ReportLab's type tests.
pdfformat.install()
