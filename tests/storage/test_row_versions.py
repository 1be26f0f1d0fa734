"""Row versions: a write lands exactly as the change expects, or fails loudly and stores nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from stakemap.storage.database import _sqlite_engine, open_map
from stakemap.storage.errors import RowGoneError, StaleWriteError
from stakemap.storage.repository import MapRepository


def _outside(path: Path, sql: str) -> None:
    """Change the file as another program (a sync client, a restore) would: no Stakemap involved."""
    db = sqlite3.connect(path)
    with db:
        db.execute(sql)
    db.close()


def _row(path: Path, sql: str) -> tuple[object, ...] | None:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchone()
    finally:
        db.close()


def test_every_entity_row_has_a_version(map_file: Path) -> None:
    for table in ("map_info", "stakeholder", "relationship", "note", "engagement", "snapshot"):
        assert _row(map_file, f"SELECT count(*) FROM {table} WHERE version IS NULL OR version < 1") == (0,)


def test_edit_to_a_person_gone_from_the_file_is_refused_with_her_name(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    _outside(map_file, "DELETE FROM engagement WHERE stakeholder_id='s-dana'")
    _outside(map_file, "DELETE FROM note WHERE stakeholder_id='s-dana'")
    _outside(map_file, "DELETE FROM relationship WHERE source_id='s-dana' OR target_id='s-dana'")
    _outside(map_file, "DELETE FROM stakeholder WHERE id='s-dana'")
    with pytest.raises(RowGoneError) as caught:
        opened.repository.write(m.update_stakeholder("s-dana", role="Architect"))
    opened.close()
    assert str(caught.value).startswith("Dana is no longer in this file: it was changed outside Stakemap.")
    assert "Reopen it to see the file as it is." in str(caught.value)


def test_a_failed_row_rolls_back_the_whole_transaction(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    _outside(map_file, "UPDATE stakeholder SET role='Changed elsewhere', version=version+1 WHERE id='s-dana'")
    change = m.move_stakeholders({"s-eli": (55.0, 55.0), "s-dana": (10.0, 10.0)})
    with pytest.raises(StaleWriteError) as caught:
        opened.repository.write(change)
    opened.close()
    assert "Dana" in str(caught.value)
    assert _row(map_file, "SELECT influence, interest FROM stakeholder WHERE id='s-eli'") == (20.0, 75.0)
    assert _row(map_file, "SELECT role, influence FROM stakeholder WHERE id='s-dana'") == (
        "Changed elsewhere",
        80.0,
    )


def test_delete_of_a_row_changed_elsewhere_is_refused(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    _outside(map_file, "UPDATE note SET text='rewritten', version=version+1 WHERE id='n-1'")
    with pytest.raises(StaleWriteError):
        opened.repository.write(m.remove_stakeholders(["s-dana"]))
    opened.close()
    assert _row(map_file, "SELECT name FROM stakeholder WHERE id='s-dana'") == ("Dana",)


def _second_writer(path: Path) -> tuple[MapRepository, object]:
    repository = MapRepository(_sqlite_engine(path, read_only=False))
    return repository, repository.load()


def test_two_writers_to_one_person_never_lose_an_edit(map_file: Path) -> None:
    first = open_map(map_file)
    m1 = first.load()
    second, m2 = _second_writer(map_file)
    first.repository.write(m1.update_stakeholder("s-dana", role="Architect"))
    with pytest.raises(StaleWriteError):
        second.write(m2.update_stakeholder("s-dana", unit="Platform"))  # type: ignore[attr-defined]
    first.close()
    second.dispose()
    assert _row(map_file, "SELECT role, unit FROM stakeholder WHERE id='s-dana'") == ("Architect", "")


def test_two_writers_to_different_people_both_land(map_file: Path) -> None:
    first = open_map(map_file)
    m1 = first.load()
    second, m2 = _second_writer(map_file)
    first.repository.write(m1.update_stakeholder("s-dana", role="Architect"))
    # Both edits also move the map's modified time: that column alone never conflicts.
    second.write(m2.update_stakeholder("s-eli", role="Lead"))  # type: ignore[attr-defined]
    first.repository.write(m1.update_stakeholder("s-dana", unit="Platform"))
    first.close()
    second.dispose()
    assert _row(map_file, "SELECT role, unit FROM stakeholder WHERE id='s-dana'") == ("Architect", "Platform")
    assert _row(map_file, "SELECT role FROM stakeholder WHERE id='s-eli'") == ("Lead",)


def test_an_update_writes_only_the_columns_it_changed(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    statements: list[str] = []

    @event.listens_for(opened.repository.engine, "before_cursor_execute")
    def _seen(_c: object, _cur: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    opened.repository.write(m.update_stakeholder("s-dana", role="Architect"))
    opened.close()
    updates = [s for s in statements if s.startswith("UPDATE stakeholder")]
    assert len(updates) == 1
    assert "role" in updates[0]
    assert "name" not in updates[0]
    assert "influence" not in updates[0]


def test_undo_after_writes_keeps_versions_in_step(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    change = m.remove_stakeholders(["s-dana"])
    opened.repository.write(change)
    m.apply(change.inverted())
    opened.repository.write(change.inverted())
    again = m.update_stakeholder("s-dana", role="Architect")
    opened.repository.write(again)
    m.apply(again.inverted())
    opened.repository.write(again.inverted())
    opened.close()
    assert _row(map_file, "SELECT role FROM stakeholder WHERE id='s-dana'") == ("Engineer",)


def test_a_map_from_before_row_versions_reads_read_only_unchanged(map_file: Path) -> None:
    import hashlib

    from alembic import command
    from sqlalchemy import create_engine

    from stakemap.storage.database import alembic_config

    engine = create_engine(f"sqlite:///{map_file}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    engine.dispose()
    before = hashlib.sha256(map_file.read_bytes()).hexdigest()
    opened = open_map(map_file, read_only=True)
    assert opened.load().stakeholders["s-dana"].name == "Dana"
    opened.close()
    assert hashlib.sha256(map_file.read_bytes()).hexdigest() == before
