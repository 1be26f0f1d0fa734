"""Logging an interaction from .ics invitations and .eml messages as Outlook, Google and Thunderbird
write them: date, subject and who took part are kept; the body never is."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stakemap.core.entities import NoteKind, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.errors import ExchangeError
from stakemap.exchange.interactions import plan_interaction_notes, read_interaction

FIXTURES = Path(__file__).parent / "fixtures" / "interactions"


def team() -> Map:
    m = Map()
    m.add_stakeholders([
        Stakeholder("Dana Okafor", email="dana.okafor@northwind.example", id="dana"),
        Stakeholder("Jörg Müller", email="Joerg.Mueller@northwind.example", id="joerg"),
        Stakeholder("Aiko Tanaka", email="aiko.tanaka@northwind.example", id="aiko"),
        Stakeholder("Ulla Lindqvist", id="ulla"),  # no address: matched only by a drop
    ])  # fmt: skip
    return m


@pytest.mark.parametrize(
    ("name", "when", "subject", "kind", "who"),
    [
        # Outlook: a Windows time-zone name; 10:00 in Berlin winter is 09:00 UTC.
        ("outlook_invitation.ics", datetime(2026, 12, 3, 9, tzinfo=UTC), "Budget review – Information Centre",
         NoteKind.MEETING, {"dana"}),
        ("google_invitation.ics", datetime(2026, 12, 8, 15, tzinfo=UTC), "Coffee: analytics roadmap ☕",
         NoteKind.MEETING, {"aiko"}),
        # Thunderbird all-day: the day itself, at noon UTC so no zone shifts it to another day.
        ("thunderbird_all_day.ics", datetime(2026, 12, 4, 12, tzinfo=UTC), "Library open day (all staff)",
         NoteKind.MEETING, {"dana", "joerg"}),
        ("outlook_message.eml", datetime(2026, 11, 24, 8, 13, 55, tzinfo=UTC),
         "Follow-up: Ask–Give–Partner pilot — Zürich", NoteKind.EMAIL, {"dana", "joerg"}),
        ("thunderbird_message.eml", datetime(2026, 11, 30, 16, 45, 12, tzinfo=UTC),
         "Unterlagen für das Treffen am Donnerstag", NoteKind.EMAIL, {"dana", "joerg"}),
        # Google's invitation email: the meeting time from its calendar part, not the send time.
        ("google_invitation.eml", datetime(2026, 12, 8, 15, tzinfo=UTC), "Coffee: analytics roadmap ☕",
         NoteKind.MEETING, {"aiko"}),
    ],
)  # fmt: skip
def test_each_fixture_gives_its_date_subject_and_people_and_never_its_body(
    name: str, when: datetime, subject: str, kind: NoteKind, who: set[str]
) -> None:
    interaction = read_interaction(FIXTURES / name)
    assert interaction.when == when
    assert interaction.subject == subject
    assert interaction.kind is kind
    m = team()
    log = plan_interaction_notes(m, interaction)
    assert {n.stakeholder_id for n in log.notes} == who
    for note in log.notes:
        assert note.created_at == when
        assert note.kind is kind
        assert subject in note.text
        assert "SECRET" not in note.text
        assert "BODY" not in note.text.upper()


def test_took_part_names_people_and_bare_addresses() -> None:
    log = plan_interaction_notes(team(), read_interaction(FIXTURES / "outlook_invitation.ics"))
    text = log.notes[0].text
    assert "Took part: Lindqvist, Ulla, Dana Okafor, Bo Stranger" in text


def test_a_drop_on_a_person_logs_for_them_even_without_an_address() -> None:
    m = team()
    log = plan_interaction_notes(m, read_interaction(FIXTURES / "google_invitation.ics"), also="ulla")
    assert {n.stakeholder_id for n in log.notes} == {"aiko", "ulla"}


def test_logging_the_same_file_twice_adds_nothing_the_second_time() -> None:
    m = team()
    interaction = read_interaction(FIXTURES / "thunderbird_message.eml")
    first = plan_interaction_notes(m, interaction)
    m.add_entities(first.notes, "Log")
    second = plan_interaction_notes(m, interaction)
    assert second.notes == ()
    assert {p.id for p in second.already_logged} == {"dana", "joerg"}
    assert "Already logged for" in second.summary()


def test_nobody_matching_is_a_clear_error_listing_the_addresses() -> None:
    m = Map()
    m.add_stakeholder(Stakeholder("X", email="x@y.example"))
    with pytest.raises(ExchangeError, match=r"bo@elsewhere\.example"):
        plan_interaction_notes(m, read_interaction(FIXTURES / "outlook_invitation.ics"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"hello", "not a calendar invitation"),
        ("empty.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
        ("junk.ics", b"\x00\xffnot a calendar", "not a readable calendar"),
        ("nodate.eml", b"From: a@b.example\r\nSubject: hi\r\n\r\nbody", "no readable Date"),
        ("baddate.eml", b"From: a@b.example\r\nDate: someday\r\n\r\nbody", "no readable Date"),
        (
            "nostart.ics",
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "no start",
        ),
    ],
)
def test_bad_files_get_a_clear_message(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExchangeError, match=message):
        read_interaction(path)


def test_a_missing_file_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="Cannot read"):
        read_interaction(tmp_path / "gone.eml")


def test_a_cancellation_is_not_logged(tmp_path: Path) -> None:
    source = (FIXTURES / "outlook_invitation.ics").read_bytes()
    for changed in (source.replace(b"METHOD:REQUEST", b"METHOD:CANCEL"),
                    source.replace(b"STATUS:CONFIRMED", b"STATUS:CANCELLED")):  # fmt: skip
        path = tmp_path / "cancel.ics"
        path.write_bytes(changed)
        with pytest.raises(ExchangeError, match="cancels a meeting"):
            read_interaction(path)


def test_a_message_with_a_broken_calendar_part_falls_back_to_its_own_headers(tmp_path: Path) -> None:
    path = tmp_path / "broken.eml"
    path.write_bytes(
        b"From: Dana <dana.okafor@northwind.example>\r\nTo: ulla@northwind.example\r\n"
        b"Subject: Notes\r\nDate: Wed, 02 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
        b"SECRET BODY\r\n--b\r\nContent-Type: text/calendar\r\n\r\nnot a calendar at all\r\n--b--\r\n"
    )
    interaction = read_interaction(path)
    assert interaction.subject == "Notes"
    assert interaction.kind is NoteKind.EMAIL
    assert interaction.when == datetime(2026, 12, 2, 9, tzinfo=UTC)
