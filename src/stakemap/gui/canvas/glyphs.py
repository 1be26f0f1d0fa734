"""Small vector glyphs drawn on cards: star, lock, trust dots, round badges and pills (gui layer).

Drawn as paths rather than emoji so they look the same on every system and
in SVG/PDF exports, whatever fonts are installed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF


def star_polygon(centre: QPointF, radius: float) -> QPolygonF:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    return QPolygonF(points)


def draw_star(painter: QPainter, centre: QPointF, radius: float, fill: QColor, outline: QColor) -> None:
    painter.setPen(QPen(outline, 1.0))
    painter.setBrush(fill)
    painter.drawPolygon(star_polygon(centre, radius))


def draw_lock(painter: QPainter, centre: QPointF, size: float, colour: QColor) -> None:
    """A padlock: the mark of a confidential person."""
    body = QRectF(centre.x() - size * 0.45, centre.y() - size * 0.05, size * 0.9, size * 0.6)
    shackle = QPainterPath()
    shackle.moveTo(body.left() + size * 0.18, body.top())
    shackle.lineTo(body.left() + size * 0.18, body.top() - size * 0.18)
    shackle.arcTo(
        QRectF(body.left() + size * 0.18, body.top() - size * 0.45, size * 0.54, size * 0.54), 180, -180
    )
    shackle.lineTo(body.right() - size * 0.18, body.top())
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, max(1.0, size * 0.13)))
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(body, size * 0.1, size * 0.1)


def draw_trust_dots(
    painter: QPainter, column: QRectF, filled: int | None, colour: QColor, font: QFont
) -> None:
    """Three dots stacked in ``column``, ``filled`` of them solid; a "?" when trust is unknown."""
    if filled is None:
        painter.setPen(colour)
        painter.setFont(font)
        painter.drawText(column, Qt.AlignmentFlag.AlignCenter, "?")
        return
    radius = min(column.width() * 0.22, column.height() * 0.09)
    step = radius * 3.0
    centre = column.center()
    painter.setPen(QPen(colour, max(0.8, radius * 0.45)))
    for i in range(3):
        # the top dot is the third: trust fills from the bottom up, like a gauge
        y = centre.y() + (1 - i) * step
        painter.setBrush(QBrush(colour) if i < filled else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(centre.x(), y), radius, radius)


def draw_round_badge(
    painter: QPainter, centre: QPointF, radius: float, fill: QColor, text: str, font: QFont
) -> None:
    painter.setPen(QPen(QColor("white"), 1.2))
    painter.setBrush(fill)
    painter.drawEllipse(centre, radius, radius)
    painter.setFont(font)
    painter.drawText(
        QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
        Qt.AlignmentFlag.AlignCenter,
        text,
    )


def draw_pill(
    painter: QPainter, centre: QPointF, text: str, font: QFont, fill: QColor, text_colour: QColor
) -> QRectF:
    painter.setFont(font)
    width = painter.fontMetrics().horizontalAdvance(text) + font.pixelSize() * 0.9
    height = font.pixelSize() * 1.5
    rect = QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)
    painter.setPen(QPen(text_colour, 0.8))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setPen(text_colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect


def draw_tie(
    painter: QPainter,
    line: QPainterPath,
    heads: Iterable[QPolygonF],
    pen: QPen,
    double: bool,
    background: QColor,
) -> None:
    """Stroke a relationship line and fill its heads; ``double`` draws the hollow double line of allies."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if double:
        outer = QPen(pen)
        outer.setWidthF(pen.widthF() * 2 + 2)
        painter.setPen(outer)
        painter.drawPath(line)
        inner = QPen(background, max(0.8, pen.widthF() * 0.8))
        inner.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(inner)
    else:
        painter.setPen(pen)
    painter.drawPath(line)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(pen.color())
    for head in heads:
        painter.drawPolygon(head)
