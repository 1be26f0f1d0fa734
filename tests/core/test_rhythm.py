"""Contact cadence, last contact, going cold, movers, attitude gap, history, assessment rounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from stakemap.core.assessment import assessment_due
from stakemap.core.cadence import (
    cadence_label,
    cadence_of,
    follow_ups,
    going_cold_ids,
    last_contact,
    next_due,
)
from stakemap.core.entities import (
    Attitude,
    Engagement,
    EngagementStatus,
    MapInfo,
    Note,
    NoteKind,
    QuadrantCadences,
    Snapshot,
    SnapshotEntry,
    Stakeholder,
    Trust,
)
from stakemap.core.history import EventKind, standings, timeline
from stakemap.core.model import Map
from stakemap.core.movers import attitude_gaps, current_entries, movers, movers_since

TODAY = date(2026, 6, 30)


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=UTC)


def people_map(**cadences: int) -> tuple[Map, Stakeholder, Stakeholder, Stakeholder]:
    m = Map(info=MapInfo(cadences=QuadrantCadences(**cadences)))
    key = Stakeholder("Kim Key", influence=80, interest=80)  # key players
    sat = Stakeholder("Sam Satisfied", influence=80, interest=20)
    mon = Stakeholder("Mo Monitor", influence=10, interest=10)
    m.add_stakeholders([key, sat, mon])
    return m, key, sat, mon


# ------------------------------------------------------------------ cadence
def test_cadence_is_the_persons_own_else_the_quadrant_default_and_zero_is_none() -> None:
    m, key, sat, mon = people_map(key_players=30, keep_satisfied=91)
    assert cadence_of(key, m.info) == 30
    assert cadence_of(sat, m.info) == 91
    assert cadence_of(mon, m.info) == 0
    assert cadence_of(replace(key, cadence_days=7), m.info) == 7
    assert cadence_of(replace(key, cadence_days=0), m.info) == 0  # "none" beats the quadrant default
    assert [cadence_label(d) for d in (0, 7, 14, 30, 91, 45)] == [
        "None", "Weekly", "Fortnightly", "Monthly", "Quarterly", "Every 45 days"
    ]  # fmt: skip


@pytest.mark.parametrize("bad", [-1, 3661, 1.5, True, "30"])
def test_a_bad_cadence_is_refused_with_a_message(bad: object) -> None:
    with pytest.raises(ValueError, match="cadence"):
        Stakeholder("A", cadence_days=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cadence"):
        QuadrantCadences(key_players=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["no-at-sign", "two@@x.org", "a b@x.org", "@x.org", "a@"])
def test_a_malformed_email_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="email"):
        Stakeholder("A", email=bad)


def test_email_and_phone_are_optional() -> None:
    p = Stakeholder("A", email="a.b@example.org", phone="+44 20 7946 0000")
    assert (p.email, p.phone) == ("a.b@example.org", "+44 20 7946 0000")
    assert Stakeholder("B").email == ""


# ------------------------------------------------------------- last contact
def test_last_contact_is_the_latest_interaction_note_or_done_engagement() -> None:
    m, key, _sat, _mon = people_map()
    assert last_contact(m, key.id, TODAY) is None
    m.add_note(Note("Met for coffee", NoteKind.MEETING, key.id, created_at=at(date(2026, 5, 1))))
    # An observation is about a person, not contact with them: it does not count.
    m.add_note(Note("Seen at the board", NoteKind.OBSERVATION, key.id, created_at=at(date(2026, 6, 20))))
    assert last_contact(m, key.id, TODAY) == date(2026, 5, 1)
    m.add_engagement(Engagement(key.id, due=date(2026, 6, 10), status=EngagementStatus.DONE))
    m.add_engagement(Engagement(key.id, due=date(2026, 6, 25), status=EngagementStatus.PLANNED))  # not done
    assert last_contact(m, key.id, TODAY) == date(2026, 6, 10)
    # Done ahead of its due date: it happened by today, not in the future.
    m.add_engagement(Engagement(key.id, due=date(2026, 8, 1), status=EngagementStatus.DONE))
    assert last_contact(m, key.id, TODAY) == TODAY


# --------------------------------------------------------------- going cold
def test_follow_ups_rank_never_contacted_then_most_overdue_and_skip_people_without_rhythm() -> None:
    m, key, sat, mon = people_map(key_players=30, keep_satisfied=91)
    extra = Stakeholder("Ann Another", influence=90, interest=90)
    m.add_stakeholder(extra)
    m.add_note(Note("Call", NoteKind.CONVERSATION, key.id, created_at=at(date(2026, 5, 1))))  # due 31 May
    m.add_note(Note("Mail", NoteKind.EMAIL, sat.id, created_at=at(date(2026, 6, 1))))  # due 31 Aug
    ups = follow_ups(m, TODAY)
    assert [f.name for f in ups] == ["Ann Another", "Kim Key", "Sam Satisfied"]  # Mo has no rhythm
    never, kim, sam = ups
    assert never.last_contact is None
    assert never.going_cold
    assert never.describe() == "No contact recorded"
    assert kim.overdue_days == 30
    assert kim.going_cold
    assert kim.describe() == "Overdue by 30 days"
    assert sam.overdue_days == -62
    assert not sam.going_cold
    assert sam.describe() == "Due in 62 days"
    assert going_cold_ids(m, TODAY) == {extra.id, key.id}
    assert mon.id not in going_cold_ids(m, TODAY)


def test_a_person_due_exactly_today_is_not_yet_cold() -> None:
    m, key, _s, _m = people_map(key_players=30)
    m.add_note(Note("Call", NoteKind.CONVERSATION, key.id, created_at=at(date(2026, 5, 31))))
    (f,) = follow_ups(m, TODAY)
    assert f.overdue_days == 0
    assert not f.going_cold
    assert f.describe() == "Due today"


def test_next_due_is_one_cadence_after_the_done_day() -> None:
    m, key, _s, mon = people_map(key_players=30)
    assert next_due(m, key, TODAY) == date(2026, 7, 30)
    assert next_due(m, mon, TODAY) is None


# -------------------------------------------------------------------- movers
def entry(
    p: Stakeholder, influence: float, interest: float, attitude: Attitude, trust: Trust
) -> SnapshotEntry:
    return SnapshotEntry(p.id, p.name, influence, interest, attitude, trust)


def test_movers_rank_position_attitude_and_trust_between_two_snapshots() -> None:
    _m, key, sat, mon = people_map()
    N, S, B = Attitude.NEUTRAL, Attitude.SUPPORTER, Attitude.BLOCKER
    first = (
        entry(key, 50, 50, N, Trust.LOW),
        entry(sat, 50, 50, N, Trust.LOW),
        entry(mon, 50, 50, N, Trust.LOW),
    )
    second = (
        entry(key, 60, 50, N, Trust.LOW),  # moved 10 points
        entry(sat, 50, 50, S, Trust.LOW),  # one attitude step: 25
        entry(mon, 50, 50, B, Trust.HIGH),  # one step away and two of trust: 25 + 30
    )
    ranked = movers(first, second)
    assert [r.name for r in ranked] == ["Mo Monitor", "Sam Satisfied", "Kim Key"]
    assert ranked[0].attitude_delta == -1
    assert ranked[0].trust_delta == 2
    assert ranked[2].distance == pytest.approx(10)
    assert movers(first, first) == []  # nobody changed
    assert [r.name for r in movers(first, second, limit=1)] == ["Mo Monitor"]


def test_people_only_on_one_side_are_not_movers() -> None:
    _m, key, sat, _mon = people_map()
    before = (entry(key, 10, 10, Attitude.NEUTRAL, Trust.LOW),)
    after = (entry(sat, 90, 90, Attitude.CHAMPION, Trust.HIGH),)
    assert movers(before, after) == []


def test_movers_since_a_date_use_the_latest_snapshot_on_or_before_it() -> None:
    m, key, _sat, _mon = people_map()
    old = Snapshot("Jan", (entry(key, 10, 10, Attitude.BLOCKER, Trust.LOW),), taken_at=at(date(2026, 1, 15)))
    mid = Snapshot("Mar", (entry(key, 70, 70, Attitude.NEUTRAL, Trust.LOW),), taken_at=at(date(2026, 3, 15)))
    m.add_entities([old, mid], "snaps")
    snap, ranked = movers_since(m, date(2026, 3, 1))
    assert snap is old
    assert ranked[0].stakeholder_id == key.id
    snap, ranked = movers_since(m, date(2026, 3, 15))
    assert snap is mid
    assert movers_since(m, date(2025, 12, 31)) == (None, [])
    assert {e.stakeholder_id for e in current_entries(m)} == set(m.stakeholders)


# -------------------------------------------------------------- attitude gap
def test_attitude_gaps_rank_the_furthest_first_with_the_plan_or_none() -> None:
    m = Map()
    far = Stakeholder("Far", attitude=Attitude.ACTIVE_BLOCKER, desired_attitude=Attitude.SUPPORTER)
    near = Stakeholder("Near", attitude=Attitude.NEUTRAL, desired_attitude=Attitude.SUPPORTER, influence=90)
    there = Stakeholder("There", attitude=Attitude.CHAMPION, desired_attitude=Attitude.SUPPORTER)
    m.add_stakeholders([far, near, there])
    m.add_engagement(Engagement(near.id, method="Lunch event", due=date(2026, 7, 2), reason="ask about X"))
    m.add_engagement(Engagement(near.id, method="Email", status=EngagementStatus.DONE))
    gaps = attitude_gaps(m)
    assert [(g.name, g.gap) for g in gaps] == [("Far", 3), ("Near", 1)]
    assert gaps[0].plan is None
    assert gaps[0].plan_text() == "No plan yet"
    assert gaps[1].plan_text() == "Lunch event by 02 Jul 2026: ask about X"


# ------------------------------------------------------------------- history
def test_history_timeline_is_newest_first_with_snapshots_notes_and_engagements() -> None:
    m, key, sat, _mon = people_map()
    snap = Snapshot("Spring", (entry(key, 40, 40, Attitude.NEUTRAL, Trust.LOW), entry(sat, 1, 1, Attitude.NEUTRAL,
                    Trust.LOW)), taken_at=at(date(2026, 3, 1)))  # fmt: skip
    m.add_entities([snap], "snap")
    m.add_note(Note("Met\nsecond line", NoteKind.MEETING, key.id, created_at=at(date(2026, 4, 1))))
    m.add_note(Note("About Sam", NoteKind.MEETING, sat.id, created_at=at(date(2026, 4, 2))))
    m.add_engagement(Engagement(key.id, method="Email", due=date(2026, 5, 1), status=EngagementStatus.DONE,
                                outcome="Agreed a pilot"))  # fmt: skip
    m.add_engagement(Engagement(key.id, method="Lunch event"))  # undated
    events = timeline(m, key.id)
    assert [e.kind for e in events] == [EventKind.ENGAGEMENT, EventKind.ENGAGEMENT, EventKind.NOTE,
                                        EventKind.SNAPSHOT]  # fmt: skip
    assert events[0].when is None  # undated plans first: still to be placed
    assert "Agreed a pilot" in events[1].detail
    assert events[2].title == "Meeting: Met"
    assert "Influence 40" in events[3].detail
    points = standings(m, key.id, now=at(TODAY))
    assert [(p.label, p.influence) for p in points] == [("Spring", 40), ("Now", 80)]


# --------------------------------------------------------------- assessment
def test_assessment_reminder_is_due_one_interval_after_the_last_snapshot() -> None:
    m = Map(info=MapInfo(created_at=at(date(2026, 1, 1)), assessment_every_days=91))
    assert assessment_due(m, date(2026, 4, 1)) is None
    due = assessment_due(m, date(2026, 4, 3))
    assert due is not None
    assert not due.had_snapshot
    assert due.overdue_days == 1
    m.add_entities([Snapshot("Q1", taken_at=at(date(2026, 3, 1)))], "snap")
    assert assessment_due(m, date(2026, 4, 2)) is None
    assert assessment_due(m, date(2026, 5, 31)) is not None
    assert assessment_due(Map(info=MapInfo(assessment_every_days=0)), date(2099, 1, 1)) is None


def test_me_keeps_no_rhythm_with_myself() -> None:
    m, key, _sat, _mon = people_map(key_players=30)
    m.update_info(me_id=key.id)
    assert follow_ups(m, TODAY) == []
    assert going_cold_ids(m, TODAY) == frozenset()


def test_a_note_dated_in_the_future_is_not_contact_yet() -> None:
    m, key, _sat, _mon = people_map(key_players=30)
    m.add_note(Note("Meeting next week", NoteKind.MEETING, key.id, created_at=at(date(2026, 7, 7))))
    assert last_contact(m, key.id, TODAY) is None
    assert last_contact(m, key.id, date(2026, 7, 7)) == date(2026, 7, 7)


def test_a_map_without_any_rhythm_has_no_follow_ups_and_one_cadence_turns_it_on() -> None:
    m, key, _sat, _mon = people_map()
    assert follow_ups(m, TODAY) == []
    m.update_stakeholder(key.id, cadence_days=7)
    assert [f.stakeholder_id for f in follow_ups(m, TODAY)] == [key.id]
