"""Timestamped notes on a person, a relationship or the map: newest first, add, edit, delete (gui layer)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Note, NoteKind
from stakemap.gui.document import MapDocument

ID_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_LINES = 4


class NotesList(QWidget):
    """Notes on one subject; ``set_subject`` picks the person, relationship, or (neither) the map."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._stakeholder_id: str | None = None
        self._relationship_id: str | None = None
        self._editing_id: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setMinimumHeight(90)
        self.list.itemDoubleClicked.connect(self._start_edit)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.list)

        form = QHBoxLayout()
        self.kind = QComboBox(self)
        for kind in NoteKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(self.kind.findData(NoteKind.CONVERSATION))
        self.confidential = QCheckBox("Confidential", self)
        self.confidential.setToolTip(
            "Left out of handouts, exports without confidential data, and presenter mode"
        )
        form.addWidget(QLabel("Kind"))
        form.addWidget(self.kind)
        form.addWidget(self.confidential)
        form.addStretch(1)
        layout.addLayout(form)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("What was said, what they need, what to follow up… (Ctrl+Enter to save)")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(80)
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Add Note")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton("Cancel Edit")
        self.cancel_button.clicked.connect(self._reset_form)
        self.delete_button = QPushButton("Delete Note")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.save_button, self.cancel_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # Widget-local: a window-wide Delete would clash with the canvas's Delete and silence both.
        for keys, widget, slot in (
            (QKeySequence("Ctrl+Return"), self.text, self.save),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete_selected),
        ):
            shortcut = QShortcut(keys, widget, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        document.changed.connect(self._changed)
        self._reset_form()

    # ------------------------------------------------------------------ api
    def set_subject(self, *, stakeholder_id: str | None = None, relationship_id: str | None = None) -> None:
        if (stakeholder_id, relationship_id) != (self._stakeholder_id, self._relationship_id):
            self._stakeholder_id, self._relationship_id = stakeholder_id, relationship_id
            self._reset_form()
        self._fill()

    def save(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            return
        kind, confidential = self.kind.currentData(), self.confidential.isChecked()
        if self._editing_id is not None:
            note_id = self._editing_id
            done = self._document.try_edit(
                lambda m: m.update_note(note_id, text=text, kind=kind, confidential=confidential)
            )
        else:
            note = Note(
                text=text,
                kind=kind,
                confidential=confidential,
                stakeholder_id=self._stakeholder_id,
                relationship_id=self._relationship_id,
            )
            done = self._document.try_edit(lambda m: m.add_note(note))
        if done is not None:
            self._reset_form()

    def delete_selected(self) -> None:
        items = self.list.selectedItems()
        if items and not self._document.read_only:
            note_id = items[0].data(ID_ROLE)
            self._document.try_edit(lambda m: m.remove_note(note_id))

    # ------------------------------------------------------------- internal
    def _notes(self) -> list[Note]:
        return self._document.map.notes_on(
            stakeholder_id=self._stakeholder_id, relationship_id=self._relationship_id
        )

    def _fill(self) -> None:
        selected = {i.data(ID_ROLE) for i in self.list.selectedItems()}
        self.list.clear()
        notes = self._notes()
        for note in notes:
            when = note.created_at.astimezone()
            mark = "  🔒 confidential" if note.confidential else ""
            lines = note.text.strip().splitlines()
            preview = "\n".join(lines[:PREVIEW_LINES]) + ("\n…" if len(lines) > PREVIEW_LINES else "")
            item = QListWidgetItem(f"{when:%d %b %Y %H:%M} · {note.kind.label}{mark}\n{preview}")
            item.setToolTip(note.text[:2000])
            item.setData(ID_ROLE, note.id)
            self.list.addItem(item)
            item.setSelected(note.id in selected)
        if not notes:
            placeholder = QListWidgetItem("No notes yet.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._update_buttons()

    def _start_edit(self, item: QListWidgetItem) -> None:
        note = self._document.map.notes.get(item.data(ID_ROLE) or "")
        if note is None or self._document.read_only:
            return
        self._editing_id = note.id
        self.text.setPlainText(note.text)
        self.kind.setCurrentIndex(self.kind.findData(note.kind))
        self.confidential.setChecked(note.confidential)
        self.save_button.setText("Save Note")
        self.cancel_button.setVisible(True)
        self.text.setFocus()

    def _reset_form(self) -> None:
        self._editing_id = None
        self.text.clear()
        self.confidential.setChecked(False)
        self.save_button.setText("Add Note")
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self._document.read_only
        for widget in (self.text, self.kind, self.confidential, self.save_button):
            widget.setEnabled(writable)
        has = any(i.data(ID_ROLE) for i in self.list.selectedItems())
        self.delete_button.setEnabled(writable and has)

    def _changed(self, change: Change) -> None:
        if change.touches(Note):
            if self._editing_id is not None and self._editing_id not in self._document.map.notes:
                self._reset_form()
            self._fill()
