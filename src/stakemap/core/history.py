"""One person's path over time: where they stood in each snapshot, their notes and engagements (core).

The inspector's History section shows ``timeline`` (newest first) and draws ``standings`` (oldest
first, ending with where they stand now) as a small chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import Enum

from stakemap.core.entities import Attitude, Engagement, Note, Trust
from stakemap.core.model import Map


class EventKind(Enum):
    SNAPSHOT = "snapshot"
    NOTE = "note"
    ENGAGEMENT = "engagement"


@dataclass(frozen=True)
class Standing:
    """Where a person stood at one time (a snapshot, or now)."""

    when: datetime
    label: str  # the snapshot's name, or "Now"
    influence: float
    interest: float
    attitude: Attitude
    trust: Trust


@dataclass(frozen=True)
class HistoryEvent:
    kind: EventKind
    when: datetime | None  # None: an engagement with no due date (listed first: still to place)
    title: str
    detail: str
    entity_id: str
    confidential: bool = False


def standings(the_map: Map, stakeholder_id: str, now: datetime | None = None) -> list[Standing]:
    """Oldest first: one per snapshot that has the person, then where they stand now."""
    found = [
        Standing(snap.taken_at, snap.name, e.influence, e.interest, e.attitude, e.trust)
        for snap in the_map.snapshots.values()
        for e in snap.entries
        if e.stakeholder_id == stakeholder_id
    ]
    found.sort(key=lambda s: s.when)
    person = the_map.stakeholders.get(stakeholder_id)
    if person is not None:
        found.append(
            Standing(
                now or datetime.now(UTC),
                "Now",
                person.influence,
                person.interest,
                person.attitude,
                person.trust,
            )
        )
    return found


def _day(d: date) -> datetime:
    # Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
    return datetime.combine(d, time(12), UTC)


def _note_event(note: Note) -> HistoryEvent:
    first_line = note.text.strip().splitlines()[0] if note.text.strip() else ""
    return HistoryEvent(
        EventKind.NOTE, note.created_at, f"{note.kind.label}: {first_line[:80]}", note.text, note.id,
        note.confidential,
    )  # fmt: skip


def _engagement_event(e: Engagement) -> HistoryEvent:
    title = f"{e.method or 'Engagement'} ({e.status.label.lower()})"
    parts = [
        p
        for p in (e.reason, f"Outcome: {e.outcome}" if e.outcome else "", e.owner and f"Owner: {e.owner}")
        if p
    ]
    return HistoryEvent(EventKind.ENGAGEMENT, _day(e.due) if e.due else None, title, "\n".join(parts), e.id)


def timeline(the_map: Map, stakeholder_id: str) -> list[HistoryEvent]:
    """Snapshots, notes and engagements of one person, newest first (undated engagements on top)."""
    events: list[HistoryEvent] = []
    for snap in the_map.snapshots.values():
        for entry in snap.entries:
            if entry.stakeholder_id == stakeholder_id:
                detail = (
                    f"Influence {entry.influence:.0f}, interest {entry.interest:.0f}, "
                    f"{entry.attitude.label.lower()}, trust {entry.trust.label.lower()}"
                )
                events.append(HistoryEvent(EventKind.SNAPSHOT, snap.taken_at, f"Snapshot “{snap.name}”", detail,
                                           snap.id))  # fmt: skip
    events.extend(_note_event(n) for n in the_map.notes.values() if n.stakeholder_id == stakeholder_id)
    events.extend(
        _engagement_event(e) for e in the_map.engagements.values() if e.stakeholder_id == stakeholder_id
    )
    far_future = datetime.max.replace(tzinfo=UTC)
    return sorted(events, key=lambda ev: (ev.when or far_future, ev.kind.value), reverse=True)
