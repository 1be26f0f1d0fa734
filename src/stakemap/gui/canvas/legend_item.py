"""LegendItem: what the colours, symbols, dots and line styles mean, beside the grid (gui layer).

It lives in the scene, right of the grid, so PNG/SVG exports and printouts
carry it too. It draws with the same style functions as the cards and links,
so it cannot drift from what they show. Presenter options hide the attitude
and trust sections along with the cards' marks.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from stakemap.core.entities import Attitude, Confidence, Relationship, RelationshipKind, Trust
from stakemap.gui.canvas import glyphs
from stakemap.gui.canvas.card_context import CardContext, _font
from stakemap.gui.canvas.geometry import GRID_RECT
from stakemap.gui.canvas.link_path import link_shape
from stakemap.gui.canvas.style import ATTITUDE_SYMBOLS, TRUST_BORDER, TRUST_DOTS, link_pen

LEGEND_WIDTH = 215.0
ROW = 27.0
HEADING = 38.0
#: Below this zoom the legend's words would be too small to read: the view leaves it out.
LEGEND_MIN_ZOOM = 0.6
_TIES = (
    (RelationshipKind.REPORTS_TO, "reports to"),
    (RelationshipKind.ADVISES, "advises"),
    (RelationshipKind.ALLIES_WITH, "allies with"),
    (RelationshipKind.CONFLICTS_WITH, "conflicts with"),
    (RelationshipKind.INFORMAL, "informal"),
)


class LegendItem(QGraphicsItem):
    def __init__(self, context: CardContext) -> None:
        super().__init__()
        self.context = context
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(-9.0)
        # Clear of the widest card standing on the right edge of the grid (half of 250 overhangs).
        self.setPos(GRID_RECT.right() + 135, GRID_RECT.top())
        self._heading = _font(17, bold=True)
        self._text = _font(15)
        self._small = _font(12, bold=True)

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def _height(self) -> float:
        judgement = not self.context.options.hide_trust_attitude
        marks = self.context.options.legend_marks
        rows = len(_TIES) + 1 + (4 if marks else 0) + (len(Attitude) + len(Trust) if judgement else 0)
        headings = (4 if judgement else 2) - (0 if marks else 1)
        return rows * ROW + headings * HEADING

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, LEGEND_WIDTH + 4, self._height() + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.context.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = 0.0
        if not self.context.options.hide_trust_attitude:
            y = self._title(painter, "Attitude", y)
            for attitude in reversed(list(Attitude)):
                swatch = QRectF(0, y + 3, 32, ROW - 7)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.attitude(attitude).accent)
                painter.drawRoundedRect(swatch, 4, 4)
                painter.setPen(QColor("white"))
                painter.setFont(self._small)
                painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, ATTITUDE_SYMBOLS[attitude])
                y = self._label(painter, attitude.label, y)
            markers = self.context.markers  # a crowded map: people are dots, trust is their border
            y = self._title(painter, "Trust (border)" if markers else "Trust (dots)", y)
            for trust in (Trust.HIGH, Trust.MEDIUM, Trust.LOW, Trust.UNKNOWN):
                if markers:
                    painter.setPen(QPen(theme.card_border, TRUST_BORDER[trust]))
                    painter.setBrush(theme.neutral_fill)
                    painter.drawEllipse(QPointF(15, y + ROW / 2), 7, 7)
                else:
                    column = QRectF(8, y, 14, ROW)
                    glyphs.draw_trust_dots(
                        painter, column, TRUST_DOTS[trust], theme.card_subtext, self._small
                    )
                y = self._label(painter, trust.label, y)
        y = self._title(painter, "Relationships", y)
        for kind, words in _TIES:
            self._tie(painter, Relationship("a", "b", kind, directed=True, strength=3), y)
            y = self._label(painter, words, y, indent=58)
        self._tie(painter, Relationship("a", "b", strength=3, confidence=Confidence.ASSUMED), y)
        y = self._label(painter, "assumed (fainter)", y, indent=58)
        if not self.context.options.legend_marks:
            return  # an audience's map (presenter mode, slides) shows none of them
        y = self._title(painter, "Marks", y)
        glyphs.draw_star(painter, QPointF(12, y + ROW / 2), 8, theme.badge_star, theme.card_border)
        y = self._label(painter, "in focus", y)
        glyphs.draw_round_badge(painter, QPointF(12, y + ROW / 2), 8, theme.badge_overdue, "!", self._small)
        y = self._label(painter, "engagement overdue", y)
        if self.context.markers:  # a dot has no room for a lock: its border is dashed
            pen = QPen(theme.card_border, 1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(theme.neutral_fill)
            painter.drawEllipse(QPointF(15, y + ROW / 2), 7, 7)
            self._label(painter, "confidential", y)
            return
        glyphs.draw_lock(painter, QPointF(12, y + ROW / 2), 12, theme.card_subtext)
        y = self._label(painter, "confidential", y)
        glyphs.draw_pill(
            painter, QPointF(12, y + ROW / 2), "+2", self._small, theme.card_border, theme.background
        )
        self._label(painter, "cards hidden below", y)

    def _title(self, painter: QPainter, text: str, y: float) -> float:
        painter.setPen(self.context.theme.label)
        painter.setFont(self._heading)
        painter.drawText(QRectF(0, y + 8, LEGEND_WIDTH, HEADING - 8), Qt.AlignmentFlag.AlignLeft, text)
        return y + HEADING

    def _label(self, painter: QPainter, text: str, y: float, indent: float = 40) -> float:
        painter.setPen(self.context.theme.strategy)
        painter.setFont(self._text)
        painter.drawText(
            QRectF(indent, y, LEGEND_WIDTH - indent, ROW),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )
        return y + ROW

    def _tie(self, painter: QPainter, tie: Relationship, y: float) -> None:
        shape = link_shape(QRectF(-10, y + ROW / 2 - 1, 2, 2), QRectF(50, y + ROW / 2 - 1, 2, 2), width=2.5,
                           zigzag=tie.kind is RelationshipKind.CONFLICTS_WITH)  # fmt: skip
        if shape is None:
            return
        pen = link_pen(self.context.theme, tie)
        double = tie.kind is RelationshipKind.ALLIES_WITH
        glyphs.draw_tie(painter, shape.line, shape.heads, pen, double, self.context.theme.background)
