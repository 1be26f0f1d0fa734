"""GridItem: the influence x interest background: four quadrants, their labels, axes (gui layer).

Quadrant fills and lines are drawn by the item (lines with cosmetic pens, so
they stay one pixel at any zoom). The words are child text items in the
margins, never inside the grid, so no card can cover them: the top quadrants'
label and strategy above the grid, the bottom ones below it, axis titles and
Low/High ticks beside the axes. When the view zooms out, ``set_view_scale``
enlarges the words (up to a limit) so they stay readable on a projector.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QTextOption
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from stakemap.core.entities import QuadrantLabels
from stakemap.core.grid import Quadrant
from stakemap.gui.canvas.card_context import _font
from stakemap.gui.canvas.geometry import GRID_HEIGHT, GRID_RECT, GRID_WIDTH
from stakemap.gui.canvas.style import LIGHT, CanvasTheme

Z_GRID = -10.0
#: Words keep at least this share of their size on screen, up to these enlargements.
MIN_SCREEN_SCALE = 0.85
MAX_LABEL_BOOST = 2.2
MAX_AXIS_BOOST = 2.2
#: Enlarged more than this, a quadrant's strategy line would run into its neighbour's: only the name shows.
STRATEGY_MAX_BOOST = 1.4

# (quadrant, anchored corner: right side?, bottom side?)
_CORNERS: tuple[tuple[Quadrant, bool, bool], ...] = (
    (Quadrant.KEY_PLAYERS, True, False),
    (Quadrant.KEEP_SATISFIED, False, False),
    (Quadrant.KEEP_INFORMED, True, True),
    (Quadrant.MONITOR, False, True),
)
_FILL_INDEX = {
    Quadrant.KEY_PLAYERS: 0,
    Quadrant.KEEP_SATISFIED: 1,
    Quadrant.KEEP_INFORMED: 2,
    Quadrant.MONITOR: 3,
}


class GridItem(QGraphicsItem):
    def __init__(self, labels: QuadrantLabels | None = None, theme: CanvasTheme = LIGHT) -> None:
        super().__init__()
        self.theme = theme
        self._labels = labels or QuadrantLabels()
        self._boost = 1.0
        self.setZValue(Z_GRID)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.quadrant_items: dict[Quadrant, QGraphicsTextItem] = {}
        for quadrant, right, _bottom in _CORNERS:
            item = QGraphicsTextItem(self)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setTextWidth(GRID_WIDTH / 2 - 40)
            option = QTextOption(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            item.document().setDefaultTextOption(option)
            self.quadrant_items[quadrant] = item
        self.axis_items: dict[str, QGraphicsSimpleTextItem] = {}
        for key, text in (
            ("interest", "Interest →"),
            ("influence", "Influence ↑"),
            ("interest_low", "Low"),
            ("interest_high", "High"),
            ("influence_low", "Low"),
            ("influence_high", "High"),
        ):
            axis = QGraphicsSimpleTextItem(text, self)
            bold = key in ("interest", "influence")
            axis.setFont(_font(20 if bold else 14, bold=bold))
            self.axis_items[key] = axis
        self.axis_items["influence"].setRotation(-90)
        self._apply()

    # ------------------------------------------------------------------ api
    def set_labels(self, labels: QuadrantLabels) -> bool:
        """Show these quadrant names; True when they differ from the ones shown."""
        if labels == self._labels:
            return False
        self._labels = labels
        self._apply()
        return True

    def set_theme(self, theme: CanvasTheme) -> None:
        self.theme = theme
        self._apply()
        self.update()

    def set_view_scale(self, scale: float) -> None:
        """The view's zoom (screen pixels per scene unit): words grow when it is small."""
        boost = 1.0 if scale <= 0 else max(1.0, MIN_SCREEN_SCALE / scale)
        if abs(boost - self._boost) > 1e-3:
            strategy_before = self._boost <= STRATEGY_MAX_BOOST
            self._boost = boost
            if (boost <= STRATEGY_MAX_BOOST) != strategy_before:
                self._apply()
            else:
                self._place()

    def quadrant_text(self, quadrant: Quadrant) -> str:
        """The words shown in a quadrant's corner (label, then strategy)."""
        return self.quadrant_items[quadrant].toPlainText()

    # -------------------------------------------------------------- layout
    def _apply(self) -> None:
        theme = self.theme
        for quadrant, _right, _bottom in _CORNERS:
            label = html.escape(quadrant.label(self._labels))
            strategy = html.escape(quadrant.strategy)
            item = self.quadrant_items[quadrant]
            words = f'<div style="font-size:22px; font-weight:600; color:{theme.label.name()}">{label}</div>'
            if self._boost <= STRATEGY_MAX_BOOST:
                words += f'<div style="font-size:14px; color:{theme.strategy.name()}">{strategy}</div>'
            item.setHtml(words)
        for key, axis in self.axis_items.items():
            axis.setBrush(theme.axis if key in ("interest", "influence") else theme.strategy)
        self._place()

    def _place(self) -> None:
        label_boost = min(self._boost, MAX_LABEL_BOOST)
        boost = min(self._boost, MAX_AXIS_BOOST)
        items = self.axis_items
        below = GRID_RECT.bottom() + 6
        left = GRID_RECT.left() - 10
        # Bottom axis row: Low ... Interest → ... High, then the bottom quadrants' words under it.
        _anchor_item(items["interest"], _centre_top(items["interest"]), QPointF(GRID_WIDTH / 2, below), boost)
        _anchor_item(
            items["interest_low"], items["interest_low"].boundingRect().topLeft(), QPointF(0, below), boost
        )
        high = items["interest_high"].boundingRect().topRight()
        _anchor_item(items["interest_high"], high, QPointF(GRID_WIDTH, below), boost)
        axis_row = max(items[k].sceneBoundingRect().height() for k in ("interest", "interest_low"))
        for quadrant, right, bottom in _CORNERS:
            item = self.quadrant_items[quadrant]
            rect = item.boundingRect()
            if bottom:
                corner = rect.topRight() if right else rect.topLeft()
                anchor = QPointF(GRID_WIDTH if right else 0.0, below + axis_row + 2)
            else:
                corner = rect.bottomRight() if right else rect.bottomLeft()
                anchor = QPointF(GRID_WIDTH if right else 0.0, GRID_RECT.top() - 4)
            # QTextDocument pads by its margin; let the words, not the margin, touch the anchor.
            margin = item.document().documentMargin()
            shift = QPointF(margin if right else -margin, -margin if bottom else margin)
            _anchor_item(item, corner, anchor + shift, label_boost)
        # The rotated title: its bottom edge (in its own coordinates) faces the grid.
        influence = items["influence"]
        rect = influence.boundingRect()
        _anchor_item(
            influence, QPointF(rect.center().x(), rect.bottom()), QPointF(left - 30, GRID_HEIGHT / 2), boost
        )
        low = items["influence_low"].boundingRect()
        _anchor_item(items["influence_low"], low.bottomRight(), QPointF(left, GRID_HEIGHT), boost)
        high_rect = items["influence_high"].boundingRect()
        _anchor_item(items["influence_high"], high_rect.topRight(), QPointF(left, 0), boost)

    # --------------------------------------------------------------- paint
    def boundingRect(self) -> QRectF:
        return GRID_RECT.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        half_w, half_h = GRID_WIDTH / 2, GRID_HEIGHT / 2
        painter.setPen(Qt.PenStyle.NoPen)
        for quadrant, right, bottom in _CORNERS:
            painter.setBrush(theme.quadrant_fills[_FILL_INDEX[quadrant]])
            painter.drawRect(QRectF(half_w if right else 0.0, half_h if bottom else 0.0, half_w, half_h))
        fine = QPen(theme.grid_line, 0)  # width 0: cosmetic hairline at any zoom
        painter.setPen(fine)
        for i in range(1, 10):
            if i == 5:
                continue
            x, y = GRID_WIDTH * i / 10, GRID_HEIGHT * i / 10
            painter.drawLine(QPointF(x, 0), QPointF(x, GRID_HEIGHT))
            painter.drawLine(QPointF(0, y), QPointF(GRID_WIDTH, y))
        mid = QPen(theme.midline, 1.6)
        mid.setCosmetic(True)
        painter.setPen(mid)
        painter.drawLine(QPointF(half_w, 0), QPointF(half_w, GRID_HEIGHT))
        painter.drawLine(QPointF(0, half_h), QPointF(GRID_WIDTH, half_h))
        frame = QPen(theme.midline, 1.0)
        frame.setCosmetic(True)
        painter.setPen(frame)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(GRID_RECT)


def _centre_top(item: QGraphicsItem) -> QPointF:
    rect = item.boundingRect()
    return QPointF(rect.center().x(), rect.top())


def _anchor_item(item: QGraphicsItem, local: QPointF, anchor: QPointF, scale: float) -> None:
    """Scale ``item`` about its point ``local`` and put that point at ``anchor`` (parent coordinates)."""
    item.setTransformOriginPoint(local)
    item.setScale(scale)
    item.setPos(anchor - local)
