"""The Find field of the toolbar (gui layer)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class FindBox(QLineEdit):
    """The Find field: Escape clears the filter (and a second Escape calls ``leave``: back to the map)."""

    def __init__(self, leave: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._leave = leave

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self._leave()
            event.accept()
            return
        super().keyPressEvent(event)
