"""DragSnapshot: while cards are dragged on a big map, everything else is a still picture (gui layer).

Each mouse move of a drag repaints the region its links cross. On a big map
that region holds hundreds of other cards and ties, so every frame would redraw
them. Instead, on the first move the view renders the map once without the
moving cards and their links, shows that picture as its background and has the
rest held back (opacity 0 makes Qt skip an item). Each frame then only blits the
picture and paints what moves. On release (or any scroll, zoom or edit) the
picture goes.

This sets only the scene's ``DragPicture`` input; the ``AppearanceController``
decides every item's opacity from it and from the overlays of the moment, so an
overlay that changes mid-drag neither shows through the picture nor is undone
when the drag ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPixmap

from stakemap.gui.canvas.appearance import DragPicture

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

    @property
    def active(self) -> bool:
        return self.pixmap is not None

    def begin(self, moving: list[StakeholderItem]) -> None:
        scene = self._view.map_scene
        if self.active or not moving or len(scene.cards) + len(scene.links) < self.min_items:
            return
        ids = frozenset(card.stakeholder_id for card in moving)
        scene.appearance.set_drag_picture(DragPicture(ids, taking=True))
        self.pixmap = self._view.viewport().grab()
        scene.appearance.set_drag_picture(DragPicture(ids))

    def end(self) -> None:
        if not self.active:
            return
        self.pixmap = None
        self._view.map_scene.appearance.set_drag_picture(None)

    def draw(self, painter: QPainter) -> bool:
        """Paint the picture as the view's background; False when there is none."""
        if self.pixmap is None:
            return False
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(QPointF(0, 0), self.pixmap)
        painter.restore()
        return True
