"""Fonts for the PDF: the bundled TTFs, registered once, and which of them can draw a character (report layer).

Helvetica has no Cyrillic, Greek, Arabic or CJK, so the plan prints in bundled
fonts: DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic; Droid Sans
Fallback covers Chinese and Japanese; Nanum Gothic covers Korean. Coverage is
read from each font's cmap, so a character goes to the first font that really has it.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "StakeSans"
BOLD = "StakeSans-Bold"
CJK = "StakeCJK"
HANGUL = "StakeHangul"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
}
#: Tried in this order for a character the main font lacks (the fallbacks have no bold face).
FALLBACKS = (CJK, HANGUL)


class FontsMissing(RuntimeError):
    """The bundled fonts are not where the package says they are (a broken installation)."""


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    folder = files("stakemap").joinpath("resources", "fonts")
    for name, filename in _FILES.items():
        with as_file(folder.joinpath(filename)) as path:
            if not path.is_file():
                raise FontsMissing(f"The bundled font {filename} is missing from {path.parent}.")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@cache
def coverage(font: str) -> frozenset[int]:
    """Code points ``font`` has a glyph for."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def main_font(bold: bool) -> str:
    return BOLD if bold else REGULAR


@cache
def font_for(code: int, bold: bool = False) -> str | None:
    """The bundled font that draws code point ``code`` (the main one if it can), or None if none can."""
    main = main_font(bold)
    if code in coverage(main):
        return main
    for font in FALLBACKS:
        if code in coverage(font):
            return font
    return None


@cache
def char_width(char: str, font: str) -> float:
    """Advance width of ``char`` in ``font`` at 1 pt."""
    return pdfmetrics.stringWidth(char, font, 1.0)
