"""Undo on a server map: local to its user, computed against the present, never wiping others' work."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stakemap.core.entities import Note, Stakeholder
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]


@pytest.fixture
def two(make_team_map: Team, qapp: object) -> Iterator[tuple[TeamMap, MapDocument, MapDocument, list[str]]]:
    team = make_team_map(small_map())
    priya, sam = MapDocument(team.open("priya")), MapDocument(team.open("sam"))
    messages: list[str] = []
    priya.write_failed.connect(messages.append)
    yield team, priya, sam, messages
    priya.close()
    sam.close()


def server(team: TeamMap) -> Map:
    opened = team.open("vera")
    return opened.load()


def test_undo_sets_back_only_my_field(two: tuple[TeamMap, MapDocument, MapDocument, list[str]]) -> None:
    team, priya, sam, messages = two
    priya.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    sam.edit(lambda m: m.update_stakeholder("s-dana", unit="Platform"))
    priya.undo_stack.undo()
    assert messages == []
    dana = server(team).stakeholders["s-dana"]
    assert (dana.role, dana.unit) == ("Engineer", "Platform")
    assert priya.map.stakeholders["s-dana"].unit == "Platform"  # the merge is shown
    priya.undo_stack.redo()
    dana = server(team).stakeholders["s-dana"]
    assert (dana.role, dana.unit) == ("Lead engineer", "Platform")


def test_undo_of_a_field_someone_changed_since_is_refused_and_dropped(
    two: tuple[TeamMap, MapDocument, MapDocument, list[str]],
) -> None:
    team, priya, sam, messages = two
    priya.edit(lambda m: m.update_stakeholder("s-eli", role="Lead"))
    priya.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    sam.refresh()
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
    priya.undo_stack.undo()
    assert len(messages) == 1
    assert "Sam changed Dana’s role to “Architect”" in messages[0]
    assert "dropped from the undo history" in messages[0]
    assert server(team).stakeholders["s-dana"].role == "Architect"
    assert priya.undo_stack.count() == 1  # the rest of the history stays
    priya.undo_stack.undo()
    assert server(team).stakeholders["s-eli"].role == "Analyst"


def test_undo_refused_locally_once_refreshed(
    two: tuple[TeamMap, MapDocument, MapDocument, list[str]],
) -> None:
    team, priya, sam, messages = two
    priya.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    sam.refresh()
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
    priya.refresh()
    priya.undo_stack.undo()
    assert messages[0].startswith("Cannot undo “")
    assert "Dana’s role changed since" in messages[0]
    assert priya.undo_stack.count() == 0
    assert server(team).stakeholders["s-dana"].role == "Architect"


def test_undoing_add_never_cascades_a_colleagues_notes(
    two: tuple[TeamMap, MapDocument, MapDocument, list[str]],
) -> None:
    team, priya, sam, messages = two
    priya.edit(lambda m: m.add_stakeholder(Stakeholder("Gus", id="s-gus")))
    sam.refresh()
    sam.edit(lambda m: m.add_note(Note("Met Gus at the fair", stakeholder_id="s-gus")))
    priya.undo_stack.undo()
    assert "others attached 1 note" in messages[0]
    fresh = server(team)
    assert "s-gus" in fresh.stakeholders
    assert [n.text for n in fresh.notes.values() if n.stakeholder_id == "s-gus"] == ["Met Gus at the fair"]
    assert "s-gus" in priya.map.stakeholders


def test_conflict_offers_use_mine_and_keep_theirs(
    two: tuple[TeamMap, MapDocument, MapDocument, list[str]],
) -> None:
    team, priya, sam, _messages = two
    priya.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    with pytest.raises(EditRejected, match="Priya changed Dana’s role"):
        sam.edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
    conflict = sam.last_conflict
    assert conflict is not None
    assert conflict.choices == ("Use mine", "Keep theirs")
    sam.use_mine(conflict)
    assert server(team).stakeholders["s-dana"].role == "Architect"
    assert sam.undo_stack.undoText() == "Use mine"
    sam.undo_stack.undo()  # an ordinary edit: undo gives priya's value back
    assert server(team).stakeholders["s-dana"].role == "Lead engineer"

    priya.refresh()
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="CTO"))
    with pytest.raises(EditRejected):
        priya.edit(lambda m: m.update_stakeholder("s-dana", role="Head of platform"))
    assert priya.last_conflict is not None
    priya.keep_theirs(priya.last_conflict)
    assert priya.map.stakeholders["s-dana"].role == "CTO"
    assert priya.undo_stack.undoText() == "Keep theirs"  # an ordinary edit too
    assert server(team).stakeholders["s-dana"].role == "CTO"
    priya.undo_stack.undo()  # undoing "Keep theirs" writes mine after all
    assert server(team).stakeholders["s-dana"].role == "Head of platform"
    priya.undo_stack.redo()
    assert server(team).stakeholders["s-dana"].role == "CTO"
    priya.edit(lambda m: m.update_stakeholder("s-dana", unit="Core"))  # versions in step again
    assert server(team).stakeholders["s-dana"].unit == "Core"


def test_redo_of_a_tie_a_colleague_made_meanwhile_is_dropped_not_the_history(
    two: tuple[TeamMap, MapDocument, MapDocument, list[str]],
) -> None:
    from stakemap.core.entities import Relationship, RelationshipKind

    team, priya, sam, messages = two
    priya.edit(lambda m: m.update_stakeholder("s-eli", role="Lead"))
    priya.edit(lambda m: m.add_relationship(Relationship("s-eli", "s-fay", RelationshipKind.ADVISES)))
    priya.undo_stack.undo()
    sam.refresh()
    sam.edit(lambda m: m.add_relationship(Relationship("s-eli", "s-fay", RelationshipKind.ADVISES)))
    priya.undo_stack.redo()
    assert "already linked" in messages[0]
    assert priya.undo_stack.count() == 1  # only that step went; "Lead" can still be undone
    priya.undo_stack.undo()
    assert server(team).stakeholders["s-eli"].role == "Analyst"
