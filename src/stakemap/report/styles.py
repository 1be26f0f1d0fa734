"""Paragraph styles of the plan: one sans family, sizes for headings and body, readable in black and white."""

from __future__ import annotations

import re
import threading
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from stakemap.report.fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5a6472")
RULE = colors.HexColor("#b8c0ca")
SHADE = colors.HexColor("#eef1f5")


#: Scripts whose letters change shape with their neighbours, or run right to left: they need HarfBuzz.
_COMPLEX = (
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1200, 0x139F),  # Ethiopic and its supplement: combining marks placed by the font
    (0x2D80, 0x2DDF),
    (0xAB00, 0xAB2F),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
)
#: One compiled character class: a regex scan is far cheaper than testing each character against each range.
_COMPLEX_CHARS = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _COMPLEX) + "]")
_state = threading.local()  # per thread: the app exports in a worker while the CLI may not


def needs_shaping(text: str) -> bool:
    enabled = getattr(_state, "shaping", True)
    return enabled and _COMPLEX_CHARS.search(text) is not None


def set_shaping(enabled: bool) -> None:
    """Turned off (for this thread) for a second attempt when reportlab's shaper fails on a document."""
    _state.shaping = enabled


def style_for(name: str, text: str) -> ParagraphStyle:
    """The named style, shaped only when ``text`` needs it (reportlab 5.1's shaper fails on some CJK runs)."""
    return shaped_styles()[name] if needs_shaping(text) else styles()[name]


@cache
def shaped_styles() -> dict[str, ParagraphStyle]:
    return {
        name: ParagraphStyle(f"{name}-shaped", parent=style, shaping=1) for name, style in styles().items()
    }


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT,
                          splitLongWords=True)  # fmt: skip
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8, leading=10),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=17, leading=21, spaceBefore=4, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=2, spaceAfter=2
        ),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=28, leading=34, spaceAfter=14),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, textColor=MUTED),
        "key": ParagraphStyle("key", parent=base, fontSize=7, leading=8.4),
        "key_bold": ParagraphStyle("key_bold", parent=base, fontName=BOLD, fontSize=7, leading=8.4),
        "card_name": ParagraphStyle("card_name", parent=base, fontName=BOLD, fontSize=6.8, leading=8),
        "card_role": ParagraphStyle("card_role", parent=base, fontSize=5.6, leading=6.8, textColor=MUTED),
    }
