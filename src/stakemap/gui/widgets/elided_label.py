"""A one-line label that ends in "…" when it has less room than its text (gui layer).

Used where a label must not decide the width of its window: the notice bar, the plan's counts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it has less room than its text."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )

    @classmethod
    def shrinking(cls, minimum_width: int = 80, parent: QWidget | None = None) -> ElidedLabel:
        """A label that takes the room it is given, down to ``minimum_width``, and says the rest in "…"."""
        label = cls(parent)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(minimum_width)
        return label
