"""Small editors bound to one stored value: they commit once when the user is done (gui layer).

A field emits ``committed(value)`` only when the user has finished an edit whose
value differs from the stored one (one edit, one undo entry), and ``refused(message)``
when what was typed cannot be read (a rank of "abc"). ``show_value`` pushes a stored
value in with the widget's signals blocked, so refreshing never creates edits, and
leaves the widget alone when it already shows that value (the cursor stays put).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

#: After the last arrow click or wheel step, a spin box waits this long before committing.
SPIN_REST_MS = 600


class Field(QObject):
    """One editor widget and the value last stored for it."""

    committed = Signal(object)
    refused = Signal(str)
    #: The user is done with the field, whatever came of it (committed, unchanged or refused).
    done = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.stored: Any = None

    def show_value(self, value: Any) -> None:
        self.stored = value
        blocked = self.widget.blockSignals(True)
        try:
            self._display(value)
        finally:
            self.widget.blockSignals(blocked)

    def revert(self) -> None:
        self.show_value(self.stored)

    def typing(self) -> bool:
        """The user is typing here: the field has the focus and holds text not yet committed."""
        return False

    def words(self, value: Any) -> str:
        """A stored value as this field shows it ("a, b" for a list), for a sentence about it."""
        return str(value)

    def finish(self) -> None:
        """The user is done: commit the shown value if it differs from the stored one."""
        self._typing_done()
        try:
            value = self._current()
        except ValueError as exc:
            self.revert()
            self.refused.emit(str(exc))
            self.done.emit()
            return
        if value != self.stored:
            self.committed.emit(value)
        else:
            self.revert()  # same value typed differently ("a,b" for "a, b"): show it the stored way
        self.done.emit()

    def _typing_done(self) -> None:
        """What was typed is handed over: the widget no longer holds uncommitted typing."""

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def _display(self, value: Any) -> None:
        raise NotImplementedError

    def _current(self) -> Any:
        raise NotImplementedError


class LineField(Field):
    """One line of text; commits on Enter or when the focus leaves."""

    def __init__(
        self,
        widget: QLineEdit,
        *,
        parse: Callable[[str], Any] = str,
        format_: Callable[[Any], str] = str,
    ) -> None:
        super().__init__(widget)
        self.line = widget
        self._parse, self._format = parse, format_
        widget.editingFinished.connect(self.finish)

    def _display(self, value: Any) -> None:
        text = self._format(value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)  # long values show their beginning

    def _current(self) -> Any:
        return self._parse(self.line.text())

    def typing(self) -> bool:
        return self.line.hasFocus() and self.line.isModified()

    def words(self, value: Any) -> str:
        return str(self._format(value))

    def _typing_done(self) -> None:
        self.line.setModified(False)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)  # still selectable, so text can be copied


class CommitOnLeaveText(QPlainTextEdit):
    """Multi-line text that says when the user is done (focus leaves, or Ctrl+Enter); grows with its text."""

    finished = Signal()

    def __init__(self, placeholder: str = "", *, min_lines: int = 3, max_lines: int = 10) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._min_lines, self._max_lines = min_lines, max_lines
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # The context menu takes the focus for a moment; the user is not done then.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def _fit(self) -> None:
        # In a QPlainTextEdit the document's height is counted in lines (wrapped lines included).
        lines = int(self.document().documentLayout().documentSize().height())
        shown = max(self._min_lines, min(self._max_lines, lines))
        margins = self.contentsMargins()
        frame = 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        self.setFixedHeight(shown * self.fontMetrics().lineSpacing() + frame + 4)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()  # a narrower dock wraps more lines


class TextField(Field):
    def __init__(self, widget: CommitOnLeaveText) -> None:
        super().__init__(widget)
        self.text = widget
        widget.finished.connect(self.finish)

    def _display(self, value: Any) -> None:
        if self.text.toPlainText() != value:
            self.text.setPlainText(value)

    def _current(self) -> Any:
        return self.text.toPlainText()

    def typing(self) -> bool:
        return self.text.hasFocus() and self.text.document().isModified()

    def _typing_done(self) -> None:
        self.text.document().setModified(False)

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


class ChoiceField(Field):
    """A combo of (label, value) pairs; commits when the user picks one."""

    def __init__(self, widget: QComboBox, choices: Sequence[tuple[str, Any]] = ()) -> None:
        super().__init__(widget)
        self.combo = widget
        self.set_choices(choices)
        widget.activated.connect(lambda _index: self.finish())

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        blocked = self.combo.blockSignals(True)
        self.combo.clear()
        for label, value in choices:
            self.combo.addItem(label, value)
        self.combo.blockSignals(blocked)
        self.show_value(self.stored)

    def _display(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def _current(self) -> Any:
        return self.combo.currentData()


def enum_choices(members: Sequence[Any]) -> list[tuple[str, Any]]:
    return [(getattr(member, "label", member.value.capitalize()), member) for member in members]


class SpinField(Field):
    """A whole number: commits on Enter or leaving, or once arrow clicks and wheel steps come to rest.

    Keyboard tracking is off, so typing "75" is one edit, not "7" then "75". The model
    may hold a fraction (a drag lands anywhere); the box shows it rounded, and only a
    number the user changed is committed.
    """

    def __init__(self, widget: QSpinBox) -> None:
        super().__init__(widget)
        self.spin = widget
        widget.setKeyboardTracking(False)
        widget.setAccelerated(True)
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(SPIN_REST_MS)
        self._rest.timeout.connect(self.finish)
        widget.valueChanged.connect(lambda _value: self._rest.start())
        widget.editingFinished.connect(self.finish)

    def finish(self) -> None:
        self._rest.stop()
        if self.spin.value() == self._shown(self.stored):
            return  # untouched: a stored 37.4 shown as 37 must not be "changed" to 37.0
        super().finish()

    def show_value(self, value: Any) -> None:
        self._rest.stop()
        super().show_value(value)

    def _shown(self, value: Any) -> int:
        return self.spin.minimum() if value is None else round(value)

    def _display(self, value: Any) -> None:
        self.spin.setValue(self._shown(value))

    def _current(self) -> Any:
        value = self.spin.value()
        return float(value) if isinstance(self.stored, float) else value

    def set_read_only(self, read_only: bool) -> None:
        self.spin.setReadOnly(read_only)
        self.spin.setButtonSymbols(
            QAbstractSpinBox.ButtonSymbols.NoButtons
            if read_only
            else QAbstractSpinBox.ButtonSymbols.UpDownArrows
        )


class CheckField(Field):
    def __init__(self, widget: QCheckBox) -> None:
        super().__init__(widget)
        self.box = widget
        widget.clicked.connect(lambda _checked: self.finish())

    def _display(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def _current(self) -> Any:
        return self.box.isChecked()


class ColourButton(QWidget):
    """A swatch that opens the colour dialog, and a button to go back to "no colour of its own"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choose = QToolButton(self)
        self.choose.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear = QToolButton(self)
        self.clear.setText("Clear")
        self.clear.setToolTip("No colour of its own: the card is coloured by attitude")
        layout.addWidget(self.choose)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.setFocusProxy(self.choose)


class ColourField(Field):
    """An optional colour, "#rrggbb" or "" for none; commits as soon as one is chosen or cleared."""

    def __init__(self, widget: ColourButton) -> None:
        super().__init__(widget)
        self.buttons = widget
        self._value = ""
        widget.choose.clicked.connect(self._pick)
        widget.clear.clicked.connect(lambda: self.choose(""))

    def choose(self, colour: str) -> None:
        """Take ``colour`` as if the user had picked it (the dialog calls this too)."""
        self._value = colour
        self.finish()

    def _pick(self) -> None:
        start = QColor(self._value) if self._value else QColor("#808080")
        colour = QColorDialog.getColor(start, self.buttons, "Card colour")
        if colour.isValid():
            self.choose(colour.name())

    def _display(self, value: Any) -> None:
        self._value = value or ""
        size = self.buttons.choose.iconSize()
        if self._value:
            swatch = QPixmap(size)
            swatch.fill(QColor(self._value))  # the user's own colour, not chrome
            self.buttons.choose.setIcon(QIcon(swatch))
            self.buttons.choose.setText(self._value)
        else:
            self.buttons.choose.setIcon(QIcon())
            self.buttons.choose.setText("By attitude…")
        self.buttons.choose.setToolTip("Choose a colour of its own for this card")
        self.buttons.clear.setEnabled(bool(self._value) and self.buttons.choose.isEnabled())

    def _current(self) -> Any:
        return self._value

    def set_read_only(self, read_only: bool) -> None:
        self.buttons.choose.setEnabled(not read_only)
        self.buttons.clear.setEnabled(not read_only and bool(self._value))


class Combo(QComboBox):
    """A combo that lets the wheel scroll the inspector unless the user is working in it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area gets it: crossing a combo must not change a value


class Spin(QSpinBox):
    """A spin box that lets the wheel scroll the inspector unless the user is working in it."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(low, high)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def placeholder_line(placeholder: str) -> QLineEdit:
    """A one-line editor that shows what to type while it is empty."""
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    return line


def split_list(text: str) -> tuple[str, ...]:
    """ "a, b; c" -> ("a", "b", "c"): tags and methods are typed on one line; repeats are dropped."""
    seen: dict[str, str] = {}
    for chunk in text.split(";"):
        for part in chunk.split(","):
            part = part.strip()
            if part and part.casefold() not in seen:
                seen[part.casefold()] = part
    return tuple(seen.values())


def join_list(values: Any) -> str:
    return ", ".join(values or ())


def parse_rank(text: str) -> int | None:
    """The formal rank as typed: blank is unknown, else a whole number (the model checks the range)."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(
            f"The formal rank must be a whole number (1 is the top), or blank if unknown; not “{text}”"
        ) from None


def format_rank(value: Any) -> str:
    return "" if value is None else str(value)
