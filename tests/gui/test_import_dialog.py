"""The import dialog: mapping guessed, problems listed by row, one undo entry, nothing on cancel."""

from __future__ import annotations

from pathlib import Path

from stakemap.exchange.sources import read_table
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.import_dialog import ImportDialog
from stakemap.storage.database import open_map


def test_import_shows_preview_problems_and_adds_in_one_step(
    document: MapDocument, map_file: Path, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Full name,Job title,Power\nGus <b>,Auditor,60\n,Nobody,20\nHal,Intern,900\n", encoding="utf-8"
    )
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    assert dialog.people_mapping.combos["name"].currentText() == "Full name"
    assert dialog.people_mapping.combos["influence"].currentText() == "Power"
    assert dialog.preview.item(0, 0).text() == "Gus <b>"
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems[0].endswith("row 3: the name is empty")
    assert "row 4: Influence: 900 is outside 0-100" in problems[1]
    assert dialog.import_button.text() == "Import 1 people, skip 2"
    assert dialog.apply()
    assert document.undo_stack.count() == 1
    stored = open_map(map_file, read_only=True)
    assert "Gus <b>" in {p.name for p in stored.load().stakeholders.values()}
    stored.close()


def test_changing_the_mapping_updates_the_plan(document: MapDocument, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Who,Where\nGus,Audit\n", encoding="utf-8")
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    unit = dialog.people_mapping.combos["unit"]
    unit.setCurrentIndex(unit.findText("Where"))
    assert dialog.plan is not None
    assert dialog.plan.stakeholders[0].unit == "Audit"
    dialog.reject()
    assert document.undo_stack.count() == 0
    assert len(document.map.stakeholders) == 4
