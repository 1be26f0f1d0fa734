"""One person's entries in the communications plan, and a button to plan the next one (gui layer).

The plan dock is where engagements are edited; here they are listed so the
profile shows what is planned, and double-clicking one hands it to that dock.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.entities import Engagement
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.widgets.inspector.entry_list import EntryList
from stakemap.gui.widgets.inspector.notes_view import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
#: A new engagement is due this many days ahead: soon enough to act on, late enough to prepare.
DAYS_AHEAD = 7
LIST_MAX_HEIGHT = 220


def engagement_line(engagement: Engagement, today: date) -> str:
    due = f"{engagement.due:%d %b %Y}" if engagement.due else "No date"
    if engagement.is_overdue(today):
        due += " (overdue)"
    reason = engagement.reason.strip().splitlines()[0] if engagement.reason.strip() else "No reason yet"
    return f"{due}  ·  {engagement.method or 'No method'}  ·  {engagement.status.label}\n{reason}"


def engagement_tooltip(engagement: Engagement) -> str:
    parts = [
        f"{label}: {value.strip()}"
        for label, value in (
            ("Reason", engagement.reason),
            ("Spiel", engagement.spiel),
            ("Offer", engagement.offer),
            ("Owner", engagement.owner),
            ("Outcome", engagement.outcome),
        )
        if value.strip()
    ]
    parts.append("Double-click to open it in the plan.")
    return plain_tooltip("\n".join(parts))


class PersonPlanList(QWidget):
    engagement_added = Signal(str)
    engagement_activated = Signal(str)
    #: How many entries are listed (for the section title).
    count_changed = Signal(int)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.stakeholder_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = EntryList(LIST_MAX_HEIGHT, self)
        self.list.itemDoubleClicked.connect(self._activated)
        self.list.entry_opened.connect(self._activated)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.plan_button = QPushButton("Plan Engagement…", self)
        self.plan_button.setToolTip(f"Add an entry to the plan, due in {DAYS_AHEAD} days, and open it there")
        self.plan_button.clicked.connect(self.plan_engagement)
        row.addWidget(self.plan_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_person(self, stakeholder_id: str | None) -> None:
        self.stakeholder_id = stakeholder_id
        self.refresh()

    def engagement_ids(self) -> list[str]:
        return [i for row in range(self.list.count()) if (i := self.list.item(row).data(ID_ROLE))]

    def refresh(self) -> None:
        current = self.list.currentItem()
        current_id = current.data(ID_ROLE) if current is not None else None
        self.list.clear()
        entries = self._document.map.engagements_of(self.stakeholder_id) if self.stakeholder_id else []
        today = date.today()
        for engagement in entries:
            item = QListWidgetItem(engagement_line(engagement, today))
            item.setData(ID_ROLE, engagement.id)
            item.setToolTip(engagement_tooltip(engagement))
            self.list.addItem(item)
            if engagement.id == current_id:
                self.list.setCurrentItem(item)
        if not entries:
            empty = QListWidgetItem("Nothing planned yet.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.list.fit()
        self.count_changed.emit(len(entries))
        self.plan_button.setEnabled(not self._document.read_only and self.stakeholder_id is not None)

    def plan_engagement(self) -> str | None:
        """Add an engagement with this person, due a week ahead; return its id (None if refused)."""
        person_id = self.stakeholder_id
        if person_id is None or self._document.read_only:
            return None
        due = date.today() + timedelta(days=DAYS_AHEAD)
        engagement = Engagement(stakeholder_id=person_id, due=due, owner=self._document.own_name or "")
        try:
            self._document.edit(lambda m: m.add_engagement(engagement))
        except EditRejected as exc:
            self._document.write_failed.emit(str(exc))
            return None
        self.engagement_added.emit(engagement.id)
        return engagement.id

    def _activated(self, item: QListWidgetItem) -> None:
        engagement_id = item.data(ID_ROLE)
        if engagement_id:
            self.engagement_activated.emit(engagement_id)
