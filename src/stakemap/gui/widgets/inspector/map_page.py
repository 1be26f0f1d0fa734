"""The map itself: what it is for, who made it, the quadrant names, who "me" is, our own methods (gui layer).

Shown when nothing (or more than one thing) is selected; with a multiple
selection it says how many, above the map's details.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import ENGAGEMENT_METHODS, MapInfo, Stakeholder
from stakemap.core.grid import Quadrant
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.fields import (
    ChoiceField,
    Combo,
    CommitOnLeaveText,
    LineField,
    TextField,
    join_list,
    split_list,
)
from stakemap.gui.widgets.inspector.form import FieldForm, heading_label, plain_label
from stakemap.gui.widgets.inspector.notes_view import NotesView
from stakemap.gui.widgets.rhythm.map_rhythm import (
    add_rhythm_section,
    is_rhythm_field,
    rhythm_mutation,
    rhythm_values,
)

LABEL_PREFIX = "label:"
QUADRANT_HINTS = {
    Quadrant.KEY_PLAYERS: "High influence, high interest",
    Quadrant.KEEP_SATISFIED: "High influence, low interest",
    Quadrant.KEEP_INFORMED: "Low influence, high interest",
    Quadrant.MONITOR: "Low influence, low interest",
}


def _line(placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    return line


def selection_summary(people: int, ties: int) -> str:
    """ "3 people selected", "2 people and 1 relationship selected"; "" for none or one thing."""
    if people + ties <= 1:
        return ""
    parts = []
    if people:
        parts.append(f"{people} {'person' if people == 1 else 'people'}")
    if ties:
        parts.append(f"{ties} {'relationship' if ties == 1 else 'relationships'}")
    return " and ".join(parts) + " selected"


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"today at {local:%H:%M}"
    return f"{local:%d %b %Y, %H:%M}"


class MapPage(FieldForm):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.selection_heading = heading_label()
        self.selection_hint = plain_label("Select one person or relationship to see their details.")
        self.column.addWidget(self.selection_heading)
        self.column.addWidget(self.selection_hint)

        about = self.section("This map")
        self.add_field(about, "title", "Title", LineField(_line("What this map is about")))
        self.add_field(about, "organisation", "Organisation", LineField(_line("Company, institution")))
        self.add_field(
            about,
            "purpose",
            "Purpose",
            TextField(CommitOnLeaveText("The goal, in the organisation's own language")),
        )
        self.add_field(about, "author", "Author", LineField(_line("Who keeps this map")))
        self.dates = plain_label()
        about.addRow("Dates", self.dates)

        you = self.section("You")
        self.add_field(
            you, "me_id", "Me", ChoiceField(Combo()), "Paths to people start from this person by default"
        )
        self.add_field(
            you,
            "engagement_methods",
            "Own methods",
            LineField(_line("e.g. Walk-and-talk, Team breakfast"), parse=split_list, format_=join_list),
            "Ways of getting in touch that fit your culture, beyond: " + ", ".join(ENGAGEMENT_METHODS),
        )

        labels = self.section("Quadrant names")
        for quadrant in Quadrant:
            self.add_field(
                labels,
                LABEL_PREFIX + quadrant.value,
                quadrant.label(),
                LineField(_line(quadrant.label())),
                f"{QUADRANT_HINTS[quadrant]}. {quadrant.strategy}",
            )

        add_rhythm_section(self)  # rhythm (issue 17)

        self.notes = NotesView(document)
        notes_section = self.boxed("Notes on the map", self.notes)
        self.notes.count_changed.connect(notes_section.set_count)
        notes_section.set_count(len(self.notes.notes()))
        self.column.addStretch(1)
        document.changed.connect(self._changed)
        self.set_selection_count(0, 0)
        self._fill_people()
        self.refresh(everything=True)

    # ------------------------------------------------------------------ api
    def set_selection_count(self, people: int, ties: int) -> None:
        summary = selection_summary(people, ties)
        self.selection_heading.setText(summary)
        self.selection_heading.setVisible(bool(summary))
        self.selection_hint.setVisible(bool(summary))

    def subject(self) -> tuple[EntityKey, str] | None:
        return key_of(self._document.map.info), "the map’s"

    def mutation(self, name: str, value: Any) -> Callable[[Map], Change] | None:
        if is_rhythm_field(name):
            return rhythm_mutation(name, value)
        if name.startswith(LABEL_PREFIX):
            which = name[len(LABEL_PREFIX) :]
            return lambda m: m.update_info(quadrant_labels=replace(m.info.quadrant_labels, **{which: value}))
        return lambda m: m.update_info(**{name: value})

    def refresh(self, *, everything: bool = False) -> None:
        info = self._document.map.info
        values = {name: getattr(info, name) for name in self.fields
                  if not name.startswith(LABEL_PREFIX) and not is_rhythm_field(name)}  # fmt: skip
        values.update(rhythm_values(info))
        for quadrant in Quadrant:
            values[LABEL_PREFIX + quadrant.value] = quadrant.label(info.quadrant_labels)
        self.show_values(values, everything=everything)
        self.set_read_only(self._document.read_only)
        self.dates.setText(f"Created {_when(info.created_at)}; last changed {_when(info.modified_at)}")

    # ------------------------------------------------------------- internal
    def _fill_people(self) -> None:
        people = sorted(self._document.map.stakeholders.values(), key=lambda p: p.name.casefold())
        me = self.fields["me_id"]
        assert isinstance(me, ChoiceField)
        me.set_choices([("Nobody chosen", None), *((p.name, p.id) for p in people)])

    def _changed(self, change: Change) -> None:
        if change.touches(Stakeholder):
            self._fill_people()  # a name changed, or someone came or went
        if change.touches(MapInfo):
            self.refresh()
