"""Loading checks everything later code relies on: each bad file is refused (or read-only) with a reason."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import MapFileError


def _alter(path: Path, *statements: str, loosen: tuple[str, ...] = ()) -> None:
    """Rewrite the file as another program could: ``loosen`` drops NOT NULL from those columns."""
    db = sqlite3.connect(path, isolation_level=None)
    if loosen:
        db.execute("PRAGMA writable_schema=ON")
        for column in loosen:
            db.execute(
                "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table'",
                (f"{column} BOOLEAN NOT NULL", f"{column} BOOLEAN"),
            )
        db.execute("PRAGMA writable_schema=OFF")
        db.close()
        db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        db.execute(statement)
    db.close()


def _refused(path: Path) -> str:
    with pytest.raises(MapFileError) as caught:
        open_map(path).close()
    return str(caught.value)


@pytest.mark.parametrize("column", ["confidential", "contact_permitted", "in_focus"])
def test_null_where_a_value_is_required_is_refused(map_file: Path, column: str) -> None:
    _alter(map_file, f"UPDATE stakeholder SET {column} = NULL WHERE id = 's-fay'", loosen=(column,))
    message = _refused(map_file)
    assert column.replace("_", " ") in message or column in message


def test_deeply_nested_json_is_refused_not_a_recursion_error(map_file: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    _alter(map_file, f"UPDATE stakeholder SET tags = '{deep}' WHERE id = 's-eli'")
    assert "nested" in _refused(map_file)


def test_nested_json_in_the_method_list_is_refused(map_file: Path) -> None:
    _alter(map_file, """UPDATE map_info SET engagement_methods = '[["a", ["b"]]]'""")
    _refused(map_file)


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("UPDATE snapshot_entry SET influence = 1e300", "influence"),
        ("UPDATE snapshot_entry SET name = printf('%.*c', 300, 'x')", "name"),
        ("UPDATE snapshot_entry SET name = ''", "name"),
        ("UPDATE snapshot_entry SET attitude = 'furious'", "furious"),
    ],
)
def test_snapshot_entries_are_checked_like_live_people(map_file: Path, sql: str, words: str) -> None:
    opened = open_map(map_file)
    m = opened.load()
    opened.repository.write(m.take_snapshot("Before"))
    opened.close()
    _alter(map_file, sql)
    message = _refused(map_file)
    assert "snapshot" in message.lower()


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE UNIQUE INDEX evil ON stakeholder(role) WHERE role != ''",
        "CREATE INDEX evil2 ON stakeholder(influence * 2)",
        "CREATE INDEX ix_stakeholder_name ON stakeholder(name)",
    ],
)
def test_indexes_stakemap_did_not_create_make_the_map_read_only(map_file: Path, sql: str) -> None:
    _alter(map_file, sql)
    opened = open_map(map_file)
    assert opened.read_only
    assert "did not create" in (opened.read_only_reason or "")
    opened.close()


def test_duplicate_ties_are_refused(map_file: Path) -> None:
    _alter(
        map_file,
        # The same pair the other way round, undirected: the same tie, though the schema's unique
        # (from, to, kind) constraint (migration 0006) cannot see it.
        "INSERT INTO relationship SELECT 'r-dup', target_id, source_id, kind, 0, strength, "
        "confidence, note, version FROM relationship WHERE id = 'r-1'",
    )
    assert "linked" in _refused(map_file)
