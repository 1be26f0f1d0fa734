"""PlanPanel: the communications plan table with its filters, counts and reference beside it (gui layer).

Selecting rows selects their people in the shared ``Selection`` (the canvas
follows); the table only pushes a selection when the user picks rows, never when
the document changes, so edits elsewhere leave the canvas selection alone.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Engagement, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.elided_label import ElidedLabel
from stakemap.gui.widgets.plan.delegates import PlanDelegate
from stakemap.gui.widgets.plan.filters import SHOW_CHOICES, PlanFilter
from stakemap.gui.widgets.plan.model import COLUMNS, FIELD_COLUMN, ID_ROLE, MARKS, PlanModel
from stakemap.gui.widgets.plan.suggestions import REFERENCES, inserted, parse_insert_link, suggestions_html

MENU_PEOPLE_LIMIT = 60  # beyond this the "Add for…" menu asks the user to select the person instead


class PlanPanel(QWidget):
    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None,
                 today: date | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self._syncing = False  # True while this panel is the one changing the shared selection
        self.model = PlanModel(document, today)
        self.proxy = PlanFilter(self.model)
        self._build_actions()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_bar())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_table())
        self.reference = QTextBrowser()
        self.reference.setOpenLinks(False)
        self.reference.anchorClicked.connect(self._insert_clicked)
        self.reference.setPlaceholderText(
            "Select an engagement or a person to see their strategy and drivers."
        )
        self.reference.setMinimumWidth(200)
        splitter.addWidget(self.reference)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        selection.changed.connect(self._selection_changed)
        document.changed.connect(self._document_changed)
        # The server going out of reach makes the map read-only while the plan is on screen.
        document.offline_changed.connect(lambda _since: self._access_changed())
        self._update_counts()
        self._update_actions()
        self._show_reference()

    # ---------------------------------------------------------------- build
    def _build_actions(self) -> None:
        self.add_action = QAction("Add Engagement", self)
        self.add_action.setToolTip("Plan a contact with the selected person (or choose the person)")
        self.add_action.triggered.connect(lambda _checked=False: self.add_engagement())
        self.delete_action = QAction("Delete Engagement", self)
        self.delete_action.setIconText("Delete")  # the button's word; menus keep the full text
        self.delete_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        # Only while the table has the focus: a window-wide Delete would clash with the canvas's.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setToolTip("Delete the selected engagements (Delete)")
        self.delete_action.triggered.connect(lambda _checked=False: self.delete_selected())

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        # The bar must fit a 1024-pixel window: the counts give way ("…", whole in the tooltip).
        self.counts = ElidedLabel.shrinking(120)
        bar.addWidget(self.counts, 1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter the plan…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(110)
        self.search.textChanged.connect(self._filter_text_changed)
        bar.addWidget(self.search, 1)
        self.show_combo = QComboBox()
        self.show_combo.setToolTip("Which engagements to show")
        for label, key in SHOW_CHOICES:
            self.show_combo.addItem(label, key)
        self.show_combo.setCurrentIndex(self.show_combo.findData("all"))
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        show_label = QLabel("&Show")
        show_label.setBuddy(self.show_combo)
        bar.addWidget(show_label)
        bar.addWidget(self.show_combo)
        self.only_selected = QCheckBox("Only the selected person")
        self.only_selected.toggled.connect(lambda _on: self._apply_person_filter())
        bar.addWidget(self.only_selected)
        self.add_button = QToolButton()
        self.add_button.setDefaultAction(self.add_action)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.people_menu = QMenu(self.add_button)
        self.people_menu.aboutToShow.connect(self._fill_people_menu)
        self.add_button.setMenu(self.people_menu)
        bar.addWidget(self.add_button)
        self.delete_button = QToolButton()
        self.delete_button.setDefaultAction(self.delete_action)
        self.delete_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addWidget(self.delete_button)
        return bar

    def _build_table(self) -> QTableView:
        self.table = PlanTable()
        self.table.setModel(self.proxy)
        # A row must not jump away while it is being edited: re-sort only when rows come or go.
        self.proxy.setDynamicSortFilter(False)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(lambda *_a: self._resort())
        self.delegate = PlanDelegate(self._document, self.table)
        self.table.setItemDelegate(self.delegate)
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
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(self._column_widths()):
            self.table.setColumnWidth(column, width)
        self.table.addActions([self.add_action, self.delete_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._rows_selected)
        return self.table

    def _resort(self) -> None:
        header = self.table.horizontalHeader()
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _column_widths(self) -> list[int]:
        metrics = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        header = self.table.horizontalHeader().fontMetrics()
        widths = []
        for column in COLUMNS:
            if column.field == "due":  # the date, its mark and the warning icon, never elided
                longest = f"30 Sep 2026  {max(MARKS.values(), key=len)}"
                width = QFontMetrics(bold).horizontalAdvance(longest) + self.table.iconSize().width() + 40
                width = max(width, metrics.height() * 10)
            else:
                width = metrics.averageCharWidth() * column.chars + 16
            widths.append(max(width, header.horizontalAdvance(column.title) + 32))  # room for the sort arrow
        return widths

    # -------------------------------------------------------------- actions
    def add_engagement(self, stakeholder_id: str | None = None) -> str | None:
        """Plan a new contact with this person (default: the selected one; else ask). Returns its id."""
        person_id = stakeholder_id or self._selection.current_stakeholder or self._row_person()
        if person_id is None:
            # Let the user choose whom (a popup, not a blocking exec, so callers never stall).
            self.people_menu.popup(self.add_button.mapToGlobal(self.add_button.rect().bottomLeft()))
            return None
        person = self._document.map.stakeholders.get(person_id)
        if person is None or self._document.read_only:
            return None
        engagement = Engagement(stakeholder_id=person_id, owner=self._document.own_name or "")
        change = self._document.try_edit(
            lambda m: m.add_engagement(engagement), label=f"Add engagement with {person.name}"
        )
        if change is None:
            return None
        self.focus_engagement(engagement.id, edit_field="reason")
        return engagement.id

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self._document.read_only:
            return
        self._finish_editing()
        label = "Delete engagement" if len(ids) == 1 else f"Delete {len(ids)} engagements"
        self._document.try_edit(
            lambda m: m.combined(label, *(lambda mm, i=i: mm.remove_engagement(i) for i in ids))
        )

    def focus_engagement(self, engagement_id: str, edit_field: str | None = None) -> None:
        """Scroll to this engagement and select it (showing every row if the filters hid it)."""
        row = self.model.row_of(engagement_id)
        if row < 0:
            return
        column = FIELD_COLUMN.get(edit_field or "", 0)
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            self.search.clear()
            self.show_combo.setCurrentIndex(self.show_combo.findData("all"))
            self.only_selected.setChecked(False)
            index = self.proxy.mapFromSource(self.model.index(row, column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        if edit_field is not None:
            self.table.setFocus()
            self.table.edit(index)

    def _finish_editing(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.delegate.finish_open_editor()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = (self.proxy.index(r, 0).data(ID_ROLE) for r in rows)
        return [i for i in ids if i is not None]

    def _row_person(self) -> str | None:
        engagements = self._selected_engagements()
        return engagements[0].stakeholder_id if engagements else None

    def _selected_engagements(self) -> list[Engagement]:
        known = self._document.map.engagements
        return [known[i] for i in self.selected_ids() if i in known]

    def _fill_people_menu(self) -> None:
        self.people_menu.clear()
        people = sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold())
        if not people:
            self.people_menu.addAction("Add people to the map first").setEnabled(False)
            return
        if len(people) > MENU_PEOPLE_LIMIT:
            self.people_menu.addAction("Select the person on the map, then Add Engagement").setEnabled(False)
            return
        for person in people:
            action = self.people_menu.addAction(f"With {person.name}…")
            action.triggered.connect(lambda _checked=False, pid=person.id: self.add_engagement(pid))
        self.people_menu.setEnabled(not self._document.read_only)

    def _insert_clicked(self, url: QUrl) -> None:
        """An "Insert" link: copy one profile text into the selected engagement, as one undo entry."""
        link = parse_insert_link(url.toString())
        engagements = self._selected_engagements()
        if link is None or not engagements or self._document.read_only:
            return
        self._finish_editing()  # an open editor would later write its older text over this
        profile_field, target = link
        engagement = self._document.map.engagements.get(engagements[0].id)
        if engagement is None:
            return
        person = self._document.map.stakeholders[engagement.stakeholder_id]
        text = inserted(getattr(engagement, target), getattr(person, profile_field))
        if text == getattr(engagement, target):
            return  # already there: no empty undo entry
        title = next(r.title for r in REFERENCES if r.profile_field == profile_field)
        self._document.try_edit(
            lambda m: m.update_engagement(engagement.id, **{target: text}),
            label=f"Insert {title.lower()} of {person.name}",
        )

    # ------------------------------------------------------------- follow
    def _rows_selected(self) -> None:
        self._update_actions()
        self._show_reference()
        people = sorted({e.stakeholder_id for e in self._selected_engagements()})
        if people and not self._syncing:
            self._syncing = True
            try:
                self._selection.set(people)
            finally:
                self._syncing = False

    def _selection_changed(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self._apply_person_filter()
            chosen = set(self._selection.stakeholder_ids)
            if any(e.stakeholder_id not in chosen for e in self._selected_engagements()):
                self.table.clearSelection()  # the rows no longer match whom the user is looking at
        finally:
            self._syncing = False
        self._show_reference()
        self._update_actions()

    def _apply_person_filter(self) -> None:
        people = self._selection.stakeholder_ids
        self.proxy.set_people(people if self.only_selected.isChecked() and people else None)
        self._update_counts()

    def _filter_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_counts()

    def _show_changed(self) -> None:
        self.proxy.set_show(self.show_combo.currentData())
        self._update_counts()

    def _document_changed(self, change: Change) -> None:
        self._update_counts()
        self._update_actions()
        if change.touches(Engagement, Stakeholder):
            self._show_reference()

    def _show_reference(self) -> None:
        engagements = self._selected_engagements()
        engagement = engagements[0] if len(engagements) == 1 else None
        person_id = engagement.stakeholder_id if engagement else self._selection.current_stakeholder
        if engagements and engagement is None:
            person_id = None  # several rows: no single person to show
        person = self._document.map.stakeholders.get(person_id or "")
        if person is None:
            self.reference.clear()
            return
        scroll = self.reference.verticalScrollBar().value()
        self.reference.setHtml(
            suggestions_html(self._document.map, person, engagement, editable=not self._document.read_only)
        )
        self.reference.verticalScrollBar().setValue(scroll)

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        if total == 0:
            self.counts.setText("No engagements yet: select a person, then Add Engagement.")
            self.counts.setToolTip(self.counts.text())
            return
        overdue, soon = self.model.counts()
        shown = self.proxy.rowCount()
        parts = [f"{total} engagements" if shown == total else f"{shown} of {total} engagements shown"]
        if overdue:
            parts.append(f"⚠ {overdue} overdue")
        if soon:
            parts.append(f"{soon} due this week")
        self.counts.setText(" · ".join(parts))
        self.counts.setToolTip(self.counts.text())

    def _access_changed(self) -> None:
        self._update_actions()
        self.people_menu.setEnabled(not self._document.read_only)
        self._show_reference()  # its "insert" links are offered only on a writable map

    def _update_actions(self) -> None:
        writable = not self._document.read_only
        self.add_action.setEnabled(writable and bool(self._document.map.stakeholders))
        self.delete_action.setEnabled(writable and bool(self.selected_ids()))


class PlanTable(QTableView):
    """The plan's table: Tab past the last column (or Shift+Tab before the first) leaves the table,
    instead of wrapping to the next row where typing would land in the wrong engagement."""

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = self.currentIndex()
        model = self.model()
        last = model.columnCount() - 1 if model is not None else 0
        leaving_forward = action == QAbstractItemView.CursorAction.MoveNext and current.column() == last
        leaving_back = action == QAbstractItemView.CursorAction.MovePrevious and current.column() == 0
        if current.isValid() and (leaving_forward or leaving_back):
            QTimer.singleShot(0, lambda: QWidget.focusNextPrevChild(self, leaving_forward))
            return current
        return super().moveCursor(action, modifiers)
