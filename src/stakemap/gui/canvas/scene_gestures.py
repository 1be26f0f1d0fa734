"""The mouse gestures of the map scene: drag cards, draw links, double-click to add (gui layer).

A mixin of ``MapScene``, kept apart so the scene module stays about projecting
the map. Gestures edit nothing: they end in the scene's signals
(``stakeholders_moved``, ``link_requested``, ``add_requested``,
``inspector_requested``) that the ``CanvasEditor`` and the view act on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from stakemap.gui.canvas.geometry import GRID_RECT, clamp_point
from stakemap.gui.canvas.link_drag import LinkDrag

if TYPE_CHECKING:
    from stakemap.gui.canvas.scene import MapScene

    _Base = MapScene
else:
    _Base = object


class GestureMixin(_Base):
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.context.writable:
            card = self.card_at(event.scenePos())
            if card is not None:
                on_handle = card.handle_visible() and card.handle_rect().contains(
                    card.mapFromScene(event.scenePos())
                )
                if on_handle or self.link_mode:
                    self._link_drag = LinkDrag(self, card, self.card_at)
                    self._link_drag.move(event.scenePos())
                    event.accept()
                    return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {
                c.stakeholder_id: c.pos()
                for c in self.selected_cards()
                if c.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            }

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_drag is not None:
            self._link_drag.move(event.scenePos())
            event.accept()
            return
        if self._drag_start and not self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
            self._dragging = True
            self.cards_drag_started.emit()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_drag is not None:
            drag, self._link_drag = self._link_drag, None
            target = drag.finish(event.scenePos())
            event.accept()
            if target is not None:
                self.link_requested.emit(drag.source.stakeholder_id, target.stakeholder_id)
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._dragging:
            self._dragging = False
            self.cards_drag_finished.emit()
        start, self._drag_start = self._drag_start, {}
        moves = {}
        for sid, old in start.items():
            card = self.cards.get(sid)
            if card is not None and card.pos() != old:
                moves[sid] = (QPointF(old), QPointF(card.pos()))
        if moves:
            self.stakeholders_moved.emit(moves)

    def cancel_link_drag(self) -> bool:
        if self._link_drag is None:
            return False
        self._link_drag.cancel()
        self._link_drag = None
        return True

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        item: QGraphicsItem | None = self.card_at(pos) or self.link_at(pos)
        event.accept()
        if item is not None:
            self.clearSelection()
            item.setSelected(True)
            self.inspector_requested.emit()
        elif self.context.writable and GRID_RECT.contains(pos):
            self.add_requested.emit(clamp_point(pos))
