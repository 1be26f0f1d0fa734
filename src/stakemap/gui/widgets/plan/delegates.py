"""The plan table's cell editors: extendable method list, status, person, clearable date, text (gui layer)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stakemap.core.entities import EngagementStatus
from stakemap.gui.document import MapDocument
from stakemap.gui.logins import person_name
from stakemap.gui.widgets.plan.editors import PLACEHOLDERS, DateCellEditor, TextCellEditor
from stakemap.gui.widgets.plan.model import COLUMNS, TEXT_FIELDS, PlanModel

Index = QModelIndex | QPersistentModelIndex
TEXT_EDITOR_LINES = 5
TEXT_EDITOR_MIN_WIDTH = 320


def _plan_model(model: QAbstractItemModel) -> PlanModel:
    while not isinstance(model, PlanModel):
        assert isinstance(model, QAbstractProxyModel), f"no plan model under {model}"
        model = model.sourceModel()
    return model


class PlanDelegate(QStyledItemDelegate):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._open_editor: QWidget | None = None
        self.closeEditor.connect(self._forget_editor)

    def finish_open_editor(self) -> None:
        """Write and close the editor that is open, so an edit from elsewhere cannot be overwritten by it."""
        editor = self._open_editor
        if editor is not None:
            self._finish(editor)

    def _forget_editor(self, editor: QWidget, _hint: object = None) -> None:
        if editor is self._open_editor:
            self._open_editor = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = self._create(parent, option, index)
        self._open_editor = editor
        editor.destroyed.connect(lambda: self._forget_editor(editor))
        return editor

    def _create(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = self._create_for_field(parent, option, index)
        if isinstance(editor, QComboBox):
            _popup_fits_items(editor)
        return editor

    def _create_for_field(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = COLUMNS[index.column()].field
        if field == "method":
            combo = QComboBox(parent)
            combo.setEditable(True)  # typing a new method adds it to this map's list
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(_plan_model(index.model()).methods())
            combo.setToolTip("Pick a method, or type your own: it joins this map's list")
            return combo
        if field == "owner":
            combo = QComboBox(parent)
            combo.setEditable(True)  # anyone may own an engagement; the map's members are offered
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(self._owner_choices())
            combo.setToolTip("Pick one of the people who share this map, or type a name")
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
            date_editor = DateCellEditor(parent)
            date_editor.finished.connect(lambda: self._finish(date_editor))
            return date_editor
        if field in TEXT_FIELDS:
            text_editor = TextCellEditor(parent)
            text_editor.setPlaceholderText(PLACEHOLDERS[field])
            text_editor.finished.connect(lambda: self._finish(text_editor))
            return text_editor
        return super().createEditor(parent, option, index)

    def _owner_choices(self) -> list[str]:
        """The map's members (on a server) and the owners the plan already names, each once."""
        named = {e.owner.strip() for e in self._document.map.engagements.values() if e.owner.strip()}
        members = [person_name(login) for login in self._document.members()]
        return [*members, *sorted(named - set(members), key=str.casefold)]

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateCellEditor):
            editor.set_value(value if isinstance(value, QDate) else QDate(), _plan_model(index.model()).today)
        elif isinstance(editor, TextCellEditor):
            editor.set_text(str(value or ""))
        elif isinstance(editor, QComboBox) and editor.isEditable():
            editor.setCurrentText(str(value))
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()  # the key that opened the editor replaces the method; it never appends
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, DateCellEditor):
            model.setData(index, editor.value())
        elif isinstance(editor, TextCellEditor):
            model.setData(index, editor.toPlainText())
        elif isinstance(editor, QComboBox) and editor.isEditable():
            model.setData(index, editor.currentText())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, TextCellEditor):
            # A cell is one line high: give long texts room, kept inside the visible table.
            lines = editor.fontMetrics().lineSpacing() * TEXT_EDITOR_LINES + 12
            rect.setHeight(max(rect.height(), lines))
            rect.setWidth(max(rect.width(), TEXT_EDITOR_MIN_WIDTH))
            parent = editor.parentWidget()
            area = parent.rect() if parent is not None else rect
            if rect.bottom() > area.bottom():
                rect.moveBottom(max(area.bottom(), rect.height() - 1))
            if rect.right() > area.right():
                rect.moveRight(max(area.right(), rect.width() - 1))
        elif isinstance(editor, DateCellEditor):
            rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)


def _popup_fits_items(combo: QComboBox) -> None:
    """The list opens as wide as its longest item: a narrow column clipped "Committee presentation"."""
    view = combo.view()
    widest = (
        view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth() + 8
    )
    view.setMinimumWidth(widest)
