"""Make a fictional 'scanned' page: English and Welsh text drawn, then rasterised.

A scan has pictures of words and no text layer; this one carries words an OCR engine
should find in both languages, so the bundle's OCR can be tested against known text.
Run it to write ``evidence/bilingual-notice-scan.png``; the tests call :func:`scan_png`.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent / "evidence"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts"))

ENGLISH = [
    "NOTICE OF SERVICE (fictional specimen)",
    "The subject was given a copy of the order",
    "and its terms were explained in person.",
]
WELSH = [
    "HYSBYSIAD CYFLWYNO (enghraifft ffug)",
    "Rhoddwyd copi o'r gorchymyn i'r gwrthrych",
    "ac eglurwyd ei delerau wyneb yn wyneb.",
]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for folder in FONT_DIRS:
        path = folder / "DejaVuSans.ttf"
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def scan_png(dpi: int = 200, *, signature: bool = True) -> bytes:
    """An A4 greyscale PNG at ``dpi`` with the English and Welsh lines drawn on it (and a signature stroke)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 248)
    draw = ImageDraw.Draw(image)
    font = _font(int(dpi * 0.16))
    y = int(dpi * 1.2)
    for block in (ENGLISH, WELSH):
        for line in block:
            draw.text((int(dpi * 0.9), y), line, fill=20, font=font)
            y += int(dpi * 0.32)
        y += int(dpi * 0.4)
    if signature:
        draw.line((int(dpi * 0.9), y + 60, int(dpi * 3.2), y + 30), fill=30, width=4)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def main() -> None:
    HERE.mkdir(exist_ok=True)
    data = scan_png()
    (HERE / "bilingual-notice-scan.png").write_bytes(data)
    print(f"wrote bilingual-notice-scan.png ({len(data)} bytes)")


if __name__ == "__main__":
    main()
