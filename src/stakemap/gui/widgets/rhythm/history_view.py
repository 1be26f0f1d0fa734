"""The person inspector's History section: a small chart over time and the timeline, newest first.

The chart draws influence and interest (0-100, left scale) and attitude (blocker..champion, right
scale) at each snapshot and now, with QPainter; the list below holds snapshots, notes and
engagements with their outcomes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from stakemap.core.changes import Change
from stakemap.core.entities import Engagement, Note, Snapshot, Stakeholder
from stakemap.core.history import EventKind, Standing, standings, timeline
from stakemap.gui.document import MapDocument

SERIES = (
    ("Influence", QColor("#1f5fbf"), lambda s: s.influence),
    ("Interest", QColor("#2e8b57"), lambda s: s.interest),
    # Attitude -2..+2 drawn on the same 0..100 height.
    ("Attitude", QColor("#c0392b"), lambda s: (s.attitude.score + 2) * 25.0),
)
_KIND_MARK = {EventKind.SNAPSHOT: "◆", EventKind.NOTE: "✎", EventKind.ENGAGEMENT: "☐"}


class HistoryChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Standing] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_points(self, points: list[Standing]) -> None:
        self.points = points
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        plot = QRectF(self.rect()).adjusted(34, 16, -72, -18)
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        painter.drawRect(plot)
        painter.setPen(text_colour)
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() - 1.5))
        painter.setFont(font)
        painter.drawText(QRectF(0, plot.top() - 8, 30, 16), Qt.AlignmentFlag.AlignRight, "100")
        painter.drawText(QRectF(0, plot.bottom() - 8, 30, 16), Qt.AlignmentFlag.AlignRight, "0")
        painter.drawText(QRectF(plot.right() + 4, plot.top() - 8, 70, 16), "champion +2")
        painter.drawText(QRectF(plot.right() + 4, plot.bottom() - 8, 70, 16), "blocker −2")
        if len(self.points) < 2:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             "Take snapshots to see how they move over time")  # fmt: skip
        else:
            start, end = self.points[0].when.timestamp(), self.points[-1].when.timestamp()
            span = max(end - start, 1.0)

            def at(s: Standing, value: float) -> QPointF:
                x = plot.left() + (s.when.timestamp() - start) / span * plot.width()
                return QPointF(x, plot.bottom() - value / 100 * plot.height())

            for _name, colour, value_of in SERIES:
                path = QPainterPath(at(self.points[0], value_of(self.points[0])))
                for s in self.points[1:]:
                    path.lineTo(at(s, value_of(s)))
                painter.setPen(QPen(colour, 2))
                painter.drawPath(path)
                painter.setBrush(colour)
                for s in self.points:
                    painter.drawEllipse(at(s, value_of(s)), 2.5, 2.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(text_colour)
            painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width() / 2, 14),
                             f"{self.points[0].when:%d %b %Y}")  # fmt: skip
            painter.drawText(QRectF(plot.center().x(), plot.bottom() + 2, plot.width() / 2, 14),
                             Qt.AlignmentFlag.AlignRight, "now")  # fmt: skip
        x = plot.left()
        for name, colour, _value in SERIES:
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(x, 7), QPointF(x + 12, 7))
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + 15, 11), name)
            x += 80
        painter.end()


class HistoryView(QWidget):
    """Chart and timeline of one person; follows the document's changes by itself."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.stakeholder_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.chart = HistoryChart()
        self.events = QTreeWidget()
        self.events.setHeaderLabels(["When", "What"])
        self.events.setRootIsDecorated(False)
        self.events.setWordWrap(True)
        self.events.setMinimumHeight(140)
        self.empty = QLabel("Nothing yet: notes, engagements and snapshots of this person appear here.")
        self.empty.setWordWrap(True)
        layout.addWidget(self.chart)
        layout.addWidget(self.events)
        layout.addWidget(self.empty)
        document.changed.connect(self._changed)

    def show_person(self, stakeholder_id: str) -> None:
        self.stakeholder_id = stakeholder_id
        self.refresh()

    def refresh(self) -> None:
        if self.stakeholder_id is None or self.stakeholder_id not in self._document.map.stakeholders:
            return
        the_map = self._document.map
        self.chart.set_points(standings(the_map, self.stakeholder_id, datetime.now(UTC)))
        self.events.clear()
        for event in timeline(the_map, self.stakeholder_id):
            when = f"{event.when.astimezone():%d %b %Y}" if event.when else "no date"
            title = event.title + ("  (confidential)" if event.confidential else "")
            item = QTreeWidgetItem([when, f"{_KIND_MARK[event.kind]} {title}"])
            item.setToolTip(1, event.detail or event.title)
            if event.detail and event.kind is not EventKind.NOTE:
                item.addChild(QTreeWidgetItem(["", event.detail]))
            self.events.addTopLevelItem(item)
        self.events.expandAll()
        self.events.resizeColumnToContents(0)
        has_events = self.events.topLevelItemCount() > 0
        self.events.setVisible(has_events)
        self.empty.setVisible(not has_events)

    def count(self) -> int:
        return self.events.topLevelItemCount()

    def _changed(self, change: Change) -> None:
        if change.touches(Stakeholder, Note, Engagement, Snapshot):
            self.refresh()
