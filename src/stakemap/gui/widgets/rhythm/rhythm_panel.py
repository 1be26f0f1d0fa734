"""The Follow-ups dock: who is overdue for contact, who moved most, who is furthest from where we
want them (gui layer). Double-clicking a row shows that person in the inspector."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.cadence import cadence_label, follow_ups
from stakemap.core.changes import Change
from stakemap.core.movers import attitude_gaps, current_entries, movers, snapshots_by_time
from stakemap.gui.document import MapDocument
from stakemap.gui.qdates import to_date
from stakemap.gui.selection import Selection

SINCE_DATE = "since"
NOW = "now"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for r, (person_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class RhythmPanel(QTabWidget):
    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.today = date.today()
        self._stale = False
        self.follow_ups = _table(["Person", "Keep in touch", "Last contact", "Status"])
        self.addTab(self.follow_ups, "Follow-ups")

        movers_page = QWidget()
        column = QVBoxLayout(movers_page)
        row = QHBoxLayout()
        self.from_combo = QComboBox()
        self.to_combo = QComboBox()
        self.since = QDateEdit(QDate.currentDate().addMonths(-3))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd MMM yyyy")
        for combo in (self.from_combo, self.to_combo):
            # Snapshot names are long: sized to them, the combos made the whole left dock column 490 px
            # wide and squeezed the canvas. They shrink now and show the full name in the list.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        for widget in (QLabel("From"), self.from_combo, self.since, QLabel("to"), self.to_combo):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        self.movers_note = QLabel()
        column.addWidget(self.movers_note)
        self.movers = _table(["Person", "Score", "Change"])
        column.addWidget(self.movers)
        self.addTab(movers_page, "Movers")

        self.gaps = _table(["Person", "Now", "Wanted", "Gap", "Planned engagement"])
        self.addTab(self.gaps, "Attitude gap")

        for table in (self.follow_ups, self.movers, self.gaps):
            table.itemDoubleClicked.connect(self._show_person)
        self.from_combo.currentIndexChanged.connect(self._refresh_movers)
        self.to_combo.currentIndexChanged.connect(self._refresh_movers)
        self.since.dateChanged.connect(self._refresh_movers)
        document.changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        self._refresh_follow_ups()
        self._fill_snapshot_combos()
        self._refresh_movers()
        self._refresh_gaps()

    def _refresh_follow_ups(self) -> None:
        ups = follow_ups(self._document.map, self.today)
        _fill(self.follow_ups, [
            (f.stakeholder_id, [f.name, cadence_label(f.cadence_days),
                                f"{f.last_contact:%d %b %Y}" if f.last_contact else "—",
                                f.describe() + ("  ❄ going cold" if f.going_cold else "")])
            for f in ups
        ])  # fmt: skip
        cold = sum(f.going_cold for f in ups)
        self.setTabText(0, f"Follow-ups ({cold} going cold)" if cold else "Follow-ups")

    def _fill_snapshot_combos(self) -> None:
        snaps = snapshots_by_time(self._document.map)
        for combo, extra in ((self.from_combo, (SINCE_DATE, "a date…")), (self.to_combo, (NOW, "now"))):
            current = combo.currentData()
            blocked = combo.blockSignals(True)
            combo.clear()
            for snap in snaps:
                combo.addItem(f"{snap.name} ({snap.taken_at:%d %b %Y})", snap.id)
            combo.addItem(extra[1], extra[0])
            index = combo.findData(current)
            if index < 0:
                index = 0 if combo is self.from_combo and snaps else combo.count() - 1
            combo.setCurrentIndex(index)
            combo.blockSignals(blocked)

    def _refresh_movers(self) -> None:
        the_map = self._document.map
        start = self.from_combo.currentData()
        self.since.setVisible(start == SINCE_DATE)
        if start == SINCE_DATE:
            day = to_date(self.since.date())
            eligible = [s for s in snapshots_by_time(the_map) if s.taken_at.date() <= day]
            before_snap = eligible[-1] if eligible else None
        else:
            before_snap = the_map.snapshots.get(start)
        end = self.to_combo.currentData()
        after = (
            current_entries(the_map)
            if end == NOW or end not in the_map.snapshots
            else the_map.snapshots[end].entries
        )
        if before_snap is None:
            self.movers_note.setText("No snapshot taken by then: take snapshots to compare over time.")
            _fill(self.movers, [])
            return
        ranked = movers(before_snap.entries, after)
        self.movers_note.setText(f"Compared with “{before_snap.name}”: {len(ranked)} changed.")
        _fill(self.movers, [(m.stakeholder_id, [m.name, f"{m.score:.0f}", m.describe()]) for m in ranked])

    def _refresh_gaps(self) -> None:
        _fill(self.gaps, [
            (g.stakeholder_id, [g.name, g.attitude.label, g.desired.label, str(g.gap), g.plan_text()])
            for g in attitude_gaps(self._document.map)
        ])  # fmt: skip

    def _show_person(self, item: QTableWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id in self._document.map.stakeholders:
            self._selection.set([person_id])

    def _changed(self, _change: Change) -> None:
        # Three tables of everyone on a big map cost more than an edit: hidden, only remember to.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
