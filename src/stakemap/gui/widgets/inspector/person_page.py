"""The selected person's whole profile, edited in place, with their ties, notes and plan (gui layer).

Sections follow the method: who they are, where they sit on the grid, where they
stand toward us, what drives them, what we can give first; then their ties,
notes and planned engagements. Each finished field is one undo entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import Attitude, Engagement, MapInfo, Note, Relationship, Stakeholder, Trust
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.fields import (
    CheckField,
    ChoiceField,
    ColourButton,
    ColourField,
    Combo,
    CommitOnLeaveText,
    LineField,
    Spin,
    SpinField,
    TextField,
    enum_choices,
    format_rank,
    join_list,
    parse_rank,
    split_list,
)
from stakemap.gui.widgets.inspector.form import FieldForm, heading_label, plain_label
from stakemap.gui.widgets.inspector.links import PeopleLinksLabel, relationship_parts
from stakemap.gui.widgets.inspector.notes_view import NotesView
from stakemap.gui.widgets.inspector.plan_list import PersonPlanList
from stakemap.gui.widgets.rhythm.contact_section import add_contact_section, show_contact_status
from stakemap.gui.widgets.rhythm.history_view import HistoryView

#: The method's own words, shown in empty fields as a prompt (never stored).
PLACEHOLDERS = {
    "drivers_long_term": "e.g. respect and acknowledgement, credibility, success and advancement",
    "drivers_short_term": "e.g. meet a deadline, make an annoying issue go away, reach a quota",
    "pain_points": "What is hard for them right now? What would they be glad to be rid of?",
    "offer": "Give first: a small gain or gesture we can offer before we ask for anything",
    "past_service": "How have we served them before? What went well or badly?",
}


def _line(placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    line.setClearButtonEnabled(False)
    return line


class PersonPage(FieldForm):
    engagement_added = Signal(str)
    engagement_activated = Signal(str)
    #: A name in the relationships line was clicked: show that person.
    person_activated = Signal(str)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.stakeholder_id: str | None = None
        self.heading = heading_label()
        self.subtitle = plain_label()
        self.column.addWidget(self.heading)
        self.column.addWidget(self.subtitle)

        profile = self.section("Profile")
        self.add_field(profile, "name", "Name", LineField(_line("Their name")))
        self.add_field(profile, "role", "Role", LineField(_line("Title or job")))
        self.add_field(profile, "unit", "Unit", LineField(_line("Department, team")))
        self.add_field(
            profile,
            "constituency",
            "Constituency",
            LineField(_line("The group they belong to, e.g. R&D, Finance, library users")),
        )
        self.add_field(
            profile,
            "rank",
            "Formal rank",
            LineField(_line("Blank if unknown; 1 is the top"), parse=parse_rank, format_=format_rank),
            "Official level in the hierarchy (1 is the top). Real influence is set below, and may differ.",
        )
        self.add_field(
            profile,
            "tags",
            "Tags",
            LineField(_line("Comma-separated, e.g. budget, pilot"), parse=split_list, format_=join_list),
        )
        self.add_field(profile, "colour", "Card colour", ColourField(ColourButton()))
        for name, label, tip in (
            ("in_focus", "In focus", "Focus on them now: they get a conversation card in the printed plan"),
            ("contact_permitted", "Contact permitted", "Untick if we must not approach them for now"),
            ("confidential", "Confidential", "Left out of handouts and hidden in presenter mode"),
        ):
            self.add_field(profile, name, None, CheckField(QCheckBox(label)), tip)

        position = self.section("Position on the grid")
        for name, label, tip in (
            ("influence", "Influence", "Real influence on the organisation's success, 0-100 (up on the map)"),
            ("interest", "Interest", "Interest in our work, 0-100 (right on the map)"),
        ):
            spin = Spin(0, 100)
            spin.setSuffix(" / 100")
            self.add_field(position, name, label, SpinField(spin), tip)
        self.quadrant = plain_label()
        self.strategy = plain_label()
        position.addRow("Quadrant", self.quadrant)
        position.addRow("Strategy", self.strategy)

        stance = self.section("Attitude and trust")
        attitudes = enum_choices(list(Attitude))
        self.add_field(stance, "attitude", "Attitude now", ChoiceField(Combo(), attitudes))
        self.add_field(stance, "desired_attitude", "Attitude wanted", ChoiceField(Combo(), attitudes))
        self.add_field(
            stance, "trust", "Trust", ChoiceField(Combo(), enum_choices(list(Trust))),
            "Do we enjoy their trust and respect?",
        )  # fmt: skip

        drivers = self.section("Drivers", labels_above=True)
        for name, label in (
            ("drivers_long_term", "Long term"),
            ("drivers_short_term", "Short term"),
            ("pain_points", "Where they are hurting"),
        ):
            self.add_field(drivers, name, label, TextField(CommitOnLeaveText(PLACEHOLDERS[name])))

        give = self.section("Give first", labels_above=True)
        for name, label in (("offer", "What we can offer"), ("past_service", "How we served them")):
            self.add_field(give, name, label, TextField(CommitOnLeaveText(PLACEHOLDERS[name])))

        self.contact_status = add_contact_section(self)  # rhythm (issue 17)

        ties = self.section("Relationships")
        self.links = PeopleLinksLabel()
        self.links.person_activated.connect(self.person_activated)
        ties.addRow(self.links)

        self.notes = NotesView(document)
        self.notes.count_changed.connect(self.boxed("Notes", self.notes).set_count)
        self.plan = PersonPlanList(document)
        self.plan.engagement_added.connect(self.engagement_added)
        self.plan.engagement_activated.connect(self.engagement_activated)
        self.plan.count_changed.connect(self.boxed("Plan", self.plan).set_count)
        self.history = HistoryView(document)
        self.boxed("History", self.history)
        self.column.addStretch(1)
        document.changed.connect(self._changed)

    # ------------------------------------------------------------------ api
    def show_person(self, stakeholder_id: str, *, flush: bool = True) -> None:
        """Show this person; first store what the user typed for the previous one."""
        new_subject = stakeholder_id != self.stakeholder_id
        if new_subject and flush:
            self.flush()
        self.stakeholder_id = stakeholder_id
        self.refresh(everything=new_subject)
        self.notes.set_subject(stakeholder_id=stakeholder_id)
        self.plan.show_person(stakeholder_id)
        self.history.show_person(stakeholder_id)

    def person(self) -> Stakeholder | None:
        return self._document.map.stakeholders.get(self.stakeholder_id or "")

    def subject(self) -> tuple[EntityKey, str] | None:
        person = self.person()
        return (key_of(person), f"{person.name}’s") if person is not None else None

    def mutation(self, name: str, value: Any) -> Callable[[Map], Change] | None:
        person_id = self.stakeholder_id
        if person_id is None or person_id not in self._document.map.stakeholders:
            return None
        return lambda m: m.update_stakeholder(person_id, **{name: value})

    def flush(self) -> None:
        if self.person() is not None:
            super().flush()

    def refresh(self, *, everything: bool = False) -> None:
        person = self.person()
        if person is None:
            return
        self.show_values({name: getattr(person, name) for name in self.fields}, everything=everything)
        self.set_read_only(self._document.read_only)
        self.heading.setText(person.name)
        self.subtitle.setText("  ·  ".join(p for p in (person.role, person.unit) if p.strip()))
        self.subtitle.setVisible(bool(self.subtitle.text()))
        self._show_quadrant(person)
        self._show_links()
        show_contact_status(self.contact_status, self._document.map, person)

    def show_access(self) -> None:
        super().show_access()
        self.notes.show_access()
        self.plan.refresh()  # "Plan Engagement…" and the entries' editing follow

    # ------------------------------------------------------------- internal
    def _show_quadrant(self, person: Stakeholder) -> None:
        quadrant = quadrant_of(person.influence, person.interest)
        self.quadrant.setText(quadrant.label(self._document.map.info.quadrant_labels))
        self.strategy.setText(quadrant.strategy)

    def _show_links(self) -> None:
        if self.stakeholder_id is None:
            return
        parts = relationship_parts(self._document.map, self.stakeholder_id)
        self.links.set_parts(parts, "No relationships yet. Drag from their card to another to link them.")

    def _changed(self, change: Change) -> None:
        person = self.person()
        if person is None:
            return  # deleted: the panel moves on to the map page
        if self.stakeholder_id in change.ids(Stakeholder):
            self.refresh()
        else:
            self._show_quadrant(person)  # the quadrant labels may have been renamed
            if change.touches(Stakeholder, Relationship):
                self._show_links()  # another person's name, or a tie
        if change.touches(Engagement):
            self.plan.refresh()
        if change.touches(Engagement, Note, MapInfo):
            show_contact_status(self.contact_status, self._document.map, person)
