"""Maps survive a write and a reload exactly, edits are written through, and loading is batched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from stakemap.core.entities import Note, Stakeholder
from stakemap.storage.database import create_map, open_map, save_as
from stakemap.storage.errors import MapFileError, ReadOnlyMapError
from tests.conftest import small_map


def test_everything_written_comes_back_equal(tmp_path: Path) -> None:
    original = small_map()
    original.add_note(Note("Ставка на доверие — 信任 — ثقة 🙂", stakeholder_id="s-eli"))
    original.take_snapshot("Before the reorg")
    create_map(tmp_path / "m.stakemap", original).close()

    opened = open_map(tmp_path / "m.stakemap")
    loaded = opened.load()
    opened.close()

    assert loaded.info == original.info
    assert loaded.stakeholders == original.stakeholders
    assert loaded.relationships == original.relationships
    assert loaded.notes == original.notes
    assert loaded.engagements == original.engagements
    assert loaded.snapshots == original.snapshots


def test_each_edit_is_on_disk_at_once_and_undo_restores_it(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    change = m.remove_stakeholders(["s-dana"])
    opened.repository.write(change)
    # A second reader sees the deletion immediately: nothing waits for a "save".
    assert "s-dana" not in open_map(map_file, read_only=True).load().stakeholders
    m.apply(change.inverted())
    opened.repository.write(change.inverted())
    opened.close()

    again = open_map(map_file).load()
    assert again.stakeholders["s-dana"].name == "Dana"
    assert {r.id for r in again.relationships.values()} == {"r-1", "r-2"}
    assert set(again.notes) == {"n-1"}
    assert set(again.engagements) == {"e-1"}


def test_failed_write_stores_nothing_of_the_change(map_file: Path) -> None:
    opened = open_map(map_file)
    m = opened.load()
    good = Stakeholder("Good", id="s-good")
    change = m.add_stakeholders([good, Stakeholder("Clash", id="s-good2")])
    # Make the second insert collide with an existing row behind the model's back.
    bad = change.__class__(change.label, change.before, (*change.after, Stakeholder("Dup", id="s-dana")))
    with pytest.raises(MapFileError, match="could not be saved"):
        opened.repository.write(bad)
    assert "s-good" not in opened.load().stakeholders
    opened.close()


def test_loading_a_big_map_is_a_handful_of_queries(tmp_path: Path) -> None:
    m = small_map()
    m.add_stakeholders([Stakeholder(f"P{i}", influence=i % 100, interest=(i * 7) % 100) for i in range(300)])
    create_map(tmp_path / "big.stakemap", m).close()
    opened = open_map(tmp_path / "big.stakemap")
    statements: list[str] = []
    event.listen(opened.repository.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    loaded = opened.load()
    opened.close()
    assert len(loaded.stakeholders) == 304
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 8


def test_read_only_map_refuses_edits_with_the_reason(map_file: Path) -> None:
    opened = open_map(map_file, read_only=True)
    m = opened.load()
    with pytest.raises(ReadOnlyMapError, match="read-only"):
        opened.repository.write(m.update_info(title="New"))
    opened.close()


def test_save_as_copies_everything_and_the_copy_is_editable(map_file: Path, tmp_path: Path) -> None:
    opened = open_map(map_file)
    copy = save_as(opened, tmp_path / "copy.stakemap")
    opened.close()
    m = copy.load()
    copy.repository.write(m.update_info(title="Copy"))
    copy.close()
    assert open_map(tmp_path / "copy.stakemap").load().info.title == "Copy"
    assert open_map(map_file, read_only=True).load().info.title == "Test map"


def test_create_refuses_to_overwrite(map_file: Path) -> None:
    before = map_file.read_bytes()
    with pytest.raises(MapFileError, match="will not overwrite"):
        create_map(map_file)
    assert map_file.read_bytes() == before
