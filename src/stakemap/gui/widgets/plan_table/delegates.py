"""Cell editors of the plan table: method choice (extendable), status, due date, person (gui layer)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from stakemap.core.entities import EngagementStatus
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.plan_table.model import COLUMNS, PlanModel

Index = QModelIndex | QPersistentModelIndex
NO_DATE = QDate(2000, 1, 1)  # the minimum of the date editor, shown as "no date"


def _plan_model(model: QAbstractItemModel) -> PlanModel:
    while not isinstance(model, PlanModel):
        model = model.sourceModel()  # type: ignore[attr-defined]
    return model


class PlanDelegate(QStyledItemDelegate):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = COLUMNS[index.column()].field
        if field == "method":
            combo = QComboBox(parent)
            combo.setEditable(True)  # typing a new method adds it to this map's list
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(_plan_model(index.model()).methods())
            combo.setToolTip("Pick a method, or type your own: it joins this map's list")
            return combo
        if field == "status":
            combo = QComboBox(parent)
            for status in EngagementStatus:
                combo.addItem(status.label, status)
            return combo
        if field == "stakeholder_id":
            combo = QComboBox(parent)
            for person in sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold()):
                combo.addItem(person.name, person.id)
            return combo
        if field == "due":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setMinimumDate(NO_DATE)
            editor.setSpecialValueText("no date")
            editor.setDisplayFormat("dd MMM yyyy")
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            editor.setDate(value if isinstance(value, QDate) and value.isValid() else QDate.currentDate())
        elif isinstance(editor, QComboBox) and editor.isEditable():
            editor.setCurrentText(str(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDateEdit):
            date = editor.date()
            model.setData(index, QDate() if date == NO_DATE else date)
        elif isinstance(editor, QComboBox) and editor.isEditable():
            text = editor.currentText().strip()
            if text:
                model.setData(index, text)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)
