"""The Activity dock of a server map: who changed what, newest first, filterable by person (gui layer).

"Priya · moved Dana · 14:03", read from the server's change log (``storage.activity``), filtered by
person and by subject (any words of the line: "Dana", "note"). Entries made since this user last
opened the map (remembered per map address, in QSettings) are marked "new". Reread shortly after
every change (others' or one's own).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.entities import Engagement, Note, Relationship, Stakeholder
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.logins import person_name
from stakemap.storage.activity import WHAT, ActivityEntry, may_restore, read_activity, restorable
from stakemap.storage.errors import MapFileError

EVERYONE = "Everyone"
ROW_KINDS: dict[str, type] = {"note": Note, "engagement": Engagement, "relationship": Relationship}
#: Changes come in bursts (a drag, a pull): one reread after the burst.
REREAD_MS = 400


class ActivityPanel(QWidget):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.person = QComboBox(self)
        self.person.setAccessibleName("Show the changes of")
        self.person.addItem(EVERYONE)
        self.person.currentTextChanged.connect(lambda _text: self._show())
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText("Subject: a name, “note”, “tie”…")
        self.subject.setAccessibleName("Show the changes about")
        self.subject.setClearButtonEnabled(True)
        self.subject.textChanged.connect(lambda _text: self._show())
        self.list = QListWidget(self)
        self.list.setAccessibleName("Changes to this map")
        self.restore = QPushButton("Restore", self)
        self.restore.setToolTip(
            "Put the deleted person back, with the ties, notes and plan deleted with them"
        )
        self.restore.setEnabled(False)
        self.restore.clicked.connect(self.restore_selected)
        self.list.currentItemChanged.connect(lambda *_: self._update_restore())
        self._owner = may_restore(document.opened.repository)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.person)
        layout.addWidget(self.subject)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.restore)
        self.restore.setVisible(self._owner)  # owners restore deleted people
        layout.addWidget(self.note)
        self.entries: list[ActivityEntry] = []
        self.shut_down = False
        self._key = _settings_key(document)
        # "New": since this user last had the map open (else since this opening); then remember now.
        settings = QSettings()
        remembered = settings.value(self._key) if self._key else None
        self._opened_at = (
            int(str(remembered)) if str(remembered or "").isdigit() else document.opened_revision
        )
        if self._key:
            settings.setValue(self._key, document.opened_revision)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reread)
        document.changed.connect(self._changed)
        document.offline_changed.connect(self._offline_changed)
        self.reread()

    def shutdown(self) -> None:
        """The map is closing: no reread may reach for its connection afterwards."""
        self.shut_down = True
        self._timer.stop()
        self.document.changed.disconnect(self._changed)
        self.document.offline_changed.disconnect(self._offline_changed)
        if self._key:
            QSettings().setValue(self._key, self.document.opened.repository.revision)

    def _changed(self, _change: object) -> None:
        self._timer.start(REREAD_MS)

    def reread(self) -> None:
        if self.shut_down:
            return
        try:
            self.entries = read_activity(self.document.opened.repository)
        except MapFileError as exc:
            self.note.setText(str(exc))
            return
        self.note.setText("")
        people = sorted({person_name(e.who) for e in self.entries})
        chosen = self.person.currentText()
        blocked = self.person.blockSignals(True)
        self.person.clear()
        self.person.addItems([EVERYONE, *people])
        self.person.setCurrentText(chosen if chosen in people else EVERYONE)
        self.person.blockSignals(blocked)
        self._show()

    def selected(self) -> ActivityEntry | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((e for e in self.entries if e.id == wanted), None)

    def _offline_changed(self, _since: object) -> None:
        self._update_restore()  # no restoring while the server is out of reach

    def _update_restore(self) -> None:
        entry = self.selected()
        self.restore.setEnabled(
            self._owner
            and not self.document.read_only
            and entry is not None
            and entry.action == "delete"
            and entry.table == "stakeholder"
            and entry.row_id not in self.document.map.stakeholders
        )

    def restore_selected(self) -> None:
        """Put the selected deleted person back (an ordinary, undoable edit); tells why not in the note."""
        entry = self.selected()
        if entry is None:
            return
        try:
            rows = restorable(self.document.opened.repository, entry)
        except MapFileError as exc:
            self.note.setText(str(exc))
            return
        m = self.document.map
        people = {e.id for e in rows if isinstance(e, Stakeholder)} | set(m.stakeholders)
        # What cannot come back with them: ties to people since gone, rows already back on the map.
        wanted = [
            e
            for e in rows
            if m.entity(type(e), e.id) is None
            and (not isinstance(e, Relationship) or {e.source_id, e.target_id} <= people)
        ]
        if not any(isinstance(e, Stakeholder) for e in wanted):
            self.note.setText("That person cannot be restored: the log does not hold all of their details.")
            return
        name = next(e.name for e in wanted if isinstance(e, Stakeholder))
        try:
            self.document.edit(lambda mm: mm.add_entities(wanted, f"Restore {name}"), f"Restore {name}")
        except EditRejected as exc:
            self.note.setText(str(exc))
            return
        self.note.setText(f"{name} is back on the map (Undo takes them away again).")

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _show(self) -> None:
        chosen = self.person.currentText()
        words = self.subject.text().casefold().split()
        self.list.clear()
        for entry in self.entries:
            who = person_name(entry.who)
            if chosen not in (EVERYONE, who):
                continue
            subject = self._subject(entry)
            if not all(word in subject.casefold() for word in words):
                continue
            new = " · new" if entry.id > self._opened_at else ""
            item = QListWidgetItem(f"{who} · {entry.verb} {subject} · {entry.when.astimezone():%H:%M}{new}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if not self.list.count():
            self.note.setText(self.note.text() or "No changes recorded yet.")

    def _subject(self, entry: ActivityEntry) -> str:
        """The thing changed as the user knows it: a person's name, or "a note on Dana"."""
        m = self.document.map
        if entry.table == "stakeholder":
            person = m.stakeholders.get(entry.row_id)
            return person.name if person is not None else (entry.name or "someone")
        what = WHAT.get(entry.table, "part of the map")
        kind = ROW_KINDS.get(entry.table)
        row = m.entity(kind, entry.row_id) if kind is not None else None
        about = None
        if isinstance(row, (Note, Engagement)) and row.stakeholder_id in m.stakeholders:
            about = m.stakeholders[row.stakeholder_id].name
        elif isinstance(row, Relationship) and {row.source_id, row.target_id} <= m.stakeholders.keys():
            about = f"{m.stakeholders[row.source_id].name} – {m.stakeholders[row.target_id].name}"
        return f"{what} on {about}" if about else what


def _settings_key(document: MapDocument) -> str | None:
    address = document.opened.address
    if address is None:
        return None
    # The address as shown (never a password): one entry per map and user.
    return f"activity/last_seen/{address.display().replace('/', '|')}"
