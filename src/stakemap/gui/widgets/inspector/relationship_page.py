"""The selected relationship: who and which way, what kind, how strong, how sure; and its notes (gui layer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import Confidence, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.fields import (
    ChoiceField,
    Combo,
    CommitOnLeaveText,
    Spin,
    SpinField,
    TextField,
    enum_choices,
)
from stakemap.gui.widgets.inspector.form import FieldForm, heading_label
from stakemap.gui.widgets.inspector.links import Part, PeopleLinksLabel, tie_phrase
from stakemap.gui.widgets.inspector.notes_view import NotesView

DIRECTIONS = [("One way (arrow)", True), ("Both ways", False)]
CONFIDENCES = [
    ("Observed: we have seen it", Confidence.OBSERVED),
    ("Assumed: we think so", Confidence.ASSUMED),
]


class RelationshipPage(FieldForm):
    #: A name was clicked: show that person.
    person_activated = Signal(str)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.relationship_id: str | None = None
        self.heading = heading_label()
        self.heading.setText("Relationship")
        self.column.addWidget(self.heading)

        form = self.section("Who")
        ends = QHBoxLayout()
        self.ends = PeopleLinksLabel()
        self.ends.person_activated.connect(self.person_activated)
        ends.addWidget(self.ends, 1)
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄ Swap Direction")
        self.swap_button.setToolTip("Turn the arrow around: the other person becomes the source")
        self.swap_button.clicked.connect(self.swap)
        ends.addWidget(self.swap_button)
        form.addRow(ends)

        tie = self.section("The tie")
        self.add_field(tie, "kind", "Kind", ChoiceField(Combo(), enum_choices(list(RelationshipKind))))
        self.add_field(tie, "directed", "Direction", ChoiceField(Combo(), DIRECTIONS))
        strength = Spin(1, 5)
        strength.setSuffix(" / 5")
        self.add_field(tie, "strength", "Strength", SpinField(strength), "1 weak … 5 strong")
        self.add_field(
            tie,
            "confidence",
            "Confidence",
            ChoiceField(Combo(), CONFIDENCES),
            "Assumed ties count for less in the analysis",
        )
        self.add_field(
            tie, "note", "Note", TextField(CommitOnLeaveText("What this tie is about, in a line or two"))
        )

        self.notes = NotesView(document)
        self.notes.count_changed.connect(self.boxed("Notes on this relationship", self.notes).set_count)
        self.column.addStretch(1)
        document.changed.connect(self._changed)

    # ------------------------------------------------------------------ api
    def show_relationship(self, relationship_id: str, *, flush: bool = True) -> None:
        new_subject = relationship_id != self.relationship_id
        if new_subject and flush:
            self.flush()
        self.relationship_id = relationship_id
        self.refresh(everything=new_subject)
        self.notes.set_subject(relationship_id=relationship_id)

    def relationship(self) -> Relationship | None:
        return self._document.map.relationships.get(self.relationship_id or "")

    def subject(self) -> tuple[EntityKey, str] | None:
        tie = self.relationship()
        return (key_of(tie), "the relationship’s") if tie is not None else None

    def mutation(self, name: str, value: Any) -> Callable[[Map], Change] | None:
        tie_id = self.relationship_id
        if tie_id is None or tie_id not in self._document.map.relationships:
            return None
        return lambda m: m.update_relationship(tie_id, **{name: value})

    def flush(self) -> None:
        if self.relationship() is not None:
            super().flush()

    def swap(self) -> None:
        tie = self.relationship()
        if tie is None or not tie.directed or self._document.read_only:
            return
        self.apply(
            lambda m: m.update_relationship(tie.id, source_id=tie.target_id, target_id=tie.source_id),
            label="Swap relationship direction",
        )

    def refresh(self, *, everything: bool = False) -> None:
        tie = self.relationship()
        if tie is None:
            return
        m = self._document.map
        source, target = m.stakeholders.get(tie.source_id), m.stakeholders.get(tie.target_id)
        if source is None or target is None:
            return
        self.show_values({name: getattr(tie, name) for name in self.fields}, everything=everything)
        self.set_read_only(self._document.read_only)
        arrow = " → " if tie.directed else " ↔ "
        parts: list[Part] = [(source.name, source.id), arrow, (target.name, target.id), "\n"]
        parts += [(source.name, source.id), f" {tie_phrase(tie, source.id)} ", (target.name, target.id)]
        self.ends.set_parts(parts)
        self.swap_button.setEnabled(tie.directed and not self._document.read_only)

    def show_access(self) -> None:
        super().show_access()
        tie = self.relationship()
        self.swap_button.setEnabled(tie is not None and tie.directed and not self._document.read_only)

    def _changed(self, change: Change) -> None:
        if self.relationship() is not None and change.touches(Relationship, Stakeholder):
            self.refresh()
