"""`stakemap export MAP plan.ics [--owner]` and `stakemap log-interaction MAP FILE [--person]`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from stakemap.cli import main
from stakemap.core.entities import Engagement, Stakeholder
from stakemap.core.model import Map
from stakemap.storage.database import create_map, open_map

FIXTURES = Path(__file__).parent / "exchange" / "fixtures" / "interactions"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    m = Map()
    m.add_stakeholders(
        [Stakeholder("Dana", email="dana.okafor@northwind.example", id="dana"), Stakeholder("Eli", id="eli")]
    )
    m.add_engagement(Engagement("dana", method="Email", owner="Ulla", due=date(2026, 12, 10)))
    m.add_engagement(Engagement("eli", method="Lunch event", owner="Bo", due=date(2026, 12, 11)))
    path = tmp_path / "m.stakemap"
    create_map(path, m).close()
    return path


def test_export_ics_for_everyone_or_one_owner(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.ics"
    assert main(["export", str(plan_file), str(out)]) == 0
    assert "2 open engagements" in capsys.readouterr().out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 2
    assert main(["export", str(plan_file), str(out), "--owner", "bo"]) == 0
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Lunch event with Eli"
    assert main(["export", str(plan_file), str(out), "--owner", "Nobody"]) == 1
    assert "Owners in the plan: Bo, Ulla" in capsys.readouterr().err
    assert main(["export", str(plan_file), str(tmp_path / "x.csv"), "--owner", "Bo"]) == 1


def test_log_interaction_adds_dated_notes_once(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "thunderbird_all_day.ics")
    assert main(["log-interaction", str(plan_file), source, "--person", "eli"]) == 0
    assert "Logged for Dana, Eli." in capsys.readouterr().out
    assert main(["log-interaction", str(plan_file), source]) == 0
    assert "Already logged for Dana" in capsys.readouterr().out
    m = open_map(plan_file, read_only=True).load()
    assert len(m.notes) == 2
    assert all(n.created_at.date() == date(2026, 12, 4) for n in m.notes.values())
    assert main(["log-interaction", str(plan_file), source, "--person", "Nobody"]) == 1
    assert "No stakeholder named" in capsys.readouterr().err
