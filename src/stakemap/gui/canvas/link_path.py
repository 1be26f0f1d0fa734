"""The shape of a relationship arrow between two cards: clipped line or bend, arrowheads, zig-zag (gui layer).

Pure geometry, no items: the link item asks for a new shape whenever one of
its cards moves. The maths runs on plain floats: it runs for every tie of a
card on every mouse move of a drag, and Qt value objects cost far more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from stakemap.core import plane
from stakemap.core.plane import Point

GAP = 4.0  # space between a card's edge and the arrow tip
BEND_STEP = 26.0  # how far parallel ties between the same two people bow apart
HEAD_SPREAD = math.radians(24)
MAX_ZIGZAG_STEPS = 16

Box = tuple[float, float, float, float]  # centre x, centre y, half width, half height


@dataclass(frozen=True)
class LinkShape:
    line: QPainterPath  # stroke this
    heads: tuple[QPolygonF, ...]  # fill these
    middle: QPointF


def _exit(box: Box, tx: float, ty: float, gap: float) -> Point | None:
    cx, cy, hw, hh = box
    return plane.box_exit((cx, cy), (tx, ty), hw + gap, hh + gap)


def rect_exit(rect: QRectF, toward: QPointF, gap: float = GAP) -> QPointF | None:
    """Where the ray from the rect's centre toward ``toward`` leaves the rect (plus ``gap``); None if inside."""
    box = (rect.center().x(), rect.center().y(), rect.width() / 2, rect.height() / 2)
    hit = _exit(box, toward.x(), toward.y(), gap)
    return QPointF(*hit) if hit is not None else None


def _head(tip: Point, base_from: Point, size: float) -> QPolygonF:
    angle = math.atan2(tip[1] - base_from[1], tip[0] - base_from[0])
    return QPolygonF(
        [
            QPointF(*tip),
            QPointF(
                tip[0] - size * math.cos(angle - HEAD_SPREAD), tip[1] - size * math.sin(angle - HEAD_SPREAD)
            ),
            QPointF(
                tip[0] - size * math.cos(angle + HEAD_SPREAD), tip[1] - size * math.sin(angle + HEAD_SPREAD)
            ),
        ]
    )


def arrow_head(tip: QPointF, from_point: QPointF, size: float) -> QPolygonF:
    return _head((tip.x(), tip.y()), (from_point.x(), from_point.y()), size)


def link_shape(
    source: QRectF,
    target: QRectF,
    *,
    bend: float = 0.0,
    head_at_target: bool = True,
    head_at_source: bool = False,
    zigzag: bool = False,
    width: float = 2.0,
    scale: float = 1.0,
) -> LinkShape | None:
    """The arrow from ``source`` to ``target``; None when the cards overlap so much no line shows.

    ``width`` is the stroke width; ``scale`` enlarges gaps, heads and zig-zags with the cards.
    """
    a = (
        source.x() + source.width() / 2,
        source.y() + source.height() / 2,
        source.width() / 2,
        source.height() / 2,
    )
    b = (
        target.x() + target.width() / 2,
        target.y() + target.height() / 2,
        target.width() / 2,
        target.height() / 2,
    )
    dx, dy = b[0] - a[0], b[1] - a[1]
    chord = math.hypot(dx, dy)
    if chord < 1e-6:
        return None
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    control = (mid[0] - dy / chord * bend, mid[1] + dx / chord * bend)
    start = _exit(a, *(control if bend else b[:2]), GAP * scale)
    end = _exit(b, *(control if bend else a[:2]), GAP * scale)
    if start is None or end is None or math.hypot(end[0] - start[0], end[1] - start[1]) < 6:
        return None
    head_size = 9.0 * scale + 1.6 * width
    heads: list[QPolygonF] = []
    line_start, line_end = start, end
    toward_end = control if bend else start
    toward_start = control if bend else end
    if head_at_target:
        heads.append(_head(end, toward_end, head_size))
        line_end = plane.toward(end, toward_end, head_size * 0.7)
    if head_at_source:
        heads.append(_head(start, toward_start, head_size))
        line_start = plane.toward(start, toward_start, head_size * 0.7)
    course = control if bend else ((line_start[0] + line_end[0]) / 2, (line_start[1] + line_end[1]) / 2)
    if zigzag:
        path = _zigzag(line_start, course, line_end, amplitude=4.0 * scale + width, wavelength=14.0 * scale)
    else:
        path = QPainterPath(QPointF(*line_start))
        if bend:
            path.quadTo(QPointF(*control), QPointF(*line_end))
        else:
            path.lineTo(QPointF(*line_end))
    middle = QPointF(
        0.25 * line_start[0] + 0.5 * course[0] + 0.25 * line_end[0],
        0.25 * line_start[1] + 0.5 * course[1] + 0.25 * line_end[1],
    )
    return LinkShape(path, tuple(heads), middle)


def _zigzag(start: Point, control: Point, end: Point, amplitude: float, wavelength: float) -> QPainterPath:
    """The quadratic course start-control-end with a saw-tooth over its middle: the mark of a conflict.

    A straight line is the case where ``control`` is the midpoint.
    """
    (sx, sy), (cx, cy), (ex, ey) = start, control, end
    length = math.hypot(ex - sx, ey - sy)
    path = QPainterPath(QPointF(sx, sy))
    margin = 0.22
    steps = int(length * (1 - 2 * margin) / (wavelength / 2))
    if steps < 4:
        path.quadTo(QPointF(cx, cy), QPointF(ex, ey))
        return path
    if steps > MAX_ZIGZAG_STEPS:
        # A long tie gets a stretch of teeth in its middle, not hundreds along it: the mark reads the
        # same, and every tooth is a segment to stroke on every repaint.
        steps = MAX_ZIGZAG_STEPS
        margin = 0.5 - steps * wavelength / 4 / length
    for i in range(steps + 1):
        t = margin + (1 - 2 * margin) * i / steps
        u = 1 - t
        x = u * u * sx + 2 * u * t * cx + t * t * ex
        y = u * u * sy + 2 * u * t * cy + t * t * ey
        if 0 < i < steps:
            dx = 2 * u * (cx - sx) + 2 * t * (ex - cx)
            dy = 2 * u * (cy - sy) + 2 * t * (ey - cy)
            norm = math.hypot(dx, dy) or 1.0
            side = amplitude if i % 2 else -amplitude
            x, y = x - dy / norm * side, y + dx / norm * side
        path.lineTo(QPointF(x, y))
    path.lineTo(QPointF(ex, ey))
    return path
