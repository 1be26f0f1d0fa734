"""In-cell editors of the plan table: a due date that can be cleared, and multi-line text (gui layer).

Both signal ``finished`` when the user ends the edit themselves (Enter, the
Clear button); the delegate then writes the value and closes the editor.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPlainTextEdit, QToolButton, QWidget

#: Shown in an empty editor: the method's advice, never stored unless the user types it.
PLACEHOLDERS = {
    "reason": "Why get in touch, in terms of their goals and the organisation's?",
    "spiel": "Ask, don't tell or sell (yet): what would help you most with…?",
    "offer": "Give first: what can we offer them?",
    "outcome": "What happened; what did they say they need?",
}


class DateCellEditor(QWidget):
    """A date with a calendar popup, and a Clear button for "no due date"."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)  # the cell text must not show through
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd MMM yyyy")
        layout.addWidget(self.date_edit, 1)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("No due date")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus (and the edit) alive
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.date_edit)
        self._cleared = False

    def set_value(self, value: QDate, fallback: date) -> None:
        self._cleared = False
        shown = value if value.isValid() else QDate(fallback.year, fallback.month, fallback.day)
        self.date_edit.setDate(shown)

    def value(self) -> QDate:
        """The chosen date, or an invalid QDate for "no date"."""
        return QDate() if self._cleared else self.date_edit.date()

    def _clear(self) -> None:
        self._cleared = True
        self.finished.emit()


class TextCellEditor(QPlainTextEdit):
    """Several lines of text in a cell: Enter keeps the text, Shift+Enter starts a new line."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setToolTip("Enter keeps the text · Shift+Enter starts a new line · Esc cancels")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def set_text(self, text: str) -> None:
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)  # a typed key adds; it never wipes a paragraph

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.finished.emit()
            return
        if enter:  # Shift+Enter: a plain new line (Qt would otherwise insert a line separator)
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)
