"""Fonts for the PDF: bundled TTFs registered once, and text marked up so every script prints.

DejaVu Sans covers Latin, Greek, Cyrillic and Arabic (shaped by HarfBuzz through
``ParagraphStyle(shaping=1)``); Droid Sans Fallback covers Chinese and Japanese,
and Nanum Gothic Korean. Each run of characters the main font lacks is wrapped in a ``<font>``
tag for the fallback; characters no bundled font has (most emoji) print as a
visible box rather than vanish. All user text is escaped here first.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "StakeSans"
BOLD = "StakeSans-Bold"
FALLBACK = "StakeCJK"
HANGUL = "StakeHangul"
MISSING = "□"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
}
#: Tried in order for characters the main font lacks.
FALLBACKS = (FALLBACK, HANGUL)


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    for name, filename in _FILES.items():
        with as_file(files("stakemap").joinpath("resources", "fonts", filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@cache
def _coverage(font: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@cache
def _plain_chars(font: str) -> frozenset[str]:
    """Characters ``font`` prints on its own with nothing to escape, drop or swap: the fast path.

    Most text on a plan is Latin; checking it is a subset of this set is one C-level call, where the
    careful path below looks each character up in turn.
    """
    skip = {*range(32), 0x7F, 0x200D, *range(0xFE00, 0xFE10)}
    return frozenset(chr(code) for code in _coverage(font) if code not in skip)


def is_plain(text: str, *, bold: bool = False) -> bool:
    """True when ``text`` prints in the main font as it is (no fallback runs, controls or line breaks)."""
    return frozenset(text) <= _plain_chars(BOLD if bold else REGULAR)


def _font_for(char: str, main: frozenset[int]) -> str | None:
    code = ord(char)
    if code in main or char in "\n\t " or code < 32:
        return "main"
    for font in FALLBACKS:
        if code in _coverage(font):
            return font
    return None


def rich(text: str, *, bold: bool = False) -> str:
    """``text`` as safe paragraph markup: escaped, with fallback runs and missing glyphs boxed."""
    if is_plain(text, bold=bold):
        return escape(text)
    main = _coverage(BOLD if bold else REGULAR)
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = "main"

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run)).replace("\n", "<br/>")
        out.append(chunk if run_font == "main" else f'<font name="{run_font}">{chunk}</font>')
        run.clear()

    for char in text:
        if 0xFE00 <= ord(char) <= 0xFE0F or ord(char) == 0x200D:
            continue  # emoji variation selectors and joiners: nothing to draw on their own
        font = _font_for(char, main)
        if font is None:
            char, font = MISSING, "main"
        elif ord(char) < 32 and char not in "\n\t":
            continue  # control characters have no place on paper
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(out)


def plain_width(text: str, size: float, *, bold: bool = False) -> float:
    """Approximate printed width of ``text`` (fallback characters measured in the fallback font)."""
    register_fonts()
    if is_plain(text, bold=bold):
        return pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size)
    main = _coverage(BOLD if bold else REGULAR)
    width = 0.0
    for char in text:
        font = _font_for(char, main)
        name = (BOLD if bold else REGULAR) if font in ("main", None) else font
        width += pdfmetrics.stringWidth(char, name, size)
    return width


def fit(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points (never cut off by the page)."""
    text = " ".join(text.split())
    if plain_width(text, size, bold=bold) <= width:
        return text
    # No glyph is narrower than ~0.15 em, so longer prefixes cannot fit: this bounds the search on huge text.
    low, high = 0, min(len(text), int(width / (size * 0.15)) + 1)
    while low < high:
        middle = (low + high + 1) // 2
        if plain_width(text[:middle] + "…", size, bold=bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def draw_text(canvas: Any, x: float, y: float, text: str, size: float, *, bold: bool = False,
              align: str = "left") -> None:  # fmt: skip
    """Draw one line straight onto a canvas, each run in a font that has its characters.

    For labels drawn outside paragraphs (quadrant names, the footer): Chinese, Japanese and
    Korean would otherwise print as empty boxes.
    """
    register_fonts()
    main_name = BOLD if bold else REGULAR
    runs = [(main_name, text)] if is_plain(text, bold=bold) else _runs(text, main_name)
    width = sum(pdfmetrics.stringWidth(chunk, name, size) for name, chunk in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for name, chunk in runs:
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, name, size)


def _runs(text: str, main_name: str) -> list[tuple[str, str]]:
    """``text`` split into (font, chunk) runs, each in a font that has its characters."""
    main = _coverage(main_name)
    runs: list[tuple[str, str]] = []
    for char in text:
        font = _font_for(char, main)
        name = main_name if font in ("main", None) else font
        char = char if font is not None else MISSING
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs
