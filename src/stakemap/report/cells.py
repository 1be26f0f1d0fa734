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
from reportlab.platypus import Flowable, Paragraph, Table

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


def split_rows_anywhere(story: list[Flowable]) -> list[Flowable]:
    """Let every table row split across pages, also inside a cell's text.

    reportlab keeps a table row whole by default, so a card field holding a pasted list of 80
    short lines made a row taller than the page and the whole export failed ("Flowable too
    large"). With ``splitInRow`` a long cell continues on the next page. Applied here, to the
    finished story, so that every table of every section gets it, including those nested in
    KeepTogether and other containers.
    """
    for flowable in story:
        _split_in_rows(flowable)
    return story


def _split_in_rows(flowable: object) -> None:
    if isinstance(flowable, Table):
        flowable.splitInRow = 1
        for row in flowable._cellvalues:  # type: ignore[attr-defined]  # set by Table.__init__, missing from the stubs
            for value in row:
                for inner in value if isinstance(value, (list, tuple)) else (value,):
                    _split_in_rows(inner)
        return
    content = getattr(flowable, "_content", None)
    if isinstance(content, list):
        for inner in content:
            _split_in_rows(inner)
