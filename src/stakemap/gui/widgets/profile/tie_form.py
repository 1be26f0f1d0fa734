"""The selected relationship: who, what kind, which way, how strong, how sure; and its notes (gui layer)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Stakeholder
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.profile.binders import (
    Binder,
    ChoiceBinder,
    CommitOnLeaveText,
    EnumBinder,
    SpinBinder,
    TextBinder,
)
from stakemap.gui.widgets.profile.notes_list import NotesList


class TieForm(QWidget):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.relationship_id: str | None = None
        self.binders: dict[str, Binder] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox("Relationship")
        form = QFormLayout(box)
        ends = QHBoxLayout()
        self.ends = QLabel("")
        self.ends.setTextFormat(Qt.TextFormat.PlainText)
        self.ends.setWordWrap(True)
        ends.addWidget(self.ends, 1)
        self.swap_button = QPushButton("Swap Direction")
        self.swap_button.clicked.connect(self.swap)
        ends.addWidget(self.swap_button)
        form.addRow(ends)
        self._bind(form, "kind", "Kind", EnumBinder(QComboBox(), list(RelationshipKind)))
        direction = ChoiceBinder(QComboBox())
        direction.set_choices([("One way (arrow)", True), ("Both ways", False)])
        self._bind(form, "directed", "Direction", direction)
        strength = QSpinBox()
        strength.setRange(1, 5)
        strength.setToolTip("1 weak … 5 strong")
        self._bind(form, "strength", "Strength", SpinBinder(strength))
        confidence = QComboBox()
        self._bind(form, "confidence", "Confidence", EnumBinder(confidence, list(Confidence)))
        confidence.setToolTip("Assumed ties count half as much as observed ones in the analysis")
        note = CommitOnLeaveText()
        note.setPlaceholderText("What this tie is about")
        note.setFixedHeight(note.fontMetrics().lineSpacing() * 3 + 14)
        self._bind(form, "note", "Note", TextBinder(note))
        layout.addWidget(box)
        notes_box = QGroupBox("Notes on this relationship")
        notes_layout = QVBoxLayout(notes_box)
        self.notes = NotesList(document)
        notes_layout.addWidget(self.notes)
        layout.addWidget(notes_box)
        layout.addStretch(1)
        document.changed.connect(self._changed)

    def _bind(self, form: QFormLayout, field: str, label: str, binder: Binder) -> None:
        self.binders[field] = binder
        binder.committed.connect(lambda value: self._commit(field, value))
        form.addRow(label, binder.widget)

    def _commit(self, field: str, value: Any) -> None:
        tie_id = self.relationship_id
        if (
            tie_id is not None
            and self._document.try_edit(lambda m: m.update_relationship(tie_id, **{field: value})) is None
        ):
            self.binders[field].revert()

    def swap(self) -> None:
        tie = self._document.map.relationships.get(self.relationship_id or "")
        if tie is not None:
            self._document.try_edit(
                lambda m: m.update_relationship(tie.id, source_id=tie.target_id, target_id=tie.source_id),
                label="Swap relationship direction",
            )

    def show_relationship(self, relationship_id: str) -> None:
        self.relationship_id = relationship_id
        self.refresh()
        self.notes.set_subject(relationship_id=relationship_id)

    def refresh(self) -> None:
        m = self._document.map
        tie = m.relationships.get(self.relationship_id or "")
        if tie is None:
            return
        source, target = m.stakeholders[tie.source_id].name, m.stakeholders[tie.target_id].name
        arrow = "→" if tie.directed else "↔"
        self.ends.setText(f"{source} {arrow} {target}\n{source} {tie.kind.label} {target}")
        for field, binder in self.binders.items():
            binder.show_value(getattr(tie, field))
            binder.set_read_only(self._document.read_only)
        self.swap_button.setEnabled(not self._document.read_only and tie.directed)

    def _changed(self, change: Change) -> None:
        if self.relationship_id is not None and change.touches(Relationship, Stakeholder):
            self.refresh()
