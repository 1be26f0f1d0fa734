"""The inspector: the selected person's profile edited in place, one undo entry per field, written through."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from stakemap.core.entities import Attitude, NoteKind, Trust
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.profile.inspector import InspectorPanel
from stakemap.storage.database import open_map


def stored(path: Path):
    opened = open_map(path, read_only=True)
    try:
        return opened.load()
    finally:
        opened.close()


def make(document: MapDocument, qtbot) -> tuple[InspectorPanel, Selection]:
    selection = Selection()
    panel = InspectorPanel(document, selection)
    qtbot.addWidget(panel)
    return panel, selection


def type_into(qtbot, line: QLineEdit, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_person_fields_show_and_an_edit_is_stored_as_one_undo_entry(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make(document, qtbot)
    selection.set(["s-dana"])
    role = panel.person.binders["role"].widget
    assert isinstance(role, QLineEdit)
    assert role.text() == "Engineer"
    type_into(qtbot, role, "Principal Engineer")
    assert document.undo_stack.count() == 1
    assert stored(map_file).stakeholders["s-dana"].role == "Principal Engineer"
    document.undo_stack.undo()
    assert role.text() == "Engineer"
    assert document.undo_stack.count() == 1  # the undo did not create an edit of its own


def test_an_empty_name_is_refused_and_the_field_reverts(document: MapDocument, qtbot, monkeypatch) -> None:
    panel, selection = make(document, qtbot)
    refusals: list[str] = []
    document.write_failed.connect(refusals.append)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    selection.set(["s-dana"])
    name = panel.person.binders["name"].widget
    assert isinstance(name, QLineEdit)
    type_into(qtbot, name, "   ")
    assert "must not be empty" in refusals[0]
    assert name.text() == "Dana"
    assert document.undo_stack.count() == 0


def test_combos_and_checkboxes_commit_at_once(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make(document, qtbot)
    selection.set(["s-eli"])
    panel.person.binders["attitude"].committed.emit(Attitude.CHAMPION)
    panel.person.binders["trust"].committed.emit(Trust.LOW)
    panel.person.binders["confidential"].widget.click()
    person = stored(map_file).stakeholders["s-eli"]
    assert (person.attitude, person.trust, person.confidential) == (Attitude.CHAMPION, Trust.LOW, True)
    assert document.undo_stack.count() == 3


def test_a_change_made_elsewhere_refreshes_without_an_edit(document: MapDocument, qtbot) -> None:
    panel, selection = make(document, qtbot)
    selection.set(["s-dana"])
    document.edit(lambda m: m.update_stakeholder("s-dana", unit="Platform"))
    assert panel.person.binders["unit"].widget.text() == "Platform"  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 1


def test_notes_add_edit_delete_newest_first(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person.notes
    notes.text.setPlainText("Asked what the board needs <b>now</b> & later 🙂 — شكرا — 谢谢")
    notes.kind.setCurrentIndex(notes.kind.findData(NoteKind.MEETING))
    notes.confidential.setChecked(True)
    notes.save()
    texts = [n.text for n in stored(map_file).notes_on(stakeholder_id="s-dana")]
    assert texts[0].startswith("Asked what the board needs <b>now</b>")
    assert "<b>now</b>" in notes.list.item(0).text()  # shown literally, never as markup
    assert "confidential" in notes.list.item(0).text()

    notes._start_edit(notes.list.item(0))
    notes.text.setPlainText("Edited")
    notes.save()
    assert stored(map_file).notes_on(stakeholder_id="s-dana")[0].text == "Edited"

    notes.list.item(0).setSelected(True)
    notes.delete_selected()
    assert [n.text for n in stored(map_file).notes_on(stakeholder_id="s-dana")] == [texts[1]]
    assert document.undo_stack.count() == 3


def test_relationship_page_edits_strength(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make(document, qtbot)
    selection.set([], ["r-1"])
    assert panel.current_page is panel.tie
    assert "Dana → Carla <CEO>" in panel.tie.ends.text()
    panel.tie.binders["strength"].committed.emit(5)
    assert stored(map_file).relationships["r-1"].strength == 5


def test_map_page_edits_title_and_a_quadrant_label(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, _selection = make(document, qtbot)
    assert panel.current_page is panel.map_form
    type_into(qtbot, panel.map_form.binders["title"].widget, "Board outreach")  # type: ignore[arg-type]
    type_into(qtbot, panel.map_form.label_binders["monitor"].widget, "Watch list")  # type: ignore[arg-type]
    info = stored(map_file).info
    assert info.title == "Board outreach"
    assert info.quadrant_labels.monitor == "Watch list"


def test_read_only_map_cannot_be_edited(map_file: Path, qtbot) -> None:
    document = MapDocument(open_map(map_file, read_only=True))
    panel, selection = make(document, qtbot)
    selection.set(["s-dana"])
    assert panel.banner.isVisibleTo(panel)
    assert panel.person.binders["role"].widget.isReadOnly()  # type: ignore[attr-defined]
    assert not panel.person.plan_button.isEnabled()
    document.close()
