"""The person page's Contact section: email, phone, contact cadence and when we last spoke (gui layer)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from stakemap.core.cadence import cadence_label, follow_up_of, quadrant_cadence
from stakemap.core.entities import Stakeholder
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map
from stakemap.gui.widgets.inspector.fields import LineField, placeholder_line
from stakemap.gui.widgets.inspector.form import plain_label
from stakemap.gui.widgets.rhythm.cadence_text import format_cadence, parse_cadence

if TYPE_CHECKING:
    from stakemap.gui.widgets.inspector.person_page import PersonPage


def add_contact_section(page: PersonPage) -> QLabel:
    """Add the section to ``page``; returns the label that says when contact is next due."""
    contact = page.section("Contact")
    page.add_field(contact, "email", "Email", LineField(placeholder_line("name@example.org")),
                   "Private: never shown to an audience. Matches invitations and emails you log.")  # fmt: skip
    page.add_field(
        contact,
        "phone",
        "Phone",
        LineField(placeholder_line("Private")),
        "Private: never shown to an audience",
    )
    page.add_field(
        contact, "cadence_days", "Keep in touch",
        LineField(placeholder_line("Blank: the quadrant's default"), parse=parse_cadence, format_=format_cadence),
        "How often to be in touch: none, weekly, fortnightly, monthly, quarterly or a number of days",
    )  # fmt: skip
    status = plain_label()
    contact.addRow("Last contact", status)
    return status


def show_contact_status(label: QLabel, the_map: Map, person: Stakeholder, today: date | None = None) -> None:
    today = today or date.today()
    follow_up = follow_up_of(the_map, person, today)
    default = quadrant_cadence(the_map.info, quadrant_of(person.influence, person.interest))
    rhythm = (
        "" if person.cadence_days is not None else f" (quadrant default: {cadence_label(default).lower()})"
    )
    if follow_up is None:
        label.setText(f"No contact rhythm{rhythm}")
        return
    last = f"{follow_up.last_contact:%d %b %Y}" if follow_up.last_contact else "none recorded"
    cold = "  — going cold" if follow_up.going_cold else ""
    label.setText(f"{last} · {follow_up.describe()}{cold}{rhythm}")
