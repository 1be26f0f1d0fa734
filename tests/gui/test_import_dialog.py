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
    dialog.wait_for_plan()
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
    dialog.wait_for_plan()
    assert dialog.plan is not None
    assert dialog.plan.stakeholders[0].unit == "Audit"
    dialog.reject()
    assert document.undo_stack.count() == 0
    assert len(document.map.stakeholders) == 4


def test_stakemaps_own_relationships_export_imports(document: MapDocument, tmp_path: Path, qtbot) -> None:
    from stakemap.exchange.writers import export_csv

    path = tmp_path / "ties.csv"
    export_csv(document.map, path, "relationships")
    ties = list(document.map.relationships.values())
    document.try_edit(lambda m: m.remove_relationships([r.id for r in ties]))
    assert not document.map.relationships
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.wait_for_plan()
    assert dialog.people_sheet.currentData() is None
    assert dialog.ties_mapping.isVisibleTo(dialog)
    assert dialog.plan is not None
    assert not dialog.plan.problems
    assert len(dialog.plan.relationships) == len(ties)
    assert dialog.import_button.isEnabled()
    assert dialog.apply()
    assert {(r.source_id, r.target_id, r.kind) for r in document.map.relationships.values()} == {
        (r.source_id, r.target_id, r.kind) for r in ties
    }


def test_people_and_ties_sheets_found_by_their_headers(document: MapDocument, tmp_path: Path, qtbot) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Instructions"
    book.active.append(["Fill in both sheets."])
    ties = book.create_sheet("Ties")
    ties.append(["Source", "Target", "Type"])
    ties.append(["Gus", "Dana", "advises"])
    people = book.create_sheet("Team")
    people.append(["Name", "Role"])
    people.append(["Gus", "Auditor"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.direction_choice.setCurrentIndex(1)  # no direction column: the dialog asks, one way is chosen
    dialog.wait_for_plan()
    assert (dialog.people_sheet.currentData(), dialog.ties_sheet.currentData()) == ("Team", "Ties")
    assert dialog.plan is not None
    assert [p.name for p in dialog.plan.stakeholders] == ["Gus"]
    assert len(dialog.plan.relationships) == 1


def test_planning_runs_in_the_background_and_cancel_stops_it(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"Person {i}\n" for i in range(20_000)), encoding="utf-8")
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    assert dialog.planning  # the window was not blocked while 20,000 rows are checked
    dialog.reject()
    assert not dialog.planning
    assert document.undo_stack.count() == 0


def test_a_change_to_the_ties_columns_keeps_the_people_planned(
    document: MapDocument, tmp_path: Path, qtbot
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "People"
    book.active.append(["Name"])
    book.active.append(["Gus"])
    ties = book.create_sheet("Relationships")
    ties.append(["From", "To", "Kind", "Remark"])
    ties.append(["Gus", "Dana", "advises", "met twice"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.direction_choice.setCurrentIndex(1)  # no direction column: the dialog asks, one way is chosen
    dialog.wait_for_plan()
    assert dialog.plan is not None
    person = dialog.plan.stakeholders[0]
    note = dialog.ties_mapping.combos["note"]
    note.setCurrentIndex(note.findText("Remark"))
    dialog.wait_for_plan()
    assert dialog.plan.stakeholders[0] is person
    assert dialog.plan.relationships[0].note == "met twice"


def test_a_workbook_export_brings_its_plan_back(document: MapDocument, tmp_path: Path, qtbot) -> None:
    from stakemap.core.entities import Engagement
    from stakemap.exchange.writers import export_xlsx

    person = next(iter(document.map.stakeholders))
    document.edit(lambda m: m.add_entities([Engagement(person, reason="Walk through the budget")], "Plan"))
    path = tmp_path / "map.xlsx"
    export_xlsx(document.map, path)
    entries = [e.id for e in document.map.engagements.values()]
    document.edit(
        lambda m: m.combined("Clear the plan", *[(lambda mm, i=i: mm.remove_engagement(i)) for i in entries])
    )
    assert not document.map.engagements
    dialog = ImportDialog(document, path, read_table(path))
    qtbot.addWidget(dialog)
    dialog.wait_for_plan()
    assert dialog.plan_sheet.currentText() == "Plan"  # the plan sheet is found, not read as people
    assert dialog.plan is not None
    assert dialog.plan.stakeholders == []  # everyone is already on the map
    assert "plan entries" in dialog.import_button.text()
    assert dialog.apply()
    assert [e.reason for e in document.map.engagements.values()].count("Walk through the budget") == 1
    assert len(document.map.engagements) == len(entries)
