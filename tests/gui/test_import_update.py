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


def test_kinds_not_ours_are_mapped_in_the_dialog_and_remembered_for_the_map(
    document: MapDocument, qtbot
) -> None:
    from PySide6.QtWidgets import QComboBox

    path = Path(__file__).parents[1] / "exchange" / "fixtures" / "kumu" / "kumu-export.xlsx"
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.wait_for_plan()
    assert dialog.plan is not None
    assert dialog.plan.unknown_kinds == {"collaboration": 2, "funding": 1}
    assert dialog.kinds_box.isVisibleTo(dialog)
    combos = dialog.kinds_box.findChildren(QComboBox)
    assert len(combos) == 2
    for combo, ours in zip(combos, ("allies_with", "advises"), strict=True):  # sorted: collaboration, funding
        combo.setCurrentIndex(combo.findData(ours))
        dialog.wait_for_plan()
    assert len(dialog.plan.relationships) == 4
    assert dialog.plan.unknown_kinds == {}
    dialog.reject()
    again = ImportDialog(document, path, read_table(path))  # the same map: the mapping is remembered
    qtbot.addWidget(again)
    again.wait_for_plan()
    assert again.plan is not None
    assert len(again.plan.relationships) == 4
