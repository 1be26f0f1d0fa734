"""Marking an engagement Done asks for the outcome and offers the next one (gui layer).

Watches the document: when an edit (not an undo or redo of one) turns an open engagement Done, a
non-modal dialog asks what came of it and offers the next engagement
with that person, pre-filled with the same method and a due date one cadence later. Its answer is
one more undoable edit: the outcome on the engagement, a dated interaction note, the next plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from stakemap.core.cadence import next_due
from stakemap.core.changes import Change
from stakemap.core.entities import Engagement, EngagementStatus, Note, NoteKind
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.qdates import to_date, to_qdate


def just_done(change: Change) -> list[str]:
    """Ids of engagements this change turned from open to Done."""
    before = {e.id: e for e in change.before if isinstance(e, Engagement)}
    return [
        e.id for e in change.after
        if isinstance(e, Engagement) and e.status is EngagementStatus.DONE
        and e.id in before and before[e.id].status.is_open
    ]  # fmt: skip


def record_done(
    engagement_id: str, outcome: str, next_engagement: Engagement | None, when: datetime
) -> Callable[[Map], Change]:
    """One edit: the outcome on the engagement, a dated interaction note, the next engagement."""

    def steps(m: Map) -> Change:
        done = m.engagements[engagement_id]
        parts = [lambda mm: mm.update_engagement(engagement_id, outcome=outcome)] if outcome else []
        text = f"{done.method or 'Engagement'} done" + (f": {outcome}" if outcome else "")
        parts.append(
            lambda mm: mm.add_note(Note(text, NoteKind.CONVERSATION, done.stakeholder_id, created_at=when))
        )
        if next_engagement is not None:
            parts.append(lambda mm: mm.add_engagement(next_engagement))
        return m.combined("Record outcome", *parts)

    return steps


class DoneDialog(QDialog):
    def __init__(self, document: MapDocument, engagement: Engagement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.engagement = engagement
        person = document.map.stakeholders[engagement.stakeholder_id]
        self.setWindowTitle(f"Done: {engagement.method} with {person.name}")
        form = QFormLayout(self)
        form.addRow(QLabel("What came of it? It is kept as a dated note of the interaction."))
        self.outcome = QPlainTextEdit(engagement.outcome)
        self.outcome.setPlaceholderText("What did they say they need? What did you agree?")
        form.addRow("Outcome", self.outcome)
        self.plan_next = QCheckBox(f"Plan the next engagement with {person.name}")
        due = next_due(document.map, person, date.today())
        self.plan_next.setChecked(True)
        form.addRow(self.plan_next)
        self.method = QLineEdit(engagement.method)
        form.addRow("Method", self.method)
        self.due = QDateEdit(to_qdate(due) if due else QDate.currentDate().addDays(14))
        self.due.setCalendarPopup(True)
        form.addRow("Due", self.due)
        self.due_note = QLabel(
            "One contact cadence from today." if due else "No contact rhythm set: two weeks."
        )
        form.addRow("", self.due_note)
        self.plan_next.toggled.connect(self.method.setEnabled)
        self.plan_next.toggled.connect(self.due.setEnabled)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.accepted.connect(self.save)

    def next_engagement(self) -> Engagement | None:
        if not self.plan_next.isChecked():
            return None
        e = self.engagement
        return Engagement(e.stakeholder_id, reason=e.reason, method=self.method.text().strip() or e.method,
                          offer=e.offer, owner=e.owner, due=to_date(self.due.date()))  # fmt: skip

    def save(self) -> None:
        if self.engagement.id not in self._document.map.engagements:
            return  # deleted meanwhile
        steps = record_done(self.engagement.id, self.outcome.toPlainText().strip(), self.next_engagement(),
                               datetime.now(UTC))  # fmt: skip
        self._document.try_edit(steps, "Record outcome")


class DoneFollowUp(QObject):
    """Opens a DoneDialog for each engagement an edit marks Done (once per engagement per session)."""

    def __init__(self, document: MapDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self._asked: set[str] = set()
        self.dialog: DoneDialog | None = None
        document.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        fresh = [eid for eid in just_done(change) if eid not in self._asked]
        if len(fresh) != 1 or len(change.ids(Engagement)) != 1:
            return  # a bulk edit or an import: not one conversation that just happened
        self._asked.update(fresh)
        # Not inside the running undo command: open once the edit has finished.
        QTimer.singleShot(0, lambda: self._ask(fresh[0]))

    def _ask(self, engagement_id: str) -> None:
        engagement = self._document.map.engagements.get(engagement_id)
        if engagement is None or engagement.status is not EngagementStatus.DONE:
            return  # undone before we got here
        self.dialog = DoneDialog(self._document, engagement, self._parent)
        # Non-modal: the window stays usable (the answer can wait), and nothing else is blocked.
        self.dialog.setModal(False)
        self.dialog.show()
