"""The same storage code on PostgreSQL (the team set-up): schema, round trip, write-through.

Runs when STAKEMAP_TEST_PG_URL points at an empty database the test may fill
(.ci/run starts a throwaway server and sets it); skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from stakemap.core.entities import Note
from stakemap.storage.database import OpenedMap, open_url
from stakemap.storage.orm import metadata
from tests.conftest import small_map

PG_URL = os.environ.get("STAKEMAP_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="set STAKEMAP_TEST_PG_URL to run against PostgreSQL"),
]


@pytest.fixture
def pg_map() -> Iterator[OpenedMap]:
    assert PG_URL is not None
    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    opened = open_url(PG_URL)
    yield opened
    opened.close()


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
    assert PG_URL is not None
    m = pg_map.load()
    pg_map.repository.write(m.update_info(title="Team map"))
    again = open_url(PG_URL)
    assert again.load().info.title == "Team map"
    again.close()
