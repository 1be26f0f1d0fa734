"""Snapshot comparison: who moved toward support, who changed quadrant, who joined or left."""

from __future__ import annotations

from stakemap.core.compare import compare
from stakemap.core.entities import Attitude, Snapshot, Stakeholder, Trust
from tests.conftest import small_map


def test_then_and_now() -> None:
    m = small_map()
    m.take_snapshot("Spring")
    snapshot = next(iter(m.snapshots.values()))
    m.update_stakeholder("s-eli", attitude=Attitude.SUPPORTER, trust=Trust.MEDIUM)
    m.move_stakeholders({"s-eli": (70.0, 80.0)})  # keep informed -> key players
    m.update_stakeholder("s-dana", attitude=Attitude.BLOCKER)
    m.remove_stakeholders(["s-fay"])
    m.add_stakeholder(Stakeholder("Gus", id="s-gus"))

    result = compare(snapshot, m)
    assert [s.name for s in result.toward_support] == ["Eli"]
    assert [s.name for s in result.away_from_support] == ["Dana"]
    assert [s.name for s in result.moved] == ["Eli"]
    assert result.added == ("s-gus",)
    assert result.removed == (("s-fay", "Fay"),)
    text = "\n".join(result.summary(m))
    assert "Eli moved toward support: Neutral → Supporter." in text
    assert "Dana moved away from support: Champion → Blocker." in text
    assert "Eli moved from Keep informed to Key players." in text
    assert "Trust with Eli: Unknown → Medium." in text
    assert "New on the map: Gus." in text
    assert "No longer on the map: Fay." in text


def test_hidden_people_stay_out_of_the_summary() -> None:
    m = small_map()
    m.take_snapshot("Spring")
    snapshot = next(iter(m.snapshots.values()))
    m.update_stakeholder("s-fay", attitude=Attitude.CHAMPION)
    assert not any("Fay" in line for line in compare(snapshot, m).summary(m, hide_ids=frozenset({"s-fay"})))


def test_no_change_says_so() -> None:
    m = small_map()
    m.take_snapshot("Now")
    snapshot: Snapshot = next(iter(m.snapshots.values()))
    assert "Nobody has moved" in compare(snapshot, m).summary(m)[-1]


def test_the_handout_summary_leaves_out_attitude_and_trust() -> None:
    m = small_map()
    m.take_snapshot("Spring")
    snapshot = next(iter(m.snapshots.values()))
    m.update_stakeholder("s-eli", attitude=Attitude.CHAMPION, trust=Trust.HIGH)
    m.move_stakeholders({"s-eli": (90.0, 90.0)})
    lines = compare(snapshot, m).summary(m, marks=False)
    assert "Eli moved from Keep informed to Key players." in lines
    assert not any("support" in line or "Trust" in line for line in lines)
