"""DragSnapshot: while cards are dragged on a big map, everything else is a still picture (gui layer).

Each mouse move of a drag repaints the region its links cross. On a big map
that region holds hundreds of other cards and ties, so every frame would redraw
them. Instead, on the first move the view renders the map once without the
moving cards and their links, shows that picture as its background and hides
the rest (opacity 0 makes Qt skip an item). Each frame then only blits the
picture and paints what moves. On release (or any scroll, zoom or edit) the
items come back exactly as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from stakemap.gui.canvas.stakeholder_item import StakeholderItem
    from stakemap.gui.canvas.view import MapView

#: Below this many cards + ties a full repaint per mouse move is cheap enough; no snapshot.
SNAPSHOT_MIN_ITEMS = 300


class DragSnapshot:
    def __init__(self, view: MapView) -> None:
        self._view = view
        self.min_items = SNAPSHOT_MIN_ITEMS
        self.pixmap: QPixmap | None = None
        self._hidden: list[tuple[QGraphicsItem, float]] = []

    @property
    def active(self) -> bool:
        return self.pixmap is not None

    def begin(self, moving: list[StakeholderItem]) -> None:
        scene = self._view.map_scene
        if self.active or not moving or len(scene.cards) + len(scene.links) < self.min_items:
            return
        live: list[QGraphicsItem] = [*moving, *{link for card in moving for link in card.links}]
        live_ids = {id(item) for item in live}
        kept = [(item, item.opacity()) for item in live]
        for item, _ in kept:
            item.setOpacity(0.0)
        self.pixmap = self._view.viewport().grab()
        for item, opacity in kept:
            item.setOpacity(opacity)
        self._hidden = [
            (item, item.opacity())
            for item in scene.items()
            if item.parentItem() is None and id(item) not in live_ids
        ]
        for item, _ in self._hidden:
            item.setOpacity(0.0)

    def end(self) -> None:
        if not self.active:
            return
        self.pixmap = None
        hidden, self._hidden = self._hidden, []
        for item, opacity in hidden:
            item.setOpacity(opacity)

    def draw(self, painter: QPainter) -> bool:
        """Paint the picture as the view's background; False when there is none."""
        if self.pixmap is None:
            return False
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(QPointF(0, 0), self.pixmap)
        painter.restore()
        return True
