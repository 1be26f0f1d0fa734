"""Fonts for the PDF: bundled TTFs registered once, and text marked up so every script prints.

DejaVu Sans covers Latin, Greek, Cyrillic and Arabic (shaped by HarfBuzz through
``ParagraphStyle(shaping=1)``); Droid Sans Fallback covers Chinese and Japanese,
and Nanum Gothic Korean; the Noto Sans families cover Devanagari, Bengali, Tamil, Thai
and Ethiopic (shaped by HarfBuzz too). Each run of characters the main font lacks is
wrapped in a ``<font>`` tag for the fallback; characters no bundled font has (most emoji)
print as a visible box rather than vanish. All user text is escaped here first.

A word in one of the shaped scripts is kept whole in its script's font when that font has
every character of it: reportlab shapes a word with the font of its first character, so a
word split between fonts would be shaped with the wrong one and print as boxes. A word that
cannot be kept whole (Thai in brackets: the Thai font has no brackets) is shaped one font run
at a time by ``_shape_by_font``, installed in place of reportlab's word shaper.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import as_file, files
from itertools import groupby
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedFragWord, TTFont, makeShapedFragWord, shapeFragWord, shapeStr
from reportlab.platypus import paragraph

REGULAR = "StakeSans"
BOLD = "StakeSans-Bold"
FALLBACK = "StakeCJK"
HANGUL = "StakeHangul"
MISSING = "□"

#: Scripts the main font lacks, each with a Noto Sans family (regular and bold, SIL OFL 1.1).
SCRIPTS = ("Devanagari", "Bengali", "Tamil", "Thai", "Ethiopic")
#: Script fonts by registered name; their bold faces are registered as ``name + "-Bold"``.
SCRIPT_FONTS = tuple(f"Stake{script}" for script in SCRIPTS)

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
    **{f"Stake{script}": f"NotoSans{script}-Regular.ttf" for script in SCRIPTS},
    **{f"Stake{script}-Bold": f"NotoSans{script}-Bold.ttf" for script in SCRIPTS},
}
#: Tried in order for characters the main font lacks (the CJK fonts first, as before the script fonts came).
FALLBACKS = (FALLBACK, HANGUL, *SCRIPT_FONTS)
_WORDS = re.compile(r"\s+|\S+")
#: Dropped where no font of the run draws them: emoji variation selectors and joiners.
_SILENT = frozenset({0x200D, *range(0xFE00, 0xFE10)})


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    for name, filename in _FILES.items():
        with as_file(files("stakemap").joinpath("resources", "fonts", filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    for name in SCRIPT_FONTS:
        pdfmetrics.registerFontFamily(
            name, normal=name, bold=f"{name}-Bold", italic=name, boldItalic=f"{name}-Bold"
        )
    paragraph.shapeFragWord = _shape_by_font  # type: ignore[attr-defined]  # reportlab's shaping hook, missing from its stubs


def _shape_by_font(word: Any, features: Any = None, force: bool = False) -> Any:
    """reportlab's word shaper, run once per font in a word that mixes fonts.

    reportlab shapes a whole word with the font of its first fragment: "(สมชาย)" would be shaped
    with DejaVu Sans, which has no Thai, and print as boxes. Each same-font run is shaped on its
    own here and the runs are joined again; a word in one font goes straight to reportlab.
    """
    options: dict[str, Any] = {"force": force} if features is None else {"features": features, "force": force}
    if isinstance(word, ShapedFragWord):
        return word
    fonts = {frag.fontName for frag, _ in word[1:] if not hasattr(frag, "cbDefn")}
    if len(fonts) <= 1:
        return shapeFragWord(word, **options)
    parts: list[Any] = []
    total = 0.0
    shaped = False
    for font, group in groupby(
        word[1:], key=lambda item: None if hasattr(item[0], "cbDefn") else item[0].fontName
    ):
        items = list(group)
        if font is None:  # links and anchors: kept where they were, they have no glyphs
            parts.extend(items)
            continue
        width = sum(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize) for frag, text in items)
        result = shapeFragWord([width, *items], **options)
        shaped = shaped or isinstance(result, ShapedFragWord)
        total += result[0]
        parts.extend(result[1:])
    return makeShapedFragWord(word)([total, *parts]) if shaped else word


def font_file(name: str) -> str:
    """The bundled file a registered font name is read from (tests shape with it directly)."""
    return _FILES[name]


def _styled(font: str, bold: bool) -> str:
    """The face of fallback ``font`` for bold text: the script fonts have bold faces, the CJK ones do not."""
    return f"{font}-Bold" if bold and font in SCRIPT_FONTS else font


@cache
def _coverage(font: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)  # type: ignore[attr-defined]  # a TTFont; the stubs give the base Font


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


def runs(text: str, *, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` as (font name, chunk) runs, each in a font that has its characters.

    Characters no bundled font has become ``MISSING`` in the main font; control characters other
    than line breaks and tabs are dropped, and so are joiners and variation selectors no font of
    their run draws.
    """
    register_fonts()
    main_name = BOLD if bold else REGULAR
    main = _coverage(main_name)
    out: list[tuple[str, str]] = []

    def add(font: str, chunk: str) -> None:
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + chunk)
        else:
            out.append((font, chunk))

    for word in _WORDS.findall(text):
        whole = _word_font(word, main)
        if whole is not None:
            add(_styled(whole, bold), word)
            continue
        for char in word:
            code = ord(char)
            if code in _SILENT or (code < 32 and char not in "\n\t"):
                continue  # nothing to draw on their own; control characters have no place on paper
            font = _font_for(char, main)
            if font is None:
                add(main_name, MISSING)
            else:
                add(main_name if font == "main" else _styled(font, bold), char)
    return out


def _word_font(word: str, main: frozenset[int]) -> str | None:
    """The script font that has every character of ``word``, when the word needs one (None: per character)."""
    codes = {ord(char) for char in word}
    if codes <= main:
        return None
    for font in SCRIPT_FONTS:
        if codes <= _coverage(font):
            return font
    return None


def rich(text: str, *, bold: bool = False) -> str:
    """``text`` as safe paragraph markup: escaped, with fallback runs and missing glyphs boxed."""
    if is_plain(text, bold=bold):
        return escape(text)
    main_name = BOLD if bold else REGULAR
    out: list[str] = []
    for font, chunk in runs(text, bold=bold):
        marked = escape(chunk).replace("\n", "<br/>")
        out.append(marked if font == main_name else f'<font name="{font}">{marked}</font>')
    return "".join(out)


def plain_width(text: str, size: float, *, bold: bool = False) -> float:
    """Approximate printed width of ``text`` (fallback characters measured in the fallback font)."""
    register_fonts()
    if is_plain(text, bold=bold):
        return pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size)
    return sum(pdfmetrics.stringWidth(chunk, name, size) for name, chunk in runs(text, bold=bold))


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
    Korean would otherwise print as empty boxes. Runs in a script font (Devanagari, Thai, ...)
    are shaped by HarfBuzz, so vowel signs and conjuncts sit where they belong.
    """
    register_fonts()
    main_name = BOLD if bold else REGULAR
    pieces = [(main_name, text)] if is_plain(text, bold=bold) else runs(text, bold=bold)
    # Shaped here rather than by drawString(shaping=True), which does nothing without the optional rlbidi.
    drawn = [(name, shapeStr(chunk, name, size) if _shapes(name) else chunk) for name, chunk in pieces]
    widths = [_width(chunk, name, size) for name, chunk in drawn]
    if align == "right":
        x -= sum(widths)
    elif align == "centre":
        x -= sum(widths) / 2
    for (name, chunk), width in zip(drawn, widths, strict=True):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += width


def _shapes(name: str) -> bool:
    """Whether runs in font ``name`` go through HarfBuzz when drawn straight onto a canvas."""
    return name.removesuffix("-Bold") in SCRIPT_FONTS


def _width(chunk: str, name: str, size: float) -> float:
    """Printed width of a run: HarfBuzz's advances for a shaped one, the font's widths otherwise."""
    data = getattr(chunk, "__shapeData__", None)
    if data is None:
        return pdfmetrics.stringWidth(chunk, name, size)
    return float(sum(item.x_advance for item in data)) * size / 1000
