"""The model refuses invalid state with a clear message, and every change can be undone exactly."""

from __future__ import annotations

import math

import pytest

from stakemap.core.entities import Engagement, Note, Relationship, RelationshipKind, Stakeholder
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.core.model import Map
from tests.conftest import small_map


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "must not be empty"),
        ({"name": "   "}, "must not be empty"),
        ({"name": "x", "influence": 101}, "from 0 to 100"),
        ({"name": "x", "interest": -1}, "from 0 to 100"),
        ({"name": "x", "influence": math.nan}, "from 0 to 100"),
        ({"name": "x", "influence": "high"}, "number"),
        ({"name": "x", "rank": 0}, "whole number"),
        ({"name": "x" * 201}, "too long"),
        ({"name": "x", "colour": "red"}, "colour"),
        ({"name": "a\x00b"}, "NUL"),
    ],
)
def test_invalid_stakeholders_are_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Stakeholder(**fields)


def test_self_links_and_duplicate_links_are_refused() -> None:
    m = small_map()
    with pytest.raises(ValueError, match="two different people"):
        Relationship("s-dana", "s-dana")
    with pytest.raises(ValueError, match="already linked"):
        m.add_relationship(Relationship("s-dana", "s-ceo", RelationshipKind.ADVISES))
    both_ways = Relationship("s-eli", "s-ceo", RelationshipKind.ALLIES_WITH, directed=False)
    m.add_relationship(both_ways)
    with pytest.raises(ValueError, match="already linked"):
        m.add_relationship(Relationship("s-ceo", "s-eli", RelationshipKind.ALLIES_WITH))
    with pytest.raises(ValueError, match="on the map"):
        m.add_relationship(Relationship("s-dana", "s-nobody"))


def test_a_refused_edit_leaves_the_map_untouched() -> None:
    m = small_map()
    before = (dict(m.stakeholders), m.info)
    with pytest.raises(ValueError, match="from 0 to 100"):
        m.update_stakeholder("s-dana", influence=400)
    with pytest.raises(ValueError, match="on the map"):
        m.add_engagement(Engagement("s-ghost"))
    assert (dict(m.stakeholders), m.info) == before


def test_deleting_a_person_takes_their_ties_notes_and_plan_and_undo_brings_all_back() -> None:
    m = small_map()
    snapshot = (dict(m.stakeholders), dict(m.relationships), dict(m.notes), dict(m.engagements))
    change = m.remove_stakeholders(["s-dana"])
    assert "s-dana" not in m.stakeholders
    assert not m.relationships_of("s-dana")
    assert not m.notes
    assert not m.engagements
    m.apply(change.inverted())
    assert (dict(m.stakeholders), dict(m.relationships), dict(m.notes), dict(m.engagements)) == snapshot


def test_notes_are_listed_newest_first_per_subject() -> None:
    m = Map()
    m.add_stakeholder(Stakeholder("Ann", id="s-a"))
    first = Note("first", stakeholder_id="s-a")
    m.add_note(first)
    second = Note(
        "second", stakeholder_id="s-a", created_at=first.created_at.replace(year=first.created_at.year + 1)
    )
    m.add_note(second)
    m.add_note(Note("about the map"))
    assert [n.text for n in m.notes_on(stakeholder_id="s-a")] == ["second", "first"]
    assert [n.text for n in m.notes_on()] == ["about the map"]


def test_move_is_recognised_as_positions_only() -> None:
    m = small_map()
    assert m.move_stakeholders({"s-dana": (1.0, 2.0)}).only_positions()
    assert not m.update_stakeholder("s-dana", role="Lead").only_positions()


@pytest.mark.parametrize(
    ("influence", "interest", "quadrant"),
    [
        (90, 90, Quadrant.KEY_PLAYERS),
        (90, 10, Quadrant.KEEP_SATISFIED),
        (10, 90, Quadrant.KEEP_INFORMED),
        (10, 10, Quadrant.MONITOR),
        (50, 50, Quadrant.KEY_PLAYERS),
    ],
)
def test_quadrants(influence: float, interest: float, quadrant: Quadrant) -> None:
    assert quadrant_of(influence, interest) is quadrant


def test_combined_edits_are_one_change_that_undoes_completely() -> None:
    m = small_map()
    before = (dict(m.engagements), m.info.engagement_methods)
    change = m.combined(
        "Set method",
        lambda mm: mm.update_info(engagement_methods=("Walk-and-talk",)),
        lambda mm: mm.update_engagement("e-1", method="Walk-and-talk"),
    )
    assert m.engagements["e-1"].method == "Walk-and-talk"
    m.apply(change.inverted())
    assert (dict(m.engagements), m.info.engagement_methods) == before


def test_combined_edit_refused_halfway_leaves_nothing() -> None:
    m = small_map()
    info = m.info
    with pytest.raises(ValueError, match="from 0 to 100"):
        m.combined(
            "Bad",
            lambda mm: mm.update_info(title="Changed"),
            lambda mm: mm.update_stakeholder("s-dana", influence=500),
        )
    assert m.info == info
