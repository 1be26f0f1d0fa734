"""The plan in the user's calendar: open engagements as an iCalendar (.ics) file (exchange layer).

One all-day VEVENT per dated open engagement, on its due date, and one VTODO (a task with no due
date) per undated one, so nothing open is lost (calendars without tasks, like Google's, skip
those). The UID is the engagement's id, so importing a later export updates the same entries
instead of adding copies; SEQUENCE grows with the map's modified time so calendars that compare it
take the newer version. Events are marked CLASS:PRIVATE: a
calendar is often shared with colleagues, and these are opinions about named people.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, Todo

from stakemap.core.entities import Engagement, EngagementStatus
from stakemap.core.model import Map
from stakemap.exchange.errors import ExchangeError

UID_DOMAIN = "stakemap"
PRODID = "-//Stakemap//Communications plan//EN"
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def engagement_uid(engagement: Engagement) -> str:
    return f"{engagement.id}@{UID_DOMAIN}"


@dataclass(frozen=True)
class CalendarExport:
    data: bytes
    written: int
    undated: int  # open engagements with no due date, written as tasks (VTODO) rather than events


def _sequence(the_map: Map) -> int:
    # Minutes since 2020: increases with every edit of the map and stays well inside 32 bits.
    return max(0, int((the_map.info.modified_at - _SEQUENCE_EPOCH).total_seconds() // 60))


def _selected(the_map: Map, owner: str | None, include_confidential: bool) -> list[Engagement]:
    wanted = owner.strip().casefold() if owner is not None else None
    chosen = []
    for e in the_map.plan():
        person = the_map.stakeholders[e.stakeholder_id]
        if not e.status.is_open or (person.confidential and not include_confidential):
            continue
        if wanted is not None and e.owner.strip().casefold() != wanted:
            continue
        chosen.append(e)
    return chosen


def plan_calendar(
    the_map: Map, *, owner: str | None = None, include_confidential: bool = True, now: datetime | None = None
) -> CalendarExport:
    """The open engagements (of one owner, if given) as iCalendar bytes."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Stakemap: {the_map.info.title}")
    written = undated = 0
    sequence = _sequence(the_map)
    for e in _selected(the_map, owner, include_confidential):
        if e.due is None:
            undated += 1
        cal.add_component(_event(the_map, e, stamp, sequence))
        written += 1
    return CalendarExport(cal.to_ical(), written, undated)


def event_summary(the_map: Map, e: Engagement) -> str:
    return f"{e.method or 'Engagement'} with {the_map.stakeholders[e.stakeholder_id].name}"


def _event(the_map: Map, e: Engagement, stamp: datetime, sequence: int) -> Event | Todo:
    person = the_map.stakeholders[e.stakeholder_id]
    event: Event | Todo = Event() if e.due is not None else Todo()
    event.add("uid", engagement_uid(e))
    event.add("dtstamp", stamp)
    event.add("last-modified", the_map.info.modified_at.astimezone(UTC))
    event.add("sequence", sequence)
    if e.due is not None:
        event.add("dtstart", e.due)  # a date: an all-day event
        event.add("dtend", e.due + timedelta(days=1))
    event.add("summary", event_summary(the_map, e))
    lines = [f"{label}: {value}" for label, value in (
        ("Reason", e.reason), ("Ask", e.spiel), ("Give first", e.offer), ("Owner", e.owner),
        ("Role", person.role),
    ) if value]  # fmt: skip
    lines.append(f"Status: {e.status.label}")
    event.add("description", "\n".join(lines))
    if e.due is None:
        event.add("status", "IN-PROCESS" if e.status is EngagementStatus.IN_PROGRESS else "NEEDS-ACTION")
    else:
        event.add("status", "TENTATIVE" if e.status is EngagementStatus.POSTPONED else "CONFIRMED")
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
    event.add("class", "PRIVATE")
    event.add("categories", ["Stakemap"])
    return event


def export_plan_ics(
    the_map: Map, path: Path, *, owner: str | None = None, include_confidential: bool = True
) -> CalendarExport:
    """Write the calendar file atomically (a half-written file never replaces a good one)."""
    result = plan_calendar(the_map, owner=owner, include_confidential=include_confidential)
    if owner is not None and result.written == 0 and result.undated == 0:
        owners = sorted({e.owner for e in the_map.engagements.values() if e.owner}, key=str.casefold)
        hint = f" Owners in the plan: {', '.join(owners)}." if owners else " No engagement has an owner."
        raise ExchangeError(f"No open engagement is owned by “{owner}”.{hint}")
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_bytes(result.data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExchangeError(f"Cannot write “{path}”: {exc.strerror or exc}") from exc
    return result


def due_dates(data: bytes) -> dict[str, date]:
    """UID -> start date of each event in iCalendar bytes (for tests and for checking an export)."""
    cal = Calendar.from_ical(data)
    return {str(ev["uid"]): ev.decoded("dtstart") for ev in cal.walk("VEVENT")}
