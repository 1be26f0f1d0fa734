"""MapDocument without any view: each edit is one undo entry, written through; undo/redo hit the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.core.entities import Stakeholder
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map
from tests.conftest import stored


def test_move_is_one_undo_entry_and_undo_restores_the_file(document: MapDocument, map_file: Path) -> None:
    document.edit(lambda m: m.move_stakeholders({"s-dana": (10.0, 20.0), "s-eli": (30.0, 40.0)}))
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move 2 stakeholders"
    assert stored(map_file).stakeholders["s-dana"].influence == 10.0

    document.undo_stack.undo()
    assert document.map.stakeholders["s-dana"].influence == 80.0
    assert stored(map_file).stakeholders["s-dana"].influence == 80.0
    document.undo_stack.redo()
    assert stored(map_file).stakeholders["s-eli"].interest == 40.0


def test_delete_with_cascade_undoes_completely(document: MapDocument, map_file: Path) -> None:
    document.edit(lambda m: m.remove_stakeholders(["s-dana"]))
    assert "r-1" not in stored(map_file).relationships
    document.undo_stack.undo()
    back = stored(map_file)
    assert back.stakeholders["s-dana"].name == "Dana"
    assert set(back.relationships) == {"r-1", "r-2"}
    assert "n-1" in back.notes


def test_invalid_edit_is_refused_and_leaves_no_history(document: MapDocument, map_file: Path) -> None:
    with pytest.raises(EditRejected, match="must not be empty"):
        document.edit(lambda m: m.update_stakeholder("s-dana", name="   "))
    assert document.undo_stack.count() == 0
    assert document.map.stakeholders["s-dana"].name == "Dana"


def test_changed_signal_carries_the_change(document: MapDocument, qtbot) -> None:
    with qtbot.waitSignal(document.changed) as blocker:
        document.edit(lambda m: m.add_stakeholder(Stakeholder("Gus", id="s-gus")))
    assert "s-gus" in blocker.args[0].ids(Stakeholder)


def test_failed_write_puts_the_screen_back(document: MapDocument, map_file: Path) -> None:
    document.opened.repository.read_only_reason = "the disk went away"  # the next write fails
    with pytest.raises(EditRejected, match="disk went away"):
        document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
    assert document.map.stakeholders["s-dana"].role == "Engineer"
    assert document.undo_stack.count() == 0


def test_read_only_document_refuses_edits(map_file: Path, qapp: object) -> None:
    doc = MapDocument(open_map(map_file, read_only=True))
    with pytest.raises(EditRejected, match="read-only"):
        doc.edit(lambda m: m.update_info(title="x"))
    doc.close()
