"""Contact rhythm: how often to be in touch with each person, when we last were, who is going cold (core).

A person's cadence is their own (``Stakeholder.cadence_days``) or, when they have none set, the
default of their quadrant on the map (``MapInfo.cadences``); 0 means no rhythm. Last contact is the
latest *interaction* note (meeting, conversation, email) or completed engagement. Dates are
calendar dates in UTC, so the answer does not depend on the machine's time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from stakemap.core.entities import MAX_INTERVAL_DAYS, EngagementStatus, MapInfo, Note, NoteKind, Stakeholder
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.core.model import Map

#: The named rhythms offered in the inspector; any other whole number of days is allowed too.
CADENCE_PRESETS: tuple[tuple[str, int], ...] = (
    ("None", 0),
    ("Weekly", 7),
    ("Fortnightly", 14),
    ("Monthly", 30),
    ("Quarterly", 91),
)

#: Notes that record being in touch; observations and "other" are about a person, not with them.
INTERACTION_KINDS = frozenset({NoteKind.MEETING, NoteKind.CONVERSATION, NoteKind.EMAIL})


def parse_cadence(text: str) -> int | None:
    """A cadence typed as words or days: None (blank: the quadrant's default), 0 (none) or days."""
    cleaned = text.strip().casefold()
    if not cleaned:
        return None
    for label, preset in CADENCE_PRESETS:
        if cleaned == label.casefold():
            return preset
    match = re.fullmatch(r"(?:every\s+)?(\d{1,5})\s*(?:d|days?)?", cleaned)
    if match is None or not 1 <= int(match.group(1)) <= MAX_INTERVAL_DAYS:
        raise ValueError(
            "Type none, weekly, fortnightly, monthly, quarterly or a number of days (e.g. 45); "
            "leave blank for the quadrant's default"
        )
    return int(match.group(1))


def format_cadence(days: int | None) -> str:
    return "" if days is None else cadence_label(days)


def cadence_label(days: int) -> str:
    for label, preset in CADENCE_PRESETS:
        if preset == days:
            return label
    return f"Every {days} days"


def quadrant_cadence(info: MapInfo, quadrant: Quadrant) -> int:
    return int(getattr(info.cadences, quadrant.value))


def cadence_of(person: Stakeholder, info: MapInfo) -> int:
    """Days between contacts for this person (0: no rhythm): their own, else their quadrant's."""
    if person.cadence_days is not None:
        return person.cadence_days
    return quadrant_cadence(info, quadrant_of(person.influence, person.interest))


def is_interaction(note: Note) -> bool:
    return note.kind in INTERACTION_KINDS


def last_contacts(the_map: Map, today: date) -> dict[str, date]:
    """Everyone's latest day in touch, in one pass over notes and engagements: an interaction note,
    or a done engagement (on its due date, never later than today: done early means done by now)."""
    latest: dict[str, date] = {}

    def seen(person_id: str, day: date) -> None:
        if person_id not in latest or latest[person_id] < day:
            latest[person_id] = day

    kinds = INTERACTION_KINDS
    for n in the_map.notes.values():
        if n.stakeholder_id is None or n.kind not in kinds:
            continue
        day = n.created_at.astimezone(UTC).date()
        # A logged invitation to next week's meeting is not contact yet: it counts from its day on.
        if day <= today:
            seen(n.stakeholder_id, day)
    for e in the_map.engagements.values():
        if e.status is EngagementStatus.DONE and e.due is not None:
            seen(e.stakeholder_id, min(e.due, today))
    return latest


def last_contact(the_map: Map, stakeholder_id: str, today: date) -> date | None:
    return last_contacts(the_map, today).get(stakeholder_id)


@dataclass(frozen=True)
class FollowUp:
    """Where one person with a rhythm stands: when next contact is due and how late it is."""

    stakeholder_id: str
    name: str
    cadence_days: int
    last_contact: date | None  # None: no contact recorded
    due_on: date | None  # None: never contacted, so due now
    overdue_days: int  # > 0 late by that many days; <= 0 due in -overdue_days days

    @property
    def going_cold(self) -> bool:
        return self.last_contact is None or self.overdue_days > 0

    def describe(self) -> str:
        if self.last_contact is None:
            return "No contact recorded"
        if self.overdue_days > 0:
            return f"Overdue by {self.overdue_days} day{'s' if self.overdue_days != 1 else ''}"
        if self.overdue_days == 0:
            return "Due today"
        return f"Due in {-self.overdue_days} day{'s' if self.overdue_days != -1 else ''}"


def follow_up_of(
    the_map: Map, person: Stakeholder, today: date, contacts: dict[str, date] | None = None
) -> FollowUp | None:
    """None if the person has no contact rhythm; ``contacts`` (from ``last_contacts``) saves a pass."""
    days = cadence_of(person, the_map.info)
    if days == 0:
        return None
    last = (contacts if contacts is not None else last_contacts(the_map, today)).get(person.id)
    if last is None:
        return FollowUp(person.id, person.name, days, None, None, 0)
    due_on = last + timedelta(days=days)
    return FollowUp(person.id, person.name, days, last, due_on, (today - due_on).days)


def uses_rhythm(the_map: Map) -> bool:
    """True if any quadrant has a default cadence or any person a cadence of their own."""
    c = the_map.info.cadences
    if c.key_players or c.keep_satisfied or c.keep_informed or c.monitor:
        return True
    return any(p.cadence_days for p in the_map.stakeholders.values())


def follow_ups(the_map: Map, today: date) -> list[FollowUp]:
    """Everyone with a rhythm (but "me"), most overdue first: never contacted, then the latest, then the soonest due."""
    if not uses_rhythm(the_map):
        return []  # most maps: skip the pass over every note on every edit
    contacts = last_contacts(the_map, today)
    found = [
        f
        for p in the_map.stakeholders.values()
        if p.id != the_map.info.me_id and (f := follow_up_of(the_map, p, today, contacts)) is not None
    ]  # "me" keeps no rhythm with themselves
    return sorted(found, key=lambda f: (f.last_contact is not None, -f.overdue_days, f.name.casefold()))


def going_cold_ids(the_map: Map, today: date) -> frozenset[str]:
    return frozenset(f.stakeholder_id for f in follow_ups(the_map, today) if f.going_cold)


def next_due(the_map: Map, person: Stakeholder, done_on: date) -> date | None:
    """The due date of the next engagement after one done on ``done_on``: one cadence later."""
    days = cadence_of(person, the_map.info)
    return done_on + timedelta(days=days) if days else None
