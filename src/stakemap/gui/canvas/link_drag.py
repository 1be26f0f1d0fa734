"""Drawing a relationship by dragging from one card to another (gui layer).

A drag starts from the "+" handle on the selected card, or from any card while
link mode is on. A dashed rubber line follows the pointer and the card under
it lights up; releasing over another card asks the scene to create the tie.
Nothing is written here: the scene emits ``link_requested`` and the editor
does the one ``document.edit``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from stakemap.gui.canvas.link_path import arrow_head, rect_exit
from stakemap.gui.canvas.stakeholder_item import StakeholderItem

Z_RUBBER = 100.0


class LinkDrag:
    def __init__(
        self,
        scene: QGraphicsScene,
        source: StakeholderItem,
        card_at: Callable[[QPointF], StakeholderItem | None],
    ) -> None:
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

    def move(self, pos: QPointF) -> None:
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

    def finish(self, pos: QPointF) -> StakeholderItem | None:
        """End the drag at ``pos``: the card to link to, or None (released on nothing or on the source)."""
        self.move(pos)
        target = self.target
        self.cancel()
        return target

    def cancel(self) -> None:
        if self.target is not None:
            self.target.drop_target = False
            self.target.update()
            self.target = None
        if self.rubber.scene() is not None:
            self._scene.removeItem(self.rubber)
