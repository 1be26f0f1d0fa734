"""The legend one click away: a "Legend" button in the canvas corner when the legend is out of sight (gui layer).

The legend lives in the scene beside the grid (so exports carry it), and the view leaves it out when the
zoom would make its words unreadable, or it is scrolled away. Then this button appears in the top-right
corner of the canvas and opens the same legend, drawn by the same ``LegendItem``, at a readable size.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QStyleOptionGraphicsItem, QToolButton, QWidget

from stakemap.gui.canvas.card_context import CardContext
from stakemap.gui.canvas.legend_item import LegendItem

POPUP_SCALE = 0.8  # the legend's scene units are drawn for zoom 1; a little smaller still reads well
POPUP_MARGIN = 10
CORNER_MARGIN = 8


class LegendPopup(QFrame):
    """The legend in a popup that closes on the next click anywhere, like a menu."""

    def __init__(self, context: CardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Legend")
        self._legend = LegendItem(context)  # never added to a scene: only painted here

    def sizeHint(self) -> QSize:
        rect = self._legend.boundingRect()
        return QSize(
            int(rect.width() * POPUP_SCALE) + 2 * POPUP_MARGIN,
            int(rect.height() * POPUP_SCALE) + 2 * POPUP_MARGIN,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.fillRect(self.rect().adjusted(1, 1, -1, -1), self._legend.context.theme.background)
        painter.translate(POPUP_MARGIN, POPUP_MARGIN)
        painter.scale(POPUP_SCALE, POPUP_SCALE)
        self._legend.paint(painter, QStyleOptionGraphicsItem(), self)
        painter.end()


class LegendButton(QToolButton):
    """Sits over the canvas' top-right corner; the view shows it only when its legend is out of sight."""

    def __init__(self, context: CardContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.setText("Legend")
        self.setToolTip("What the colours, marks and lines mean")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the canvas keeps the keyboard
        self.clicked.connect(self.show_legend)
        self.popup: LegendPopup | None = None
        self.hide()

    def place(self, area_width: int) -> None:
        """Put the button in the top-right corner of an area ``area_width`` wide (the viewport)."""
        self.adjustSize()
        self.move(area_width - self.width() - CORNER_MARGIN, CORNER_MARGIN)

    def show_legend(self) -> None:
        self.popup = LegendPopup(self.context, self)
        size = self.popup.sizeHint()
        corner = self.mapToGlobal(QPoint(self.width(), self.height()))
        self.popup.setGeometry(corner.x() - size.width(), corner.y() + 2, size.width(), size.height())
        self.popup.show()
