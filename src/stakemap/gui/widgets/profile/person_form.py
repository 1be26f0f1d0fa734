"""The selected person's whole profile, editable in place; each field one undo entry (gui layer)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change
from stakemap.core.entities import Attitude, Engagement, Relationship, Stakeholder, Trust
from stakemap.core.grid import quadrant_of
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.profile.binders import (
    Binder,
    CheckBinder,
    CommitOnLeaveText,
    EnumBinder,
    LineBinder,
    SpinBinder,
    TextBinder,
    join_list,
    split_list,
)
from stakemap.gui.widgets.profile.notes_list import NotesList

ID_ROLE = Qt.ItemDataRole.UserRole


def _text_box(placeholder: str, lines: int = 3) -> CommitOnLeaveText:
    box = CommitOnLeaveText()
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is shown, never interpreted
    label.setWordWrap(True)
    return label


class PersonForm(QWidget):
    engagement_added = Signal(str)
    engagement_activated = Signal(str)
    #: A field was refused by the model: (field label, message).
    refused = Signal(str, str)

    def __init__(self, document: MapDocument, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._selection = selection
        self.stakeholder_id: str | None = None
        self.binders: dict[str, Binder] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.error = _plain(QLabel(""))
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)

        profile = self._group(layout, "Profile")
        self._line(profile, "name", "Name")
        self._line(profile, "role", "Role / title")
        self._line(profile, "unit", "Unit")
        self._line(profile, "constituency", "Constituency", "e.g. R&D, Finance, Library users")
        rank = QSpinBox()
        rank.setRange(0, 99)
        rank.setToolTip("Formal level in the hierarchy: 1 is the top. — means unknown.")
        self._bind(profile, "rank", "Formal rank", SpinBinder(rank, blank_is_none=True))
        tags = QLineEdit()
        tags.setPlaceholderText("comma-separated")
        self._bind(profile, "tags", "Tags", LineBinder(tags, parse=split_list, format_=join_list))

        position = self._group(layout, "Position on the map")
        for field, label in (("influence", "Influence"), ("interest", "Interest")):
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" / 100")
            self._bind(position, field, label, SpinBinder(spin))
        self.quadrant = _plain(QLabel(""))
        position.addRow("Quadrant", self.quadrant)

        stance = self._group(layout, "Attitude and trust")
        attitudes = list(Attitude)
        self._bind(stance, "attitude", "Attitude now", EnumBinder(QComboBox(), attitudes))
        self._bind(stance, "desired_attitude", "Attitude wanted", EnumBinder(QComboBox(), attitudes))
        self._bind(stance, "trust", "Their trust in us", EnumBinder(QComboBox(), list(Trust)))

        drivers = self._group(layout, "What drives them")
        self._text(drivers, "drivers_long_term", "Long term",
                   "e.g. respect and acknowledgement, credibility, success and advancement")  # fmt: skip
        self._text(drivers, "drivers_short_term", "Short term",
                   "e.g. meet a deadline, make an annoying issue go away, reach a quota")  # fmt: skip
        self._text(drivers, "pain_points", "Where they are hurting", "What keeps them up at night?")

        give = self._group(layout, "Give first")
        self._text(give, "offer", "What we can offer", "Value we can give before we ask for anything")
        self._text(give, "past_service", "How we served them", "What went well or badly before")

        flags = self._group(layout, "Flags")
        for field, label, tip in (
            ("in_focus", "In focus", "Gets a conversation card in the printed plan"),
            ("contact_permitted", "Contact permitted", "Untick if we must not approach them now"),
            ("confidential", "Confidential", "Hidden in handouts and in presenter mode"),
        ):
            box = QCheckBox(label)
            box.setToolTip(tip)
            binder = CheckBinder(box)
            self.binders[field] = binder
            binder.committed.connect(lambda value, f=field, lbl=label: self._commit(f, lbl, value))
            flags.addRow(box)

        ties = self._group(layout, "Relationships")
        self.ties_label = _plain(QLabel(""))
        ties.addRow(self.ties_label)

        plan_box = QGroupBox("Plan")
        plan_layout = QVBoxLayout(plan_box)
        self.plan_list = QListWidget()
        self.plan_list.setMaximumHeight(110)
        self.plan_list.itemDoubleClicked.connect(
            lambda item: self.engagement_activated.emit(item.data(ID_ROLE))
        )
        plan_layout.addWidget(self.plan_list)
        self.plan_button = QPushButton("Plan Engagement…")
        self.plan_button.clicked.connect(self.plan_engagement)
        plan_layout.addWidget(self.plan_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(plan_box)

        notes_box = QGroupBox("Notes")
        notes_layout = QVBoxLayout(notes_box)
        self.notes = NotesList(document)
        notes_layout.addWidget(self.notes)
        layout.addWidget(notes_box)
        layout.addStretch(1)
        document.changed.connect(self._changed)

    # ---------------------------------------------------------------- build
    @staticmethod
    def _group(layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(box)
        return form

    def _bind(self, form: QFormLayout, field: str, label: str, binder: Binder) -> None:
        self.binders[field] = binder
        binder.committed.connect(lambda value: self._commit(field, label, value))
        form.addRow(label, binder.widget)

    def _line(self, form: QFormLayout, field: str, label: str, placeholder: str = "") -> None:
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        self._bind(form, field, label, LineBinder(line))

    def _text(self, form: QFormLayout, field: str, label: str, placeholder: str) -> None:
        self._bind(form, field, label, TextBinder(_text_box(placeholder)))

    # ---------------------------------------------------------------- edits
    def _commit(self, field: str, label: str, value: Any) -> None:
        person_id = self.stakeholder_id
        if person_id is None:
            return
        done = self._document.try_edit(lambda m: m.update_stakeholder(person_id, **{field: value}))
        if done is None:
            self.binders[field].revert()

    def plan_engagement(self) -> None:
        person_id = self.stakeholder_id
        if person_id is None:
            return
        engagement = Engagement(stakeholder_id=person_id, due=date.today() + timedelta(days=7), owner="")
        if self._document.try_edit(lambda m: m.add_engagement(engagement)) is not None:
            self.engagement_added.emit(engagement.id)

    # ------------------------------------------------------------- refresh
    def show_person(self, stakeholder_id: str) -> None:
        self.stakeholder_id = stakeholder_id
        self.error.hide()
        self.refresh()
        self.notes.set_subject(stakeholder_id=stakeholder_id)

    def refresh(self) -> None:
        person = self._document.map.stakeholders.get(self.stakeholder_id or "")
        if person is None:
            return
        for field, binder in self.binders.items():
            binder.show_value(getattr(person, field))
            binder.set_read_only(self._document.read_only)
        quadrant = quadrant_of(person.influence, person.interest)
        self.quadrant.setText(
            f"{quadrant.label(self._document.map.info.quadrant_labels)} — {quadrant.strategy}"
        )
        self._fill_ties(person)
        self._fill_plan(person)
        self.plan_button.setEnabled(not self._document.read_only)

    def _fill_ties(self, person: Stakeholder) -> None:
        m = self._document.map
        lines = []
        for tie in sorted(m.relationships_of(person.id), key=lambda t: t.kind.value):
            other = m.stakeholders[tie.target_id if tie.source_id == person.id else tie.source_id].name
            verb = tie.kind.label.split(" / ")[0]
            if tie.source_id == person.id or not tie.directed:
                lines.append(f"{verb} {other}")
            else:
                lines.append(f"{other} {verb} them")
        self.ties_label.setText(
            "; ".join(lines) if lines else "No relationships yet: drag from this card to link."
        )

    def _fill_plan(self, person: Stakeholder) -> None:
        self.plan_list.clear()
        today = date.today()
        for engagement in self._document.map.engagements_of(person.id):
            due = engagement.due.strftime("%d %b %Y") if engagement.due else "no date"
            mark = " ⚠ overdue" if engagement.is_overdue(today) else ""
            reason = (
                engagement.reason.strip().splitlines()[0] if engagement.reason.strip() else "(no reason yet)"
            )
            item = QListWidgetItem(
                f"{due}{mark} · {engagement.method} · {engagement.status.label} — {reason}"
            )
            item.setData(ID_ROLE, engagement.id)
            item.setToolTip(engagement.spiel or engagement.reason)
            self.plan_list.addItem(item)
        if not self.plan_list.count():
            self.plan_list.addItem("Nothing planned yet.")

    def _changed(self, change: Change) -> None:
        if self.stakeholder_id is None:
            return
        if change.touches(Stakeholder, Relationship, Engagement):
            self.refresh()
