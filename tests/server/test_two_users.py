"""Two users, two engines, one server map: each finding of issue 15, in a fixed interleaving.

priya and sam are editors, each with their own connection and their own copy of the map, as two
Stakemap windows on two computers would be.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from stakemap.core.entities import Attitude, Note, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.storage.errors import (
    AttachedError,
    DuplicateTieError,
    EditConflictError,
    RowGoneError,
)
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]


def test_edits_to_different_fields_of_one_person_both_land(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    priya.repository.write(mp.update_stakeholder("s-dana", role="Lead engineer"))
    sam.repository.write(ms.update_stakeholder("s-dana", attitude=Attitude.BLOCKER))
    fresh = team.open("vera").load().stakeholders["s-dana"]
    assert (fresh.role, fresh.attitude) == ("Lead engineer", Attitude.BLOCKER)
    # sam's write was merged: what it stored, including priya's role, is handed back to show.
    merged = [e for e in sam.repository.merged.values() if isinstance(e, Stakeholder)]
    assert [(e.role, e.attitude) for e in merged] == [("Lead engineer", Attitude.BLOCKER)]


def test_an_edit_never_reverts_anothers_map_title(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    priya.repository.write(mp.update_info(title="Engagement register 2027"))
    sam.repository.write(ms.update_stakeholder("s-eli", role="Lead"))
    sam.repository.write(ms.update_info(purpose="Who to win over"))
    info = team.open("vera").load().info
    assert (info.title, info.purpose) == ("Engagement register 2027", "Who to win over")


def test_the_same_field_changed_by_both_is_refused_saying_who(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    priya.repository.write(mp.update_stakeholder("s-dana", role="Lead engineer"))
    with pytest.raises(EditConflictError) as caught:
        sam.repository.write(ms.update_stakeholder("s-dana", role="Architect"))
    error = caught.value
    assert str(error).startswith("Priya changed Dana’s role to “Lead engineer” at ")
    assert "your “Architect” was not saved" in str(error)
    assert error.choices == ("Use mine", "Keep theirs")
    assert error.fields == ("role",)
    assert team.open("vera").load().stakeholders["s-dana"].role == "Lead engineer"
    # "Use mine": take theirs as seen, then the same edit again, written over theirs.
    sam.repository.accept(error.theirs, error.version)  # type: ignore[arg-type]
    ms.apply(ms.update_stakeholder("s-dana", role="Lead engineer").inverted())  # back to loaded state
    ms.stakeholders["s-dana"] = error.theirs  # type: ignore[assignment]
    sam.repository.write(ms.update_stakeholder("s-dana", role="Architect"))
    assert team.open("vera").load().stakeholders["s-dana"].role == "Architect"


def test_an_edit_to_a_person_the_other_deleted_is_refused(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    priya.repository.write(mp.remove_stakeholders(["s-eli"]))
    with pytest.raises(RowGoneError, match="Eli"):
        sam.repository.write(ms.update_stakeholder("s-eli", role="Lead"))


def test_deleting_someone_others_attached_to_is_refused_with_a_count(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    sam.repository.write(ms.add_note(Note("Prefers email", stakeholder_id="s-eli")))
    sam.repository.write(ms.add_note(Note("Back in May", stakeholder_id="s-eli")))
    with pytest.raises(AttachedError, match="others attached 2 notes") as caught:
        priya.repository.write(mp.remove_stakeholders(["s-eli"]))
    assert caught.value.attached == {"note": 2}
    fresh = team.open("vera").load()
    assert "s-eli" in fresh.stakeholders
    assert len([n for n in fresh.notes.values() if n.stakeholder_id == "s-eli"]) == 2


def test_two_users_linking_the_same_pair_store_one_tie(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    priya.repository.write(mp.add_relationship(Relationship("s-eli", "s-fay", RelationshipKind.ADVISES)))
    with pytest.raises(DuplicateTieError, match="already linked"):
        sam.repository.write(ms.add_relationship(Relationship("s-eli", "s-fay", RelationshipKind.ADVISES)))
    fresh = team.open("vera").load()
    assert (
        len([r for r in fresh.relationships.values() if r.source_id == "s-eli" and r.target_id == "s-fay"])
        == 1
    )


def test_opening_while_a_colleague_imports_reads_one_snapshot(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya = team.open("priya")
    sam = team.open("sam")
    ms = sam.load()
    statements = {"count": 0}

    # Between priya's first and second loading SELECT, sam imports people with ties among them.
    @event.listens_for(priya.repository.engine, "after_cursor_execute")
    def _interleave(*_args: object) -> None:
        statements["count"] += 1
        if statements["count"] == 3:
            people = [Stakeholder(f"New {i}", id=f"s-new-{i}") for i in range(5)]
            ties = [Relationship(f"s-new-{i}", f"s-new-{i + 1}", RelationshipKind.ADVISES) for i in range(4)]
            sam.repository.write(ms.add_entities([*people, *ties], "Import"))

    loaded = priya.repository.load()  # READ COMMITTED would see the ties but not their people
    assert statements["count"] > 3
    assert "s-new-0" not in loaded.stakeholders
    assert len(priya.repository.load().stakeholders) == 9


def test_a_small_edit_is_one_statement_without_a_transaction_round_trip(make_team_map: Team) -> None:
    team = make_team_map(small_map())
    priya = team.open("priya")
    m = priya.load()
    seen: list[tuple[str, bool]] = []

    def record(connection: Any, _cursor: object, statement: str, *_rest: object) -> None:
        # Autocommit: the driver sends no BEGIN and no COMMIT, only this statement.
        seen.append((" ".join(statement.split()), connection.connection.dbapi_connection.autocommit))

    event.listen(priya.repository.engine, "before_cursor_execute", record)
    priya.repository.write(m.update_stakeholder("s-dana", role="Lead engineer"))
    assert len(seen) == 1
    statement, autocommit = seen[0]
    assert autocommit
    assert "UPDATE map_info SET modified_at" in statement
    assert "UPDATE stakeholder SET role" in statement
    assert "check_rows" in statement
    assert team.open("vera").load().stakeholders["s-dana"].role == "Lead engineer"


def test_two_users_linking_a_both_ways_pair_in_opposite_order_store_one_tie(make_team_map: Team) -> None:
    # Allies A–B and allies B–A are the same tie; a second one would make the map refuse to load.
    team = make_team_map(small_map())
    priya, sam = team.open("priya"), team.open("sam")
    mp, ms = priya.load(), sam.load()
    both_ways = RelationshipKind.ALLIES_WITH
    priya.repository.write(mp.add_relationship(Relationship("s-eli", "s-fay", both_ways, directed=False)))
    with pytest.raises(DuplicateTieError, match="already linked"):
        sam.repository.write(ms.add_relationship(Relationship("s-fay", "s-eli", both_ways, directed=False)))
    fresh = team.open("vera").load()  # loads: no duplicate stored
    pair = {"s-eli", "s-fay"}
    assert (
        len(
            [
                r
                for r in fresh.relationships.values()
                if {r.source_id, r.target_id} == pair and r.kind is both_ways
            ]
        )
        == 1
    )
