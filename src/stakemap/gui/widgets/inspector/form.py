"""The shared machinery of the inspector's pages: sections, fields, commits, refusals, quiet refreshes (gui layer).

A page lists its fields by the entity attribute they edit. A finished field
becomes ONE ``document.edit``; a value the model refuses is shown beside the
field and the field goes back to the stored value. Refreshing pushes only the
values that changed, so a field the user is typing in keeps its text and
cursor when something else changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.widgets.inspector.fields import Field
from stakemap.gui.widgets.inspector.section import Section


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label for user text: shown literally (never as markup), wrapped, selectable."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(point_delta: int = 3) -> QLabel:
    label = plain_label()
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + point_delta)
    label.setFont(font)
    return label


class FieldMessage(QWidget):
    """Why the last value typed into a field was refused: a warning icon and the model's words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain_label()
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()


class FieldForm(QWidget):
    """A page of fields editing one entity (or the map's details)."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.fields: dict[str, Field] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.sections: dict[str, Section] = {}
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 6, 6, 6)

    # ------------------------------------------------------------- building
    def section(self, title: str, *, labels_above: bool = False) -> QFormLayout:
        """A titled group of rows; ``labels_above`` gives long texts the dock's whole width."""
        section = self._add_section(title)
        form = QFormLayout(section.body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows if labels_above else QFormLayout.RowWrapPolicy.WrapLongRows
        )
        return form

    def boxed(self, title: str, widget: QWidget) -> Section:
        """A section holding one widget (a notes list, a plan list)."""
        section = self._add_section(title)
        QVBoxLayout(section.body).addWidget(widget)
        return section

    def _add_section(self, title: str) -> Section:
        section = Section(title)
        self.sections[title] = section
        self.column.addWidget(section)
        return section

    def add_field(
        self, form: QFormLayout, name: str, label: str | None, field: Field, tip: str = ""
    ) -> Field:
        """A row: the label (buddy of the editor, for screen readers and mnemonics), the editor, its message."""
        self.fields[name] = field
        message = FieldMessage()
        self.messages[name] = message
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(field.widget)
        stack.addWidget(message)
        if tip:
            field.widget.setToolTip(tip)
        if label is None:  # a checkbox carries its own label
            form.addRow(cell)
        else:
            caption = QLabel(label)
            caption.setBuddy(field.widget)
            form.addRow(caption, cell)
        field.committed.connect(lambda value: self._commit(name, value))
        field.refused.connect(lambda text: self.show_message(name, text))
        return field

    # -------------------------------------------------------------- editing
    def mutation(self, name: str, value: Any) -> Callable[[Map], Change] | None:
        """The edit that stores ``value`` in field ``name``; None when there is nothing to edit."""
        raise NotImplementedError

    def _commit(self, name: str, value: Any) -> None:
        mutation = self.mutation(name, value)
        if mutation is None:
            self.fields[name].revert()
            return
        if self.apply(mutation, name):
            self.clear_message(name)

    def apply(
        self, mutation: Callable[[Map], Change], name: str | None = None, label: str | None = None
    ) -> bool:
        """Run one edit; a refusal of the value is shown at field ``name``, a failed write by the window."""
        try:
            self._document.edit(mutation, label)
        except EditRejected as exc:
            if name is not None:
                self.fields[name].revert()
            if name is not None and isinstance(exc.__cause__, ValueError | KeyError):
                self.show_message(name, str(exc))
            else:
                # Disk, lock or read-only trouble concerns the whole map: the main window says it.
                self._document.write_failed.emit(str(exc))
            return False
        return True

    def show_message(self, name: str, text: str) -> None:
        self.messages[name].show_message(text)

    def clear_message(self, name: str) -> None:
        self.messages[name].clear()

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear()

    # ------------------------------------------------------------ refreshing
    def show_values(self, values: Mapping[str, Any], *, everything: bool = False) -> None:
        """Show stored values; only changed ones unless ``everything`` (a new subject)."""
        for name, field in self.fields.items():
            if name not in values:
                continue
            value = values[name]
            if everything or value != field.stored:
                field.show_value(value)
        if everything:
            self.clear_messages()

    def flush(self) -> None:
        """Commit whatever the user typed but has not finished yet (before the page shows another subject)."""
        for field in self.fields.values():
            if not self._document.read_only:
                field.finish()

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            field.set_read_only(read_only)
