"""Then vs now on the canvas: a ghost where each person stood at a snapshot, an arrow to where they are
now, and a +/− mark for a change of attitude (gui layer).

Drawn as its own item group over the map, so it never touches the cards and
clearing it restores the plain map.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from stakemap.core.compare import Comparison, PersonShift
from stakemap.gui.canvas.geometry import score_to_point

TOWARD = QColor("#2e8b57")
AWAY = QColor("#c0392b")
NEUTRAL = QColor("#5f6b7a")
GHOST_RADIUS = 9.0
Z_OVER_LINKS = 5.0


class ComparisonOverlay:
    """Owns the overlay's items in ``scene``; ``show(comparison)`` replaces them, ``show(None)`` clears."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._group: QGraphicsItemGroup | None = None
        self.comparison: Comparison | None = None

    def show(self, comparison: Comparison | None, hidden_ids: frozenset[str] = frozenset()) -> None:
        self.clear()
        self.comparison = comparison
        if comparison is None:
            return
        group = QGraphicsItemGroup()
        group.setZValue(Z_OVER_LINKS)
        group.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        group.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        options = getattr(self._scene, "display_options", None)
        show_attitude = options is None or not options.hide_trust_attitude
        cards = getattr(self._scene, "cards", {})
        for shift in comparison.shifts:
            if shift.stakeholder_id in hidden_ids or not (
                shift.moved or (show_attitude and shift.attitude_delta)
            ):
                continue
            card = cards.get(shift.stakeholder_id)
            # Presenter options decide how a person is named here too: a ghost must not leak a name.
            title = options.title(card.person) if options is not None and card is not None else shift.name
            for item in _shift_items(shift, title, show_attitude=show_attitude):
                group.addToGroup(item)
        self._scene.addItem(group)
        self._group = group

    def clear(self) -> None:
        if self._group is not None:
            self._scene.removeItem(self._group)
            self._group = None
        self.comparison = None

    def item_count(self) -> int:
        return len(self._group.childItems()) if self._group is not None else 0


def _colour(shift: PersonShift) -> QColor:
    if shift.attitude_delta > 0:
        return TOWARD
    if shift.attitude_delta < 0:
        return AWAY
    return NEUTRAL


def _shift_items(shift: PersonShift, title: str, *, show_attitude: bool) -> list[QGraphicsItem]:
    colour = _colour(shift) if show_attitude else NEUTRAL
    old = score_to_point(*shift.old_position)
    new = score_to_point(*shift.new_position)
    items: list[QGraphicsItem] = []
    ghost = QGraphicsEllipseItem(
        old.x() - GHOST_RADIUS, old.y() - GHOST_RADIUS, 2 * GHOST_RADIUS, 2 * GHOST_RADIUS
    )
    ghost.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
    ghost.setBrush(QBrush(QColor(colour.red(), colour.green(), colour.blue(), 40)))
    ghost.setToolTip(f"{title} at the snapshot")
    items.append(ghost)
    if shift.moved:
        items.append(_arrow(old, new, colour))
    if show_attitude and shift.attitude_delta:
        sign = "+" if shift.attitude_delta > 0 else "−"
        label = QGraphicsSimpleTextItem(f"{sign}{abs(shift.attitude_delta)} {shift.new_attitude.label}")
        font = QFont()
        font.setBold(True)
        label.setFont(font)
        label.setBrush(colour)
        label.setPos(old + QPointF(GHOST_RADIUS + 3, -GHOST_RADIUS - 14))
        items.append(label)
    return items


def _arrow(start: QPointF, end: QPointF, colour: QColor) -> QGraphicsPathItem:
    line = QLineF(start, end)
    # Stop short of the card's centre so the head stays visible beside it.
    if line.length() > 40:
        line.setLength(line.length() - 28)
    path = QPainterPath(line.p1())
    path.lineTo(line.p2())
    angle = math.atan2(line.dy(), line.dx())
    head = QPolygonF(
        [
            line.p2(),
            line.p2() - QPointF(math.cos(angle - 0.45) * 14, math.sin(angle - 0.45) * 14),
            line.p2() - QPointF(math.cos(angle + 0.45) * 14, math.sin(angle + 0.45) * 14),
        ]
    )
    path.addPolygon(head)
    path.closeSubpath()
    item = QGraphicsPathItem(path)
    item.setPen(QPen(colour, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    item.setBrush(colour)
    return item
