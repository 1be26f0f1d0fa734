"""The same storage code on PostgreSQL (the team set-up): schema, round trip, write-through.

Runs on a map of its own on the throwaway server .ci/run starts (``tests/server/conftest.py``), as
an ordinary login role; skipped without the server's variables.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stakemap.core.entities import Note
from stakemap.core.model import Map
from stakemap.storage.database import OpenedMap, open_url
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def pg_map(make_team_map: Callable[[Map | None], TeamMap]) -> OpenedMap:
    """An empty map of its own on the test server, opened by an editor (no superuser, no admin)."""
    opened = make_team_map(Map()).open("priya")
    return opened


def test_round_trip_and_write_through_on_postgres(pg_map: OpenedMap) -> None:
    original = small_map()
    original.add_note(Note("Ставка на доверие — 信任 — ثقة 🙂 <b>&", stakeholder_id="s-eli"))
    original.take_snapshot("Before")
    assert pg_map.load().stakeholders == {}
    pg_map.repository.write(pg_map.load().add_entities(
        [*original.stakeholders.values(), *original.relationships.values(),
         *original.notes.values(), *original.engagements.values(), *original.snapshots.values()],
        "Import",
    ))  # fmt: skip
    loaded = pg_map.load()
    assert loaded.stakeholders == original.stakeholders
    assert loaded.relationships == original.relationships
    assert loaded.notes == original.notes
    assert loaded.engagements == original.engagements
    assert loaded.snapshots == original.snapshots

    change = loaded.remove_stakeholders(["s-dana"])
    pg_map.repository.write(change)
    assert "r-1" not in pg_map.load().relationships
    pg_map.repository.write(change.inverted())
    assert set(pg_map.load().relationships) == {"r-1", "r-2"}


def test_reopening_an_existing_postgres_map_keeps_it(pg_map: OpenedMap) -> None:
    assert pg_map.address is not None
    m = pg_map.load()
    pg_map.repository.write(m.update_info(title="Team map"))
    again = open_url(pg_map.address)
    assert again.load().info.title == "Team map"
    again.close()


def test_everything_published_comes_back_equal_on_postgres(
    make_team_map: Callable[[Map | None], TeamMap],
) -> None:
    from stakemap.core.entities import QuadrantCadences

    original = small_map()
    original.add_note(Note("Ставка на доверие — 信任 — ثقة 🙂", stakeholder_id="s-eli"))
    original.update_stakeholder("s-dana", email="dana@example.org", phone="+1 555 0100", cadence_days=14)
    original.update_stakeholder("s-eli", cadence_days=0)
    original.update_info(cadences=QuadrantCadences(30, 91, 91, 0), assessment_every_days=91)
    original.take_snapshot("Before the reorg")
    loaded = make_team_map(original).open("priya").load()
    assert loaded.info.title == original.info.title
    assert loaded.info.cadences == original.info.cadences
    assert loaded.stakeholders == original.stakeholders
    assert loaded.relationships == original.relationships
    assert loaded.notes == original.notes
    assert loaded.engagements == original.engagements
    assert loaded.snapshots == original.snapshots


def test_a_failed_write_stores_nothing_of_the_change_on_postgres(pg_map: OpenedMap) -> None:
    from stakemap.core.entities import Stakeholder
    from stakemap.storage.errors import MapFileError

    m = pg_map.load()
    pg_map.repository.write(m.add_stakeholder(Stakeholder("Dana", id="s-dana")))
    change = m.add_stakeholders([Stakeholder("Good", id="s-good")])
    bad = change.__class__(change.label, change.before, (*change.after, Stakeholder("Dup", id="s-dana")))
    with pytest.raises(MapFileError, match="could not be saved"):
        pg_map.repository.write(bad)
    assert "s-good" not in pg_map.load().stakeholders
