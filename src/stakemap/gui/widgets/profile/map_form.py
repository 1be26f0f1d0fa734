"""The map itself: what it is about, the quadrant labels, who "me" is, our own methods, map notes (gui layer)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from stakemap.core.changes import Change
from stakemap.core.entities import MapInfo, QuadrantLabels, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.profile.binders import (
    Binder,
    ChoiceBinder,
    CommitOnLeaveText,
    LineBinder,
    TextBinder,
    join_list,
    split_list,
)
from stakemap.gui.widgets.profile.notes_list import NotesList

QUADRANTS = (
    ("key_players", "High influence, high interest"),
    ("keep_satisfied", "High influence, low interest"),
    ("keep_informed", "Low influence, high interest"),
    ("monitor", "Low influence, low interest"),
)


class MapForm(QWidget):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.binders: dict[str, Binder] = {}
        self.label_binders: dict[str, Binder] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)

        about = QGroupBox("This map")
        form = QFormLayout(about)
        self._bind(form, "title", "Title", LineBinder(QLineEdit()))
        self._bind(form, "organisation", "Organisation", LineBinder(QLineEdit()))
        purpose = CommitOnLeaveText()
        purpose.setPlaceholderText("The goal, in the organisation's own language")
        purpose.setFixedHeight(purpose.fontMetrics().lineSpacing() * 4 + 14)
        self._bind(form, "purpose", "Purpose", TextBinder(purpose))
        self._bind(form, "author", "Author", LineBinder(QLineEdit()))
        self.me = ChoiceBinder(QComboBox())
        self._bind(form, "me_id", "Me", self.me)
        self.me.widget.setToolTip("Paths to people start from here")
        methods = QLineEdit()
        methods.setPlaceholderText("e.g. Walk-and-talk, Team breakfast")
        self._bind(
            form,
            "engagement_methods",
            "Own methods",
            LineBinder(methods, parse=split_list, format_=join_list),
        )
        self.dates = QLabel("")
        form.addRow("Dates", self.dates)
        layout.addWidget(about)

        labels = QGroupBox("Quadrant labels")
        label_form = QFormLayout(labels)
        for field, hint in QUADRANTS:
            line = QLineEdit()
            line.setToolTip(hint)
            binder = LineBinder(line)
            self.label_binders[field] = binder
            binder.committed.connect(lambda value, f=field: self._commit_label(f, value))
            label_form.addRow(hint, line)
        layout.addWidget(labels)

        notes_box = QGroupBox("Notes on the map")
        notes_layout = QVBoxLayout(notes_box)
        self.notes = NotesList(document)
        notes_layout.addWidget(self.notes)
        layout.addWidget(notes_box)
        layout.addStretch(1)
        document.changed.connect(self._changed)
        self.refresh()
        self.notes.set_subject()

    def _bind(self, form: QFormLayout, field: str, label: str, binder: Binder) -> None:
        self.binders[field] = binder
        binder.committed.connect(lambda value: self._commit(field, value))
        form.addRow(label, binder.widget)

    def _commit(self, field: str, value: Any) -> None:
        if self._document.try_edit(lambda m: m.update_info(**{field: value})) is None:
            self.binders[field].revert()

    def _commit_label(self, field: str, value: str) -> None:
        labels = self._document.map.info.quadrant_labels
        new = {**vars(labels), field: value}
        try:
            quadrant_labels = QuadrantLabels(**new)
        except ValueError as exc:
            self._document.write_failed.emit(str(exc))
            self.label_binders[field].revert()
            return
        if self._document.try_edit(lambda m: m.update_info(quadrant_labels=quadrant_labels)) is None:
            self.label_binders[field].revert()

    def set_selection_count(self, count: int) -> None:
        self.heading.setText(
            f"{count} people selected. Select one person to see their profile." if count > 1 else ""
        )
        self.heading.setVisible(count > 1)

    def refresh(self) -> None:
        info = self._document.map.info
        people = sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold())
        self.me.set_choices([("(nobody)", None), *((p.name, p.id) for p in people)])
        read_only = self._document.read_only
        for field, binder in self.binders.items():
            binder.show_value(getattr(info, field))
            binder.set_read_only(read_only)
        for field, binder in self.label_binders.items():
            binder.show_value(getattr(info.quadrant_labels, field))
            binder.set_read_only(read_only)
        created, modified = info.created_at.astimezone(), info.modified_at.astimezone()
        self.dates.setText(f"created {created:%d %b %Y}, last changed {modified:%d %b %Y %H:%M}")

    def _changed(self, change: Change) -> None:
        if change.touches(MapInfo, Stakeholder):
            self.refresh()
