"""Timestamped notes on a person, a relationship or the map: newest first; add, edit, delete (gui layer).

One widget serves all three subjects (``set_subject``). Each add, edit and delete
is one undo entry. Note text is user text: the list shows it literally and
tooltips get it escaped, so "<b>" or "&" never turn into markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Note, NoteKind
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.widgets.inspector.entry_list import EntryList
from stakemap.gui.widgets.inspector.fields import Combo
from stakemap.gui.widgets.inspector.form import FieldMessage

ID_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_LINES = 3
PREVIEW_CHARS = 280
TOOLTIP_CHARS = 3000
LIST_MAX_HEIGHT = 320
CONFIDENTIAL_MARK = "Confidential"
#: Notes shown at first, and added by each "Show older notes": the list never measures and draws more
#: than it shows, so a person with 100,000 notes opens as fast as one with ten.
PAGE = 200
MORE_ROLE = Qt.ItemDataRole.UserRole + 1


def note_heading(note: Note) -> str:
    when = note.created_at.astimezone()  # stored in UTC, shown in the user's time
    mark = f"  ·  {CONFIDENTIAL_MARK}" if note.confidential else ""
    return f"{when:%d %b %Y, %H:%M}  ·  {note.kind.label}{mark}"


def note_preview(text: str) -> str:
    lines = text.strip().splitlines()
    preview = "\n".join(lines[:PREVIEW_LINES])
    if len(preview) > PREVIEW_CHARS:
        preview = preview[:PREVIEW_CHARS].rstrip()
    cut = preview != "\n".join(lines)
    return preview + (" …" if cut else "")


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally (tooltips would otherwise guess it is markup)."""
    if len(text) > TOOLTIP_CHARS:
        text = text[:TOOLTIP_CHARS] + " …"
    # Rich text on purpose, so it is never guessed: escaped, line breaks and spaces kept.
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


@dataclass(frozen=True)
class _Draft:
    text: str
    kind: NoteKind
    confidential: bool
    editing_id: str | None
    when: datetime | None


class NoteEditor(QPlainTextEdit):
    """The note being written: Ctrl+Enter saves it, Escape gives up."""

    submitted = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
        elif event.key() == Qt.Key.Key_Escape and (self.toPlainText() or self.isReadOnly()):
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)


class NotesView(QWidget):
    """The notes on one subject; ``set_subject()`` with no argument means the map itself."""

    #: The number of notes shown changed (for section titles).
    count_changed = Signal(int)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._stakeholder_id: str | None = None
        self._relationship_id: str | None = None
        self.editing_id: str | None = None
        self._drafts: dict[tuple[str | None, str | None], _Draft] = {}
        self._shown = PAGE

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = EntryList(LIST_MAX_HEIGHT, self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip("Select a note, then Edit Note (or double-click it); Delete removes it")
        self.list.itemDoubleClicked.connect(self.start_edit)
        self.list.itemClicked.connect(self._maybe_show_more)
        self.list.itemSelectionChanged.connect(self._update_enabled)
        layout.addWidget(self.list)

        self.form_caption = QLabel("New note")
        layout.addWidget(self.form_caption)
        row = QHBoxLayout()
        self.kind = Combo(self)
        for kind in NoteKind:
            self.kind.addItem(kind.label, kind)
        kind_label = QLabel("Kind")
        kind_label.setBuddy(self.kind)
        self.confidential = QCheckBox("Confidential", self)
        self.confidential.setToolTip("Left out of handouts and hidden in presenter mode")
        row.addWidget(kind_label)
        row.addWidget(self.kind)
        row.addWidget(self.confidential)
        row.addStretch(1)
        layout.addLayout(row)
        # When on a row of its own: on one row with Kind the inspector could not be narrower than 450 px.
        row = QHBoxLayout()
        when_label = QLabel("When")
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd MMM yyyy, HH:mm")
        self.when.setToolTip("When it happened: change it to record a meeting after the fact")
        when_label.setBuddy(self.when)
        row.addWidget(when_label)
        row.addWidget(self.when)
        row.addStretch(1)
        layout.addLayout(row)
        self.text = NoteEditor(self)
        self.text.setPlaceholderText("What was said, what they need, what to follow up… (Ctrl+Enter saves)")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self._update_enabled)
        layout.addWidget(self.text)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.save_button = QPushButton("Add Note", self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.reset_form)
        self.edit_button = QPushButton("Edit Note", self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete Note", self)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        selected = QHBoxLayout()  # what acts on the selected note, under the form's own buttons
        selected.addStretch(1)
        selected.addWidget(self.edit_button)
        selected.addWidget(self.delete_button)
        layout.addLayout(selected)
        self.text.submitted.connect(self.save)
        self.text.cancelled.connect(self.reset_form)
        self.list.delete_pressed.connect(self.delete_selected)
        self.list.entry_opened.connect(self.start_edit)
        document.changed.connect(self._changed)
        self.reset_form()
        self._fill()

    # ------------------------------------------------------------------ api
    def set_subject(self, *, stakeholder_id: str | None = None, relationship_id: str | None = None) -> None:
        subject = (stakeholder_id, relationship_id)
        if subject == (self._stakeholder_id, self._relationship_id):
            return
        # A half-written note waits for its subject: selecting someone else must not lose it.
        if self.text.toPlainText().strip():
            self._drafts[(self._stakeholder_id, self._relationship_id)] = _Draft(
                self.text.toPlainText(),
                self.kind.currentData(),
                self.confidential.isChecked(),
                self.editing_id,
                self._chosen_time(),
            )
        self._stakeholder_id, self._relationship_id = subject
        self._shown = PAGE
        self.reset_form()
        self._fill()
        draft = self._drafts.pop(subject, None)
        if draft is not None:
            self._restore(draft)

    def notes(self) -> list[Note]:
        return self._document.map.notes_on(
            stakeholder_id=self._stakeholder_id, relationship_id=self._relationship_id
        )

    def note_ids(self) -> list[str]:
        """The ids in the order shown (newest first)."""
        return [i for row in range(self.list.count()) if (i := self.list.item(row).data(ID_ROLE))]

    def show_more(self) -> None:
        """Show the next PAGE older notes."""
        self._shown += PAGE
        self._fill()

    def edit_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(ID_ROLE):
            self.start_edit(item)

    def save(self) -> None:
        """Add the typed note, or store the edit of the note being edited: one undo entry."""
        text = self.text.toPlainText()
        if self._document.read_only or not text.strip():
            return
        kind: NoteKind = self.kind.currentData()
        confidential = self.confidential.isChecked()
        editing = self.editing_id
        when = self._chosen_time()
        if editing is not None:
            note = self._document.map.notes.get(editing)
            when = when or (note.created_at if note is not None else None)
            if note is not None and (note.text, note.kind, note.confidential, note.created_at) == (
                text, kind, confidential, when,
            ):  # fmt: skip
                self.reset_form()  # nothing changed: no empty undo entry
                return
            done = self._edit(
                lambda m: m.update_note(
                    editing,
                    text=text,
                    kind=kind,
                    confidential=confidential,
                    created_at=when or m.notes[editing].created_at,
                )
            )
        else:
            person, tie = self._stakeholder_id, self._relationship_id
            # Built inside the edit, so a note the model refuses (too long) becomes a message.
            done = self._edit(
                lambda m: m.add_note(
                    Note(text=text, kind=kind, confidential=confidential, stakeholder_id=person, relationship_id=tie)
                    if when is None
                    else Note(text=text, kind=kind, confidential=confidential, stakeholder_id=person,
                              relationship_id=tie, created_at=when)
                )
            )  # fmt: skip
        if done:
            self.reset_form()
            self.list.setCurrentRow(0 if editing is None else self._row_of(editing))

    def start_edit(self, item: QListWidgetItem) -> None:
        if item.data(MORE_ROLE):  # Enter on "Show older notes"
            self.show_more()
            return
        note = self._document.map.notes.get(item.data(ID_ROLE) or "")
        if note is not None:
            self.start_edit_note(note)
            self.text.setFocus()

    def start_edit_note(self, note: Note) -> None:
        if self._document.read_only:
            return
        self.editing_id = note.id
        self.text.setPlainText(note.text)
        self.kind.setCurrentIndex(self.kind.findData(note.kind))
        self.confidential.setChecked(note.confidential)
        self._set_time(note.created_at)
        self.form_caption.setText(f"Editing the note of {note_heading(note)}")
        self.save_button.setText("Save Note")
        self.cancel_button.show()
        self.message.clear()

    def _restore(self, draft: _Draft) -> None:
        note = self._document.map.notes.get(draft.editing_id or "")
        if note is not None:
            self.start_edit_note(note)
        self.text.setPlainText(draft.text)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.confidential.setChecked(draft.confidential)
        if draft.when is not None:
            self._set_time(draft.when)

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        note_id = item.data(ID_ROLE) if item is not None and item.isSelected() else None
        if note_id and not self._document.read_only:
            row = self.list.row(item)
            if self._edit(lambda m: m.remove_note(note_id)):
                self.list.setCurrentRow(min(row, self.list.count() - 1))

    def reset_form(self) -> None:
        self.editing_id = None
        self.text.clear()
        self.kind.setCurrentIndex(self.kind.findData(NoteKind.CONVERSATION))
        self.confidential.setChecked(False)
        self._set_time(None)
        self.form_caption.setText("New note")
        self.save_button.setText("Add Note")
        self.cancel_button.hide()
        self.message.clear()
        self._update_enabled()

    # ------------------------------------------------------------- internal
    def _set_time(self, when: datetime | None) -> None:
        """Show ``when`` (None: now, and the note is stamped when it is saved unless the user changes it)."""
        if when is None:
            shown = QDateTime.currentDateTime()
        else:
            local = when.astimezone()
            shown = QDateTime(local.year, local.month, local.day, local.hour, local.minute, local.second)
        self.when.setDateTime(shown)
        self._time_shown = self.when.dateTime()
        self._time_of_note = when

    def _chosen_time(self) -> datetime | None:
        """The time the user set, in UTC; None when the field still shows what it was given."""
        if self.when.dateTime() == self._time_shown:
            return self._time_of_note
        local = self.when.dateTime().toPython()
        assert isinstance(local, datetime)
        return local.astimezone(UTC)  # a naive datetime is taken as local time

    def _maybe_show_more(self, item: QListWidgetItem) -> None:
        if item.data(MORE_ROLE):
            self.show_more()

    def _edit(self, mutation: Callable[[Map], Change]) -> bool:
        try:
            self._document.edit(mutation)
        except EditRejected as exc:
            if isinstance(exc.__cause__, ValueError | KeyError):
                self.message.show_message(str(exc))
            else:
                self._document.write_failed.emit(str(exc))
            return False
        self.message.clear()
        return True

    def _row_of(self, note_id: str) -> int:
        ids = self.note_ids()
        return ids.index(note_id) if note_id in ids else -1

    def _fill(self) -> None:
        current = self.list.currentItem()
        current_id = current.data(ID_ROLE) if current is not None else None
        blocked = self.list.blockSignals(True)
        self.list.clear()
        notes = self.notes()
        for note in notes[: self._shown]:
            item = QListWidgetItem(f"{note_heading(note)}\n{note_preview(note.text)}")
            item.setToolTip(plain_tooltip(note.text))
            item.setData(ID_ROLE, note.id)
            self.list.addItem(item)
            if note.id == current_id:
                self.list.setCurrentItem(item)
        if len(notes) > self._shown:
            older = len(notes) - self._shown
            more = QListWidgetItem(f"Show {min(PAGE, older):,} older notes ({older:,} not shown)")
            more.setData(MORE_ROLE, True)
            more.setToolTip("Click to show more")
            self.list.addItem(more)
        if not notes:
            empty = QListWidgetItem("No notes yet. Write one below: what was said, what they need.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.list.blockSignals(blocked)
        self.list.fit()
        self.count_changed.emit(len(notes))
        self._update_enabled()

    def show_access(self) -> None:
        """The map became read-only or writable again (a note being written keeps its text)."""
        self._update_enabled()

    def _update_enabled(self) -> None:
        writable = not self._document.read_only
        for widget in (self.kind, self.confidential, self.form_caption):
            widget.setEnabled(writable)
        self.text.setReadOnly(not writable)
        self.text.setPlaceholderText(
            "What was said, what they need, what to follow up… (Ctrl+Enter saves)"
            if writable
            else "This map is read-only."
        )
        self.save_button.setEnabled(writable and bool(self.text.toPlainText().strip()))
        item = self.list.currentItem()
        self.delete_button.setEnabled(writable and item is not None and bool(item.data(ID_ROLE)))
        self.edit_button.setEnabled(writable and item is not None and bool(item.data(ID_ROLE)))
        self.when.setEnabled(writable)

    def _changed(self, change: Change) -> None:
        if not change.touches(Note):
            return
        if self.editing_id is not None and self.editing_id not in self._document.map.notes:
            self.reset_form()  # the note being edited was deleted (or its adding undone)
        self._fill()
