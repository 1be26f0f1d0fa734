"""The import dialog's "Update people already on the map": the changes listed, then made in one undo entry."""

from __future__ import annotations

from pathlib import Path

from stakemap.exchange.sources import read_table
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.import_dialog import ImportDialog


def test_updating_matching_people_lists_the_changes_and_makes_them_in_one_step(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Role\nDana,CTO\nGus,Auditor\n", encoding="utf-8")
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.wait_for_plan()
    assert dialog.problems.count() == 1  # Dana is on the map: skipped unless updates are asked for
    assert not dialog.updates.isVisibleTo(dialog)
    dialog.update_people.setChecked(True)
    dialog.wait_for_plan()
    assert dialog.problems.count() == 0
    assert [dialog.updates.item(i).text() for i in range(dialog.updates.count())] == [
        "Dana (row 2): Role: Engineer → CTO"
    ]
    assert dialog.import_button.text() == "Import 1 people and update 1"
    assert dialog.apply()
    assert document.map.stakeholders["s-dana"].role == "CTO"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.map.stakeholders["s-dana"].role == "Engineer"
