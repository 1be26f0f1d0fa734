"""Editors bound to one model field: they commit once when the user finishes, and refresh quietly (gui layer).

Each binder emits ``committed(value)`` only when the user has finished an edit
that differs from the stored value (one edit, one undo entry), and takes new
values with ``show_value`` without emitting anything, so pushing the model
into the widgets never creates edits.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget


class Binder(QObject):
    committed = Signal(object)

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.stored: Any = None

    def show_value(self, value: Any) -> None:
        self.stored = value
        self.widget.blockSignals(True)
        try:
            self._display(value)
        finally:
            self.widget.blockSignals(False)

    def revert(self) -> None:
        self.show_value(self.stored)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def _finish(self) -> None:
        value = self._current()
        if value != self.stored:
            self.committed.emit(value)

    def _display(self, value: Any) -> None:
        raise NotImplementedError

    def _current(self) -> Any:
        raise NotImplementedError


class LineBinder(Binder):
    """A one-line text: commits on Enter or leaving the field."""

    def __init__(self, widget: QLineEdit, *, parse: Callable[[str], Any] = str,
                 format_: Callable[[Any], str] = str) -> None:  # fmt: skip
        super().__init__(widget)
        self._parse, self._format = parse, format_
        widget.editingFinished.connect(self._finish)

    def _display(self, value: Any) -> None:
        line = self.widget
        assert isinstance(line, QLineEdit)
        text = self._format(value)
        if line.text() != text:
            line.setText(text)
            line.setCursorPosition(0)

    def _current(self) -> Any:
        assert isinstance(self.widget, QLineEdit)
        return self._parse(self.widget.text())

    def set_read_only(self, read_only: bool) -> None:
        assert isinstance(self.widget, QLineEdit)
        self.widget.setReadOnly(read_only)


class CommitOnLeaveText(QPlainTextEdit):
    """Multi-line text that reports when the user is done: focus leaves, or Ctrl+Enter."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.finished.emit()
            return
        super().keyPressEvent(event)


class TextBinder(Binder):
    def __init__(self, widget: CommitOnLeaveText) -> None:
        super().__init__(widget)
        widget.finished.connect(self._finish)

    def _display(self, value: Any) -> None:
        assert isinstance(self.widget, QPlainTextEdit)
        if self.widget.toPlainText() != value:
            self.widget.setPlainText(value)

    def _current(self) -> Any:
        assert isinstance(self.widget, QPlainTextEdit)
        return self.widget.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        assert isinstance(self.widget, QPlainTextEdit)
        self.widget.setReadOnly(read_only)


class EnumBinder(Binder):
    """A combo of an Enum's members, labelled with their ``label``; commits on choice."""

    def __init__(self, widget: QComboBox, members: list[Enum]) -> None:
        super().__init__(widget)
        for member in members:
            widget.addItem(getattr(member, "label", member.name), member)
        widget.activated.connect(lambda _index: self._finish())

    def _display(self, value: Any) -> None:
        assert isinstance(self.widget, QComboBox)
        self.widget.setCurrentIndex(max(0, self.widget.findData(value)))

    def _current(self) -> Any:
        assert isinstance(self.widget, QComboBox)
        return self.widget.currentData()


class ChoiceBinder(Binder):
    """A combo of (label, value) pairs that may change (e.g. the people on the map)."""

    def __init__(self, widget: QComboBox) -> None:
        super().__init__(widget)
        widget.activated.connect(lambda _index: self._finish())

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        combo = self.widget
        assert isinstance(combo, QComboBox)
        combo.blockSignals(True)
        combo.clear()
        for label, value in choices:
            combo.addItem(label, value)
        combo.blockSignals(False)
        self.show_value(self.stored)

    def _display(self, value: Any) -> None:
        assert isinstance(self.widget, QComboBox)
        self.widget.setCurrentIndex(max(0, self.widget.findData(value)))

    def _current(self) -> Any:
        assert isinstance(self.widget, QComboBox)
        return self.widget.currentData()


class SpinBinder(Binder):
    """A whole-number spin box: commits on Enter or leaving it, or once the arrows or wheel rest.

    Typing "75" is one edit, not "7" then "75"; a burst of arrow clicks is one edit too.
    """

    def __init__(self, widget: QSpinBox, *, blank_is_none: bool = False) -> None:
        super().__init__(widget)
        self._blank_is_none = blank_is_none
        if blank_is_none:
            widget.setSpecialValueText("—")  # the minimum shows as "unknown"
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(700)
        self._rest.timeout.connect(self._finish)
        widget.valueChanged.connect(lambda _v: self._rest.start())
        widget.editingFinished.connect(self._finish_now)

    def _finish_now(self) -> None:
        self._rest.stop()
        self._finish()

    def show_value(self, value: Any) -> None:
        self._rest.stop()
        super().show_value(value)

    def _display(self, value: Any) -> None:
        assert isinstance(self.widget, QSpinBox)
        self.widget.setValue(self.widget.minimum() if value is None else round(value))

    def _current(self) -> Any:
        assert isinstance(self.widget, QSpinBox)
        value = self.widget.value()
        if self._blank_is_none and value == self.widget.minimum():
            return None
        if isinstance(self.stored, float):
            return float(value)
        return value


class CheckBinder(Binder):
    def __init__(self, widget: QCheckBox) -> None:
        super().__init__(widget)
        widget.clicked.connect(lambda _checked: self._finish())

    def _display(self, value: Any) -> None:
        assert isinstance(self.widget, QCheckBox)
        self.widget.setChecked(bool(value))

    def _current(self) -> Any:
        assert isinstance(self.widget, QCheckBox)
        return self.widget.isChecked()


def split_list(text: str) -> tuple[str, ...]:
    """ "a, b; c" -> ("a", "b", "c"): tags and method lists are typed as one line."""
    parts = [p.strip() for chunk in text.split(";") for p in chunk.split(",")]
    seen: dict[str, None] = {}
    for part in parts:
        if part and part.casefold() not in {s.casefold() for s in seen}:
            seen[part] = None
    return tuple(seen)


def join_list(values: Any) -> str:
    return ", ".join(values or ())
