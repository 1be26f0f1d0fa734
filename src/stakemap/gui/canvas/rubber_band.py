"""RubberBand: dragging over empty space selects what the rectangle touches (gui layer).

Starts on a left press that no item took (Qt has cleared the selection by
then, unless Ctrl is held: then the band adds to it). The rectangle shows
once the pointer has moved the platform's drag distance, and the selection
follows it live. The one result is the area swept (None after a plain click).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsSceneMouseEvent

from stakemap.gui.canvas.interactions import UserInteraction

Z_BAND = 100.0


class RubberBand(UserInteraction[QRectF | None]):
    def __init__(
        self,
        scene: QGraphicsScene,
        press: QGraphicsSceneMouseEvent,
        colour: QColor,
        on_finished: Callable[[QRectF | None], None],
    ) -> None:
        super().__init__(on_finished)
        self._scene = scene
        self._origin = press.scenePos()
        self._screen_origin = press.screenPos()
        extend = bool(press.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self._operation = (
            Qt.ItemSelectionOperation.AddToSelection if extend else Qt.ItemSelectionOperation.ReplaceSelection
        )
        self._colour = colour
        self.band: QGraphicsRectItem | None = None

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.band is None:
            if (event.screenPos() - self._screen_origin).manhattanLength() < QApplication.startDragDistance():
                return True
            self.band = self._make_band()
        area = QRectF(self._origin, event.scenePos()).normalized()
        self.band.setRect(area)
        path = QPainterPath()
        path.addRect(area)
        self._scene.setSelectionArea(path, self._operation, Qt.ItemSelectionMode.IntersectsItemShape)
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._finish(self.band.rect() if self.band is not None else None)
        return True

    def _make_band(self) -> QGraphicsRectItem:
        pen = QPen(self._colour, 1.0)
        pen.setCosmetic(True)
        fill = QColor(self._colour)
        fill.setAlpha(40)
        band = QGraphicsRectItem()
        band.setPen(pen)
        band.setBrush(fill)
        band.setZValue(Z_BAND)
        band.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._scene.addItem(band)
        return band

    def _clean_up(self) -> None:
        if self.band is not None and self.band.scene() is not None:
            self._scene.removeItem(self.band)
        self.band = None
