"""Erase means erase: a person erased everywhere is gone from the map, every snapshot, every byte."""

from __future__ import annotations

from pathlib import Path

from stakemap.gui.document import MapDocument
from stakemap.storage.database import open_map


def _stored(path: Path):
    opened = open_map(path, read_only=True)
    try:
        return opened.load()
    finally:
        opened.close()


def test_erase_everywhere_removes_the_person_from_snapshots_and_every_byte(
    map_file: Path, qapp: object
) -> None:
    document = MapDocument(open_map(map_file))
    document.edit(lambda m: m.take_snapshot("Spring"))
    document.edit(lambda m: m.take_snapshot("Summer"))
    document.erase_everywhere(["s-dana"])
    assert "s-dana" not in document.map.stakeholders
    for snapshot in document.map.snapshots.values():
        assert all(e.stakeholder_id != "s-dana" for e in snapshot.entries)
        assert snapshot.entries  # the others stay
    document.undo_stack.undo()  # undoable while the map is open
    assert all(any(e.name == "Dana" for e in s.entries) for s in document.map.snapshots.values())
    document.undo_stack.redo()
    document.close()

    stored = _stored(map_file)
    assert "s-dana" not in stored.stakeholders
    assert all(all(e.stakeholder_id != "s-dana" for e in s.entries) for s in stored.snapshots.values())
    assert b"Dana" not in map_file.read_bytes()
