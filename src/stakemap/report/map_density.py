"""The density view of a map too big for a number per person (report layer).

The plot is cut into 10 x 10 cells named like a spreadsheet (interest columns A-J
from left to right, influence rows 1-10 from bottom to top); each cell is shaded by
how many people stand in it and shows that count, every person is a small dot on
their spot, and the key after the map gives each person's cell. Drawing is linear in
the number of people: no label has to find free space.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from stakemap.core.entities import Attitude, Stakeholder
from stakemap.report.fonts import BOLD, REGULAR
from stakemap.report.map_people import ATTITUDE_SYMBOL
from stakemap.report.styles import INK, MUTED

if TYPE_CHECKING:
    from stakemap.report.map_drawing import MapLayout

CELLS = 10
DENSE = colors.HexColor("#2f4b6e")
DOT_R = 0.9
#: Darker fills for the dots: the pale card fills vanish at this size.
DOT_FILL = {
    Attitude.ACTIVE_BLOCKER: colors.HexColor("#c0392b"), Attitude.BLOCKER: colors.HexColor("#e08e6d"),
    Attitude.NEUTRAL: colors.HexColor("#8a939c"), Attitude.SUPPORTER: colors.HexColor("#6fb46f"),
    Attitude.CHAMPION: colors.HexColor("#1e8a3a"),
}  # fmt: skip


def _shade(share: float) -> colors.Color:
    """White for an empty cell to DENSE for the fullest one, with a floor so one person still shows."""
    t = 0.0 if share <= 0 else 0.12 + 0.6 * share
    return colors.Color(1 + (DENSE.red - 1) * t, 1 + (DENSE.green - 1) * t, 1 + (DENSE.blue - 1) * t)


def draw_density(
    canvas: Canvas, layout: MapLayout, people: Mapping[str, Stakeholder], *, show_marks: bool
) -> None:
    plot = layout.plot
    counts = Counter(layout.cells.values())
    most = max(counts.values(), default=1)
    cw, ch = (plot.x1 - plot.x0) / CELLS, (plot.y1 - plot.y0) / CELLS
    canvas.saveState()
    canvas.setLineWidth(0.3)
    canvas.setStrokeColor(colors.HexColor("#c9cfd6"))
    for column in range(CELLS):
        for row in range(CELLS):
            name = f"{'ABCDEFGHIJ'[column]}{row + 1}"
            x, y = plot.x0 + column * cw, plot.y0 + row * ch
            count = counts.get(name, 0)
            canvas.setFillColor(_shade(count / most))
            canvas.rect(x, y, cw, ch, stroke=1, fill=1)
            dark = count / most > 0.55
            canvas.setFillColor(colors.white if dark else MUTED)
            canvas.setFont(REGULAR, 5.5)
            canvas.drawString(x + 2, y + ch - 7, name)
            if count:
                canvas.setFillColor(colors.white if dark else INK)
                canvas.setFont(BOLD, 8)
                canvas.drawRightString(x + cw - 2.5, y + 2.5, f"{count:,}")
    for key, (x, y) in layout.spots.items():
        person = people[key]
        canvas.setFillColor(DOT_FILL[person.attitude] if show_marks else INK)
        canvas.circle(x, y, DOT_R, stroke=0, fill=1)
    canvas.restoreState()
    _legend(canvas, plot.x1 + 12, plot.y1, len(layout.spots), show_marks=show_marks)


def _legend(canvas: Canvas, x: float, top: float, total: int, *, show_marks: bool) -> None:
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 8)
    canvas.drawString(x, top, "Density view")
    canvas.setFont(REGULAR, 7)
    lines = [
        f"{total:,} people: too many",
        "for a label each. Each dot is",
        "a person; a cell's shade and",
        "figure say how many stand in it.",
        "The key after this page gives",
        "each person's cell (e.g. C7:",
        "interest column C, influence",
        "row 7).",
        "Ties are left out at this size;",
        "see the relationship insights.",
    ]
    y = top - 12
    for line in lines:
        canvas.drawString(x, y, line)
        y -= 9
    if show_marks:
        y -= 8
        canvas.setFont(BOLD, 8)
        canvas.drawString(x, y, "Attitude (dot colour)")
        canvas.setFont(REGULAR, 7)
        y -= 12
        for attitude, fill in DOT_FILL.items():
            canvas.setFillColor(fill)
            canvas.circle(x + 3, y + 2.5, 2.2, stroke=0, fill=1)
            canvas.setFillColor(INK)
            canvas.drawString(x + 10, y, f"{ATTITUDE_SYMBOL[attitude]} {attitude.label}")
            y -= 10
    canvas.restoreState()
