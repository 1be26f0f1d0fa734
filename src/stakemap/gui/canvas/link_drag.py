"""LinkDrag: drawing a relationship by dragging from one card to another (gui layer).

A drag starts from the "+" handle on the selected card, or from any card while
link mode is on. A dashed rubber line follows the pointer and the card under
it lights up; releasing over another card ends the gesture with that card's id
(None on nothing or on the source). Nothing is written here: the scene emits
``link_requested`` and the editor does the one ``document.edit``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsSceneMouseEvent

from stakemap.gui.canvas.interactions import UserInteraction
from stakemap.gui.canvas.link_path import arrow_head, rect_exit
from stakemap.gui.canvas.stakeholder_item import StakeholderItem

Z_RUBBER = 100.0


class LinkDrag(UserInteraction[str | None]):
    def __init__(
        self,
        scene: QGraphicsScene,
        source: StakeholderItem,
        card_at: Callable[[QPointF], StakeholderItem | None],
        at: QPointF,
        on_finished: Callable[[str | None], None],
    ) -> None:
        """Start from ``source`` with the pointer at ``at``; ``on_finished`` gets the target's id."""
        super().__init__(on_finished)
        self.source = source
        self.target: StakeholderItem | None = None
        self._card_at = card_at
        self._scene = scene
        pen = QPen(source.context.theme.selection, 2.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.rubber = QGraphicsPathItem()
        self.rubber.setPen(pen)
        self.rubber.setBrush(source.context.theme.selection)
        self.rubber.setZValue(Z_RUBBER)
        scene.addItem(self.rubber)
        self._move(at)

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        self._move(event.scenePos())
        event.accept()
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        self._move(event.scenePos())
        target = self.target
        event.accept()
        self._finish(target.stakeholder_id if target is not None else None)
        return True

    def _move(self, pos: QPointF) -> None:
        card = self._card_at(pos)
        target = card if card is not None and card is not self.source else None
        if target is not self.target:
            for item in (self.target, target):
                if item is not None:
                    item.drop_target = item is target
                    item.update()
            self.target = target
        end = pos
        if target is not None:
            end = rect_exit(target.scene_card_rect(), self.source.pos()) or target.pos()
        start = rect_exit(self.source.scene_card_rect(), end) or self.source.pos()
        path = QPainterPath(start)
        path.lineTo(end)
        if QLineF(start, end).length() > 12:
            path.addPolygon(arrow_head(end, start, 12.0))
            path.closeSubpath()
        self.rubber.setPath(path)

    def _clean_up(self) -> None:
        if self.target is not None:
            self.target.drop_target = False
            self.target.update()
            self.target = None
        if self.rubber.scene() is not None:
            self._scene.removeItem(self.rubber)
