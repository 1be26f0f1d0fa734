"""Delete asks when notes, plans or ties go with a person, and offers Erase Everywhere for snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.core.erase import Attached, attached_to
from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.delete_dialog import DeleteChoice, ask_delete_choice, question_text
from stakemap.gui.document import MapDocument
from tests.conftest import small_map, stored
from tests.gui.canvas_helpers import shown_view
from tests.gui.modal_answerer import ModalAnswerer, reject


class Asked:
    def __init__(self, answer: DeleteChoice) -> None:
        self.answer = answer
        self.calls: list[tuple[list[str], Attached]] = []

    def __call__(self, _parent: QWidget | None, names: Sequence[str], attached: Attached) -> DeleteChoice:
        self.calls.append((list(names), attached))
        return self.answer


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = shown_view(document, qtbot)
    v.setFocus()
    return v


def test_counts_what_goes_with_a_person() -> None:
    m = small_map()
    dana = attached_to(m, ["s-dana"])
    # Dana: note n-1, engagement e-1, ties r-1 and r-2.
    assert dana == Attached(notes=1, engagements=1, relationships=2, snapshots=0)
    assert dana.sentence() == "1 note, 1 planned engagement and 2 relationships"
    assert attached_to(m, ["s-fay"]) == Attached()
    m.take_snapshot("Before")
    assert attached_to(m, ["s-fay"]).snapshots == 1
    assert attached_to(m, ["nobody"]) == Attached()


def test_the_question_names_the_person_and_the_counts() -> None:
    question, details = question_text(
        ["Dana"], Attached(notes=3, engagements=1, relationships=2, snapshots=2)
    )
    assert question == "Delete Dana?"
    assert "3 notes, 1 planned engagement and 2 relationships" in details
    assert "2 snapshots" in details
    assert "Erase Everywhere" in details


def test_a_person_with_nothing_attached_is_deleted_without_asking(view: MapView, map_file: Path) -> None:
    asked = Asked(DeleteChoice.CANCEL)
    view.delete_confirmer = asked
    view.selection.set(["s-fay"])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not asked.calls
    assert "s-fay" not in stored(map_file).stakeholders


def test_cancel_keeps_the_person_and_their_notes(view: MapView, map_file: Path) -> None:
    asked = Asked(DeleteChoice.CANCEL)
    view.delete_confirmer = asked
    view.selection.set(["s-dana"])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert asked.calls == [(["Dana"], Attached(notes=1, engagements=1, relationships=2))]
    saved = stored(map_file)
    assert "s-dana" in saved.stakeholders
    assert "n-1" in saved.notes
    assert view.document.undo_stack.count() == 0


def test_delete_keeps_snapshots_erase_removes_them(
    document: MapDocument, view: MapView, map_file: Path
) -> None:
    document.edit(lambda m: m.take_snapshot("Before"))
    view.delete_confirmer = Asked(DeleteChoice.DELETE)
    view.selection.set(["s-dana"])
    view.actions_.delete_selection.trigger()
    saved = stored(map_file)
    assert "s-dana" not in saved.stakeholders
    assert "n-1" not in saved.notes
    assert any(e.stakeholder_id == "s-dana" for s in saved.snapshots.values() for e in s.entries)
    document.undo_stack.undo()

    view.delete_confirmer = Asked(DeleteChoice.ERASE)
    view.selection.set(["s-dana"])
    view.actions_.delete_selection.trigger()
    saved = stored(map_file)
    assert "s-dana" not in saved.stakeholders
    assert not any(e.stakeholder_id == "s-dana" for s in saved.snapshots.values() for e in s.entries)
    assert document.undo_stack.undoText() == "Erase Dana everywhere"
    document.undo_stack.undo()  # undoable until the map is closed
    saved = stored(map_file)
    assert "s-dana" in saved.stakeholders
    assert "n-1" in saved.notes
    assert any(e.stakeholder_id == "s-dana" for s in saved.snapshots.values() for e in s.entries)


def test_the_real_dialog_defaults_to_cancel(qtbot) -> None:
    answerer = ModalAnswerer()  # accepts with the default button, as a stray Enter would
    try:
        choice = ask_delete_choice(None, ["Dana"], Attached(notes=1, snapshots=1))
    finally:
        answerer.stop()
    assert choice is DeleteChoice.CANCEL
    assert answerer.seen == ["QMessageBox: Delete"]
    answerer = ModalAnswerer(reject)
    try:
        assert ask_delete_choice(None, ["Dana"], Attached(notes=1)) is DeleteChoice.CANCEL
    finally:
        answerer.stop()


def test_the_real_dialog_offers_erase_only_for_snapshots(qtbot) -> None:
    buttons: list[list[str]] = []

    def click(label: str):
        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            buttons.append([b.text() for b in dialog.buttons()])
            next(b for b in dialog.buttons() if b.text() == label).click()

        return answer

    answerer = ModalAnswerer().then(click("Erase Everywhere"), click("Delete"))
    try:
        assert ask_delete_choice(None, ["Dana"], Attached(snapshots=2)) is DeleteChoice.ERASE
        assert ask_delete_choice(None, ["Dana"], Attached(notes=2)) is DeleteChoice.DELETE
    finally:
        answerer.stop()
    assert "Erase Everywhere" in buttons[0]
    assert "Erase Everywhere" not in buttons[1]
