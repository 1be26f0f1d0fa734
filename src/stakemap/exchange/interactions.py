"""Log an interaction from a calendar invitation (.ics) or an email message (.eml) (exchange layer).

Only three things are kept: when it happened, its subject, and who took part (names and
addresses). The message body, the invitation's description, attachments and every other header
are never read into the map. People take part by email address, matched without case; the person
a file was dropped on takes part whatever the addresses say.
"""

from __future__ import annotations

import email
import email.policy
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from icalendar import Calendar

from stakemap.core.entities import MAX_TEXT, Note, NoteKind, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.errors import ExchangeError

log = logging.getLogger(__name__)

#: Bigger than any real invitation or message without its attachments: refuse before parsing.
MAX_FILE_BYTES = 25 * 1024 * 1024
SUFFIXES = (".ics", ".eml")


@dataclass(frozen=True)
class Participant:
    name: str
    email: str  # lower case, may be "" when a name came without an address


@dataclass(frozen=True)
class Interaction:
    when: datetime  # aware
    subject: str
    kind: NoteKind  # MEETING for an invitation, EMAIL for a message
    participants: tuple[Participant, ...]


def read_interaction(path: Path) -> Interaction:
    """The date, subject and participants of an .ics or .eml file; ExchangeError says what is wrong."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExchangeError(f"“{path.name}” is not a calendar invitation (.ics) or an email message (.eml)")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ExchangeError(f"“{path.name}” is too big to be an invitation or a message")
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"Cannot read “{path.name}”: {exc.strerror or exc}") from exc
    return invitation_from_bytes(data, path.name) if suffix == ".ics" else message_from_bytes(data, path.name)


# -------------------------------------------------------------------- .ics
def invitation_from_bytes(data: bytes, name: str = "the invitation") -> Interaction:
    try:
        cal = Calendar.from_ical(data)
        events = cal.walk("VEVENT")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ExchangeError(f"“{name}” is not a readable calendar file: {exc}") from exc
    if not events:
        raise ExchangeError(f"“{name}” holds no event (no VEVENT)")
    # A recurring meeting with overrides has several VEVENTs of one UID: the master comes first.
    event = next((ev for ev in events if "RECURRENCE-ID" not in ev), events[0])
    if str(cal.get("method", "")).upper() == "CANCEL" or str(event.get("status", "")).upper() == "CANCELLED":
        raise ExchangeError(f"“{name}” cancels a meeting: a meeting that did not happen is not logged")
    try:
        start = event.decoded("dtstart")
    except (KeyError, ValueError) as exc:
        raise ExchangeError(f"The event in “{name}” has no start date") from exc
    people: list[Participant] = []
    for key in ("organizer", "attendee"):
        value = event.get(key)
        for address in value if isinstance(value, list) else ([value] if value is not None else []):
            people.append(_participant(str(address.params.get("CN", "")), str(address)))
    return Interaction(_aware(start), _clean(str(event.get("summary", ""))), NoteKind.MEETING,
                       _unique(people))  # fmt: skip


def _participant(name: str, address: str) -> Participant:
    address = address.strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return Participant(_clean(name.strip().strip('"')), address.strip().lower())


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        # A floating time (no zone) is the writer's wall clock: take it as this machine's local time.
        return value if value.tzinfo is not None else value.astimezone()
    if isinstance(value, date):
        # All-day: noon UTC keeps the same calendar day in every zone from UTC-11 to UTC+11.
        return datetime.combine(value, time(12), UTC)
    raise ExchangeError(f"Not a date or time: {value!r}")


# -------------------------------------------------------------------- .eml
def message_from_bytes(data: bytes, name: str = "the message") -> Interaction:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is only a last resort
        log.warning("Reading an e-mail message failed", exc_info=True)
        raise ExchangeError(f"“{name}” is not a readable email message: {exc}") from exc
    assert isinstance(msg, EmailMessage)
    # An invitation sent by mail (Outlook, Google): the meeting's own time is what happened.
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                try:
                    return invitation_from_bytes(payload, name)
                except ExchangeError:
                    break  # a broken calendar part: fall back to the message's own headers
    try:
        header = msg["date"]
        when = header.datetime if header is not None else None
    except (TypeError, ValueError, AttributeError):
        when = None
    if when is None:
        raise ExchangeError(f"“{name}” has no readable Date header, so the interaction cannot be dated")
    people: list[Participant] = []
    for key in ("from", "to", "cc"):
        try:
            header = msg[key]
            addresses: tuple[Address, ...] = header.addresses if header is not None else ()
        except (TypeError, ValueError, AttributeError, IndexError):
            continue
        people.extend(Participant(_clean(a.display_name), a.addr_spec.lower()) for a in addresses)
    return Interaction(_aware(when), _clean(str(msg.get("subject", "") or "")), NoteKind.EMAIL,
                       _unique(people))  # fmt: skip


def _clean(text: str) -> str:
    # Header folding leaves line breaks and tabs; NULs and stray surrogates cannot be stored.
    text = " ".join(text.split()).replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def _unique(people: list[Participant]) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for p in people:
        key = p.email or p.name.casefold()
        if key and (key not in seen or not seen[key].name):
            seen[key] = p
    return tuple(seen.values())


# ------------------------------------------------------------------ to notes
@dataclass(frozen=True)
class InteractionLog:
    notes: tuple[Note, ...]
    matched: tuple[Stakeholder, ...]
    already_logged: tuple[Stakeholder, ...]  # the same interaction is already on their notes

    def summary(self) -> str:
        names = ", ".join(p.name for p in self.matched) or "nobody"
        text = f"Logged for {names}."
        if self.already_logged:
            text += f" Already logged for {', '.join(p.name for p in self.already_logged)}."
        return text


def note_text(interaction: Interaction) -> str:
    subject = interaction.subject or "(no subject)"
    names = [p.name or p.email for p in interaction.participants]
    source = "Invitation" if interaction.kind is NoteKind.MEETING else "Email"
    text = f"{source}: {subject}" + (f"\nTook part: {', '.join(names)}" if names else "")
    return text[:MAX_TEXT]


def plan_interaction_notes(
    the_map: Map, interaction: Interaction, *, also: str | None = None
) -> InteractionLog:
    """One dated note per person who took part (matched by email) and the person ``also`` names."""
    addresses = {p.email for p in interaction.participants if p.email}
    people = [p for p in the_map.stakeholders.values() if p.email and p.email.lower() in addresses]
    if also is not None and all(p.id != also for p in people):
        people.append(the_map.stakeholder(also))
    if not people:
        listed = ", ".join(sorted(addresses)) or "no addresses"
        raise ExchangeError(
            f"Nobody on the map has an email address that took part ({listed}). Add the address to the "
            "person, or drop the file on them."
        )
    text = note_text(interaction)
    notes: list[Note] = []
    matched: list[Stakeholder] = []
    already: list[Stakeholder] = []
    for person in sorted(people, key=lambda p: p.name.casefold()):
        duplicate = any(
            n.created_at == interaction.when and n.text == text
            for n in the_map.notes_on(stakeholder_id=person.id)
        )
        if duplicate:
            already.append(person)
            continue
        notes.append(Note(text, interaction.kind, person.id, created_at=interaction.when.astimezone(UTC)))
        matched.append(person)
    return InteractionLog(tuple(notes), tuple(matched), tuple(already))
