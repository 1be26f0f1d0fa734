"""Notes in the inspector: newest first, add / edit / delete as one undo entry each, text shown literally."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from stakemap.core.entities import Note, NoteKind
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.notes_view import note_preview
from tests.conftest import stored
from tests.gui.inspector_helpers import make_panel

HOSTILE = "Asked what the board needs <b>now</b> & later 🙂 — شكرا — 谢谢"


def test_add_edit_delete_a_note_each_one_undo_entry(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person_page.notes
    assert notes.note_ids() == ["n-1"]

    notes.kind.setCurrentIndex(notes.kind.findData(NoteKind.MEETING))
    notes.confidential.setChecked(True)
    qtbot.keyClicks(notes.text, "Asked")
    notes.text.insertPlainText(HOSTILE.removeprefix("Asked"))  # QTest cannot type emoji
    qtbot.keyClick(notes.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    on_file = stored(map_file).notes_on(stakeholder_id="s-dana")
    assert [n.text for n in on_file] == [HOSTILE, "Met at the <b>board</b> & lunch"]  # newest first
    assert (on_file[0].kind, on_file[0].confidential) == (NoteKind.MEETING, True)
    assert notes.note_ids() == [on_file[0].id, "n-1"]
    first = notes.list.item(0).text()
    assert "Confidential" in first
    assert "Meeting" in first
    assert HOSTILE in first  # the list shows the text as typed, never as markup
    assert "&lt;b&gt;now" in notes.list.item(0).toolTip()  # the tooltip escapes it
    assert notes.text.toPlainText() == ""  # the form is ready for the next note
    assert document.undo_stack.count() == 1

    notes.start_edit(notes.list.item(0))
    assert notes.text.toPlainText() == HOSTILE
    assert notes.save_button.text() == "Save Note"
    notes.text.setPlainText("Edited: they need a brief by Friday")
    notes.confidential.setChecked(False)
    notes.save()
    edited = stored(map_file).notes[on_file[0].id]
    assert (edited.text, edited.confidential, edited.kind) == (
        "Edited: they need a brief by Friday",
        False,
        NoteKind.MEETING,
    )
    assert edited.created_at == on_file[0].created_at  # editing keeps its place in time
    assert document.undo_stack.count() == 2

    notes.list.setCurrentRow(0)
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_Delete)
    assert [n.id for n in stored(map_file).notes_on(stakeholder_id="s-dana")] == ["n-1"]
    assert notes.note_ids() == ["n-1"]
    assert document.undo_stack.count() == 3

    document.undo_stack.undo()
    assert notes.note_ids() == [on_file[0].id, "n-1"]


def test_saving_an_unchanged_edit_adds_no_entry(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person_page.notes
    notes.start_edit(notes.list.item(0))
    notes.save()
    assert document.undo_stack.count() == 0
    assert notes.editing_id is None


def test_a_note_the_model_refuses_is_explained_and_kept_in_the_form(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person_page.notes
    too_long = "x" * 20_001
    notes.text.setPlainText(too_long)
    notes.save()
    assert "too long" in notes.message.text.text()
    assert notes.text.toPlainText() == too_long  # not lost: the user can shorten it
    assert document.undo_stack.count() == 0


def test_notes_follow_their_subject(document: MapDocument, qtbot) -> None:
    document.edit(lambda m: m.add_note(Note("About the tie", relationship_id="r-1", id="n-tie")))
    document.edit(lambda m: m.add_note(Note("About the map", id="n-map")))
    panel, selection = make_panel(document, qtbot)
    assert panel.map_page.notes.note_ids() == ["n-map"]
    selection.set([], ["r-1"])
    assert panel.relationship_page.notes.note_ids() == ["n-tie"]
    panel.relationship_page.notes.text.setPlainText("Second tie note")
    panel.relationship_page.notes.save()
    assert document.map.notes_on(relationship_id="r-1")[0].text == "Second tie note"
    assert len(panel.relationship_page.notes.note_ids()) == 2
    # A note added elsewhere shows up at once.
    document.edit(lambda m: m.add_note(Note("Another map note", id="n-map-2")))
    assert panel.map_page.notes.note_ids()[0] == "n-map-2"


def test_long_notes_are_previewed_in_a_few_lines() -> None:
    text = "\n".join(f"line {i}" for i in range(10))
    preview = note_preview(text)
    assert preview.startswith("line 0\nline 1\nline 2")
    assert "line 3" not in preview
    assert preview.endswith("…")
    assert len(note_preview("word " * 2000)) < 300
    assert note_preview("short") == "short"


def test_a_half_written_note_waits_while_another_person_is_shown(document: MapDocument, qtbot) -> None:
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person_page.notes
    notes.text.setPlainText("Ask about the quota")
    notes.confidential.setChecked(True)
    selection.set(["s-eli"])
    assert notes.text.toPlainText() == ""  # Eli's form is empty, and nothing was saved
    assert document.undo_stack.count() == 0
    selection.set(["s-dana"])
    assert notes.text.toPlainText() == "Ask about the quota"
    assert notes.confidential.isChecked()
    notes.save()
    assert document.map.notes_on(stakeholder_id="s-dana")[0].text == "Ask about the quota"


def test_a_note_can_be_back_dated_and_edited_through_a_visible_button(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import QDateTime

    panel, selection = make_panel(document, qtbot)
    selection.set(["s-dana"])
    notes = panel.person_page.notes
    notes.when.setDateTime(QDateTime(2025, 3, 4, 9, 30, 0))
    qtbot.keyClicks(notes.text, "Lunch last spring")
    notes.save_button.click()
    added = stored(map_file).notes_on(stakeholder_id="s-dana")
    lunch = next(n for n in added if n.text == "Lunch last spring")
    assert lunch.created_at.astimezone().replace(tzinfo=None) == datetime(2025, 3, 4, 9, 30)
    assert lunch.created_at.tzinfo is not None

    assert not notes.edit_button.isEnabled() or notes.list.currentItem() is not None
    notes.list.setCurrentRow(notes.note_ids().index(lunch.id))
    assert notes.edit_button.isEnabled()
    assert notes.edit_button.isVisibleTo(panel)
    notes.edit_button.click()
    assert notes.editing_id == lunch.id
    notes.text.setPlainText("Lunch last spring, with Eli")
    notes.save_button.click()
    again = stored(map_file).notes["" + lunch.id]
    assert again.text == "Lunch last spring, with Eli"
    assert again.created_at == lunch.created_at  # an edit keeps the time unless it is changed
    assert datetime.now(UTC) > again.created_at


def test_a_person_with_thousands_of_notes_shows_a_page_and_more_on_request(
    document: MapDocument, qtbot
) -> None:
    from datetime import UTC, datetime, timedelta

    from stakemap.gui.widgets.inspector.notes_view import PAGE

    start = datetime(2020, 1, 1, tzinfo=UTC)
    many = [
        Note(f"n {i}", stakeholder_id="s-eli", created_at=start + timedelta(minutes=i)) for i in range(1_000)
    ]
    document.edit(lambda m: m.add_entities(many, "Many notes"))
    panel, selection = make_panel(document, qtbot)
    selection.set(["s-eli"])
    notes = panel.person_page.notes
    assert len(notes.note_ids()) == PAGE
    assert notes.list.count() == PAGE + 1
    assert "800 not shown" in notes.list.item(PAGE).text()
    notes.list.itemClicked.emit(notes.list.item(PAGE))
    assert len(notes.note_ids()) == 2 * PAGE
    assert notes.note_ids()[0] == many[-1].id  # newest first
