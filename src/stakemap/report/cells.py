"""Table cells of the plan: a plain string where one prints as is, a Paragraph where it must wrap (report layer).

A Paragraph costs a markup parse, line breaking at each of the table's wrap passes
and a text object at draw time; a plain string cell costs one width measurement.
Most cells of a big plan (names, dates, methods, owners, statuses) are short Latin
text, so this is where most of the export time went.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from stakemap.report.fonts import is_plain, rich
from stakemap.report.styles import needs_shaping, style_for, styles

#: Page margin on every side (the footer sits in the bottom one).
MARGIN = 16 * mm
#: The narrowest portrait frame we print on (A4 is narrower than Letter): widths of flexible columns
#: are measured against it, so a string that fits here fits on either paper.
FRAME_WIDTH = A4[0] - 2 * MARGIN
#: A column taking what the fixed ones leave. Not None: reportlab sizes a None column to its content when
#: all its cells are strings, which would shrink tables of short names.
REST = "*"
#: Table cells' default left + right padding (reportlab's 6 points each side).
PADDING = 12.0


def para(text: str, style: str = "body", *, bold: bool = False) -> Paragraph:
    return Paragraph(rich(text, bold=bold), style_for(style, text))


def cell(text: str, width: float, style: str = "cell", *, bold: bool = False) -> str | Paragraph:
    """``text`` for a column ``width`` points wide: a plain string if it fits on one line in the
    main font with nothing to shape, else a Paragraph (which wraps, escapes and falls back)."""
    look = styles()[style]
    if (
        is_plain(text, bold=bold)
        and not needs_shaping(text)
        and pdfmetrics.stringWidth(text, look.fontName, look.fontSize) <= width - PADDING
    ):
        return text
    return para(text, style, bold=bold)


def column_widths(widths: Sequence[float | str], total: float = FRAME_WIDTH) -> list[float]:
    """``widths`` with the flexible (``REST``) columns sharing what the fixed ones leave of ``total``."""
    fixed = sum(w for w in widths if not isinstance(w, str))
    flexible = sum(1 for w in widths if isinstance(w, str))
    share = max(total - fixed, 0.0) / flexible if flexible else 0.0
    return [share if isinstance(w, str) else w for w in widths]


def font_commands(columns: Sequence[str], first_row: int = 0) -> list[tuple[Any, ...]]:
    """Table style commands that print plain string cells of each column like its paragraph style."""
    commands: list[tuple[Any, ...]] = []
    for index, name in enumerate(columns):
        look = styles()[name]
        area = ((index, first_row), (index, -1))
        commands.append(("FONT", *area, look.fontName, look.fontSize, look.leading))
        commands.append(("TEXTCOLOR", *area, look.textColor))
    return commands
