"""PlanPanel: the communications plan table with its filters, counts and reference side bar (gui layer)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Engagement
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.plan_table.delegates import PlanDelegate
from stakemap.gui.widgets.plan_table.filters import SHOW_CHOICES, PlanFilter
from stakemap.gui.widgets.plan_table.model import COLUMNS, FIELD_COLUMN, ID_ROLE, PlanModel
from stakemap.gui.widgets.plan_table.suggestions import suggestions_html


class PlanPanel(QWidget):
    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None,
                 today: date | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self._syncing = False
        self.model = PlanModel(document, today)
        self.proxy = PlanFilter(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.counts = QLabel("")
        bar.addWidget(self.counts)
        bar.addStretch(1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter the plan…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.show_combo = QComboBox()
        for label, value in SHOW_CHOICES:
            self.show_combo.addItem(label, value)
        self.show_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_show(self.show_combo.currentData())
        )
        self.only_selected = QCheckBox("Only the selected person")
        self.only_selected.toggled.connect(lambda _on: self._follow_selection())
        self.add_button = QPushButton("Add Engagement")
        self.add_button.clicked.connect(self.add_engagement)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        for widget in (self.search, self.show_combo, self.only_selected, self.add_button, self.delete_button):
            bar.addWidget(widget)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(PlanDelegate(document, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FIELD_COLUMN["due"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, spec in enumerate(COLUMNS):
            self.table.setColumnWidth(column, spec.width)
        self.table.selectionModel().selectionChanged.connect(self._rows_selected)
        splitter.addWidget(self.table)
        self.reference = QTextBrowser()
        self.reference.setPlaceholderText(
            "Select an engagement to see the person's strategy and drivers here."
        )
        self.reference.setMinimumWidth(220)
        splitter.addWidget(self.reference)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)  # not window-wide: the canvas has its own Delete
        selection.changed.connect(self._follow_selection)
        document.changed.connect(self._changed)
        self._update_counts()
        self._update_buttons()

    # -------------------------------------------------------------- actions
    def add_engagement(self) -> None:
        person = self._selection.current_stakeholder
        if person is None:
            people = sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold())
            if not people:
                return
            person = people[0].id
        engagement = Engagement(stakeholder_id=person, due=date.today() + timedelta(days=7))
        if self._document.try_edit(lambda m: m.add_engagement(engagement)) is not None:
            self.focus_engagement(engagement.id, edit_column=FIELD_COLUMN["reason"])

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self._document.read_only:
            return
        self._document.try_edit(
            lambda m: m.combined(
                "Delete engagement" if len(ids) == 1 else f"Delete {len(ids)} engagements",
                *(lambda mm, i=i: mm.remove_engagement(i) for i in ids),
            )
        )

    def focus_engagement(self, engagement_id: str, edit_column: int | None = None) -> None:
        row = self.model.row_of(engagement_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, edit_column or 0))
        if not index.isValid():  # filtered out: show everything so the user finds it
            self.search.clear()
            self.show_combo.setCurrentIndex(0)
            self.only_selected.setChecked(False)
            index = self.proxy.mapFromSource(self.model.index(row, edit_column or 0))
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self.table.setCurrentIndex(index)
        if edit_column is not None:
            self.table.edit(index)

    def selected_ids(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in sorted(rows)]

    # ------------------------------------------------------------- follow
    def _rows_selected(self) -> None:
        ids = self.selected_ids()
        self._update_buttons()
        engagements = [self._document.map.engagements[i] for i in ids if i in self._document.map.engagements]
        if not engagements:
            self.reference.clear()
            return
        person = self._document.map.stakeholders[engagements[0].stakeholder_id]
        self.reference.setHtml(suggestions_html(self._document.map, person))
        if not self._syncing and not self.only_selected.isChecked():
            self._syncing = True
            try:
                self._selection.set(sorted({e.stakeholder_id for e in engagements}))
            finally:
                self._syncing = False

    def _follow_selection(self) -> None:
        if self._syncing:
            return
        self.proxy.set_person(self._selection.current_stakeholder if self.only_selected.isChecked() else None)

    def _changed(self, change: Change) -> None:
        self._update_counts()
        self._rows_selected()

    def _update_counts(self) -> None:
        overdue, soon = self.model.counts()
        parts = [f"{self.model.rowCount()} engagements"]
        if overdue:
            parts.append(f"⚠ {overdue} overdue")
        if soon:
            parts.append(f"{soon} due this week")
        self.counts.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        writable = not self._document.read_only
        self.add_button.setEnabled(writable and bool(self._document.map.stakeholders))
        self.delete_button.setEnabled(writable and bool(self.selected_ids()))
