"""The plan as an .ics file, parsed back with icalendar: one event per open dated engagement."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from stakemap.core.entities import Engagement, EngagementStatus, Stakeholder
from stakemap.core.model import Map
from stakemap.exchange.calendar import engagement_uid, export_plan_ics, plan_calendar
from stakemap.exchange.errors import ExchangeError


def plan_map() -> Map:
    m = Map()
    dana, eli = Stakeholder("Dana Ólafsdóttir", role="CFO"), Stakeholder("Eli", confidential=True)
    m.add_stakeholders([dana, eli])
    for e in (
        Engagement(
            dana.id,
            reason="Budget, next year",
            method="Lunch event",
            owner="Ulla",
            due=date(2026, 7, 1),
            spiel="What keeps you up at night?",
        ),
        Engagement(
            dana.id, method="Email", owner="Bo", due=date(2026, 7, 3), status=EngagementStatus.POSTPONED
        ),
        Engagement(eli.id, method="Casual conversation", owner="ulla ", due=date(2026, 7, 2)),
        Engagement(dana.id, method="Email", due=date(2026, 6, 1), status=EngagementStatus.DONE),  # not open
        Engagement(dana.id, method="Interview request"),  # undated
    ):
        m.add_engagement(e)
    return m


def events(data: bytes) -> dict[str, object]:
    return {str(ev["uid"]): ev for ev in Calendar.from_ical(data).walk("VEVENT")}


def test_every_open_dated_engagement_is_one_event_with_its_uid_dates_and_summary() -> None:
    m = plan_map()
    result = plan_calendar(m)
    assert (result.written, result.undated) == (4, 1)
    found = events(result.data)
    (task,) = Calendar.from_ical(result.data).walk("VTODO")  # the undated one: a task, not an event
    undated = next(e for e in m.plan() if e.due is None)
    assert str(task["uid"]) == engagement_uid(undated)
    assert "dtstart" not in task
    assert str(task["summary"]) == "Interview request with Dana Ólafsdóttir"
    expected = [e for e in m.plan() if e.status.is_open and e.due is not None]
    assert set(found) == {engagement_uid(e) for e in expected}
    for e in expected:
        ev = found[engagement_uid(e)]
        assert ev.decoded("dtstart") == e.due  # type: ignore[attr-defined]
        assert ev.decoded("dtend") == e.due + timedelta(days=1)  # type: ignore[attr-defined,operator]
        person = m.stakeholders[e.stakeholder_id].name
        assert str(ev["summary"]) == f"{e.method} with {person}"  # type: ignore[index]
        assert str(ev["class"]) == "PRIVATE"  # type: ignore[index]
    lunch = next(ev for ev in found.values() if "Lunch" in str(ev["summary"]))  # type: ignore[index]
    assert "Reason: Budget, next year" in str(lunch["description"])  # type: ignore[index]


def test_re_exporting_after_an_edit_keeps_the_uids_and_raises_the_sequence() -> None:
    m = plan_map()
    first = events(plan_calendar(m).data)
    e = next(e for e in m.plan() if e.method == "Lunch event")
    m.update_engagement(e.id, due=date(2026, 8, 1))
    second = events(plan_calendar(m).data)
    assert set(first) == set(second)  # updates the same entries, never duplicates them
    uid = engagement_uid(e)
    assert second[uid].decoded("dtstart") == date(2026, 8, 1)  # type: ignore[attr-defined]
    assert int(second[uid]["sequence"]) >= int(first[uid]["sequence"])  # type: ignore[index]


def test_one_owner_only_matched_without_case_or_spaces_and_confidential_people_optional() -> None:
    m = plan_map()
    assert plan_calendar(m, owner="ULLA").written == 2
    assert plan_calendar(m, owner="Ulla", include_confidential=False).written == 1


def test_an_unknown_owner_is_a_clear_error_naming_the_owners(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="Owners in the plan: Bo, Ulla"):
        export_plan_ics(plan_map(), tmp_path / "p.ics", owner="Nobody")
    assert not (tmp_path / "p.ics").exists()


def test_export_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = export_plan_ics(plan_map(), out)
    assert out.read_bytes() == result.data
    assert b"BEGIN:VCALENDAR" in result.data
    with pytest.raises(ExchangeError, match="Cannot write"):
        export_plan_ics(plan_map(), tmp_path / "missing-folder" / "plan.ics")
