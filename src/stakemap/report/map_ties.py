"""How each kind of tie is drawn on the printed map, told apart without colour (report layer).

Colour helps on screen, but handouts are printed in black and white, so every kind
differs in at least two ways that survive greyscale: the line (solid, dashed,
double, dash-dot, dotted) and what sits on it (a filled arrowhead, an open one, a
cross at the middle). The legend draws its samples with the same function.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from stakemap.core.entities import RelationshipKind
from stakemap.core.plane import Point


class Head(Enum):
    NONE = "none"
    FILLED = "filled"  # the formal line: solid and unmistakable
    OPEN = "open"  # a lighter V: advice flows this way


@dataclass(frozen=True)
class TieLook:
    label: str
    colour: colors.Color
    width: float
    dash: tuple[float, ...] = ()
    double: bool = False  # two thin parallel lines
    cross: bool = False  # an × at the middle
    head: Head = Head.OPEN
    round_caps: bool = False


TIE_LOOKS: dict[RelationshipKind, TieLook] = {
    RelationshipKind.REPORTS_TO: TieLook("reports to", colors.HexColor("#2b2f36"), 1.1, head=Head.FILLED),
    RelationshipKind.ADVISES: TieLook("advises", colors.HexColor("#2c5d9e"), 1.0, dash=(4, 2)),
    RelationshipKind.ALLIES_WITH: TieLook("allies with", colors.HexColor("#3d8b4f"), 0.8, double=True),
    RelationshipKind.CONFLICTS_WITH: TieLook(
        "conflicts with", colors.HexColor("#b03a2e"), 1.2, dash=(6, 2, 1, 2), cross=True
    ),
    RelationshipKind.INFORMAL: TieLook(
        "informal", colors.HexColor("#6b5b95"), 1.1, dash=(0.1, 2.4), round_caps=True
    ),
}


def draw_tie(canvas: Canvas, kind: RelationshipKind, start: Point, end: Point, *, strength: int = 3,
             directed: bool = False, assumed: bool = False, scale: float = 1.0) -> None:  # fmt: skip
    """One tie from ``start`` to ``end`` (already clipped to the people's cards or dots)."""
    look = TIE_LOOKS[kind]
    width = look.width * (0.7 + 0.15 * strength) * scale
    canvas.saveState()
    canvas.setStrokeColor(look.colour)
    canvas.setFillColor(look.colour)
    if assumed:
        canvas.setStrokeAlpha(0.55)
        canvas.setFillAlpha(0.55)
    canvas.setLineCap(1 if look.round_caps else 0)
    canvas.setDash(list(look.dash) if look.dash else [])
    if look.double:
        # Two lines, each as heavy as the strength says, a line-width apart on either side of the path.
        canvas.setLineWidth(width)
        nx, ny = _normal(start, end, width * 1.1)
        canvas.line(start[0] + nx, start[1] + ny, end[0] + nx, end[1] + ny)
        canvas.line(start[0] - nx, start[1] - ny, end[0] - nx, end[1] - ny)
    else:
        canvas.setLineWidth(width)
        canvas.line(*start, *end)
    canvas.setDash([])
    canvas.setLineCap(0)
    size = (3.2 + width) * max(scale, 0.7)
    if look.cross:
        _cross(canvas, start, end, size * 0.8, max(width, 0.8))
    if directed and look.head is not Head.NONE:
        _arrowhead(canvas, start, end, size, filled=look.head is Head.FILLED, width=max(width, 0.7))
    canvas.restoreState()


def _normal(start: Point, end: Point, distance: float) -> Point:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    return -dy / length * distance, dx / length * distance


def _cross(canvas: Canvas, start: Point, end: Point, size: float, width: float) -> None:
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    canvas.setLineWidth(width)
    for turn in (math.pi / 4, -math.pi / 4):
        dx, dy = math.cos(angle + turn) * size, math.sin(angle + turn) * size
        canvas.line(mx - dx, my - dy, mx + dx, my + dy)


def _arrowhead(canvas: Canvas, start: Point, end: Point, size: float, *, filled: bool, width: float) -> None:
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - size * math.cos(angle - 0.42), end[1] - size * math.sin(angle - 0.42))
    right = (end[0] - size * math.cos(angle + 0.42), end[1] - size * math.sin(angle + 0.42))
    path = canvas.beginPath()
    path.moveTo(*left)
    path.lineTo(*end)
    path.lineTo(*right)
    if filled:
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    else:
        canvas.setLineWidth(width)
        canvas.drawPath(path, stroke=1, fill=0)
