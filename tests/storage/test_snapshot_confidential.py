"""Migration 0004: snapshot entries remember who was confidential; old entries take the person's current
flag, and a person no longer on the map counts as confidential."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from stakemap.core.compare import compare
from stakemap.storage.database import alembic_config, open_map


def _downgrade_to_0002(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    engine.dispose()


def test_old_snapshot_entries_take_the_current_flag_and_the_departed_count_as_confidential(
    map_file: Path,
) -> None:
    opened = open_map(map_file)
    m = opened.load()
    opened.repository.write(m.take_snapshot("Before"))
    opened.close()
    _downgrade_to_0002(map_file)
    with sqlite3.connect(map_file) as db:
        db.execute(
            "INSERT INTO snapshot_entry (snapshot_id, position, stakeholder_id, name, influence, interest, "
            "attitude, trust) SELECT snapshot_id, 99, 's-gone', 'Gone Person', 50, 50, 'neutral', 'unknown' "
            "FROM snapshot_entry LIMIT 1"
        )
    db.close()
    opened = open_map(map_file)
    m = opened.load()
    opened.close()
    (snapshot,) = m.snapshots.values()
    flags = {e.stakeholder_id: e.confidential for e in snapshot.entries}
    assert flags == {"s-ceo": False, "s-dana": False, "s-eli": False, "s-fay": True, "s-gone": True}
    assert [name for _id, name in compare(snapshot, m).removed] == ["Gone Person"]


def test_new_snapshots_record_the_flag_and_keep_it(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    opened.repository.write(m.take_snapshot("Now"))
    opened.close()
    again = open_map(map_file, read_only=True)
    (snapshot,) = again.load().snapshots.values()
    again.close()
    assert {e.stakeholder_id for e in snapshot.entries if e.confidential} == {"s-fay"}


def test_an_older_map_opened_read_only_is_read_through_an_upgraded_copy(map_file: Path) -> None:
    """Headless commands open read-only: an older map must still load, and stay byte for byte as it was."""
    opened = open_map(map_file)
    opened.repository.write(opened.load().take_snapshot("Before"))
    opened.close()
    _downgrade_to_0002(map_file)
    before = map_file.read_bytes()
    again = open_map(map_file, read_only=True)
    m = again.load()
    again.close()
    assert m.stakeholders["s-dana"].name == "Dana"
    (snapshot,) = m.snapshots.values()
    assert {e.stakeholder_id for e in snapshot.entries if e.confidential} == {"s-fay"}
    assert map_file.read_bytes() == before
