"""A user's journey through the whole window (issue 14): from no map to a planned, compared, exported,
renamed, closed and reopened map, by keyboard and mouse. After every step the map on disk equals the
map on screen, and no exception or Qt warning about deleted objects was raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from stakemap.gui.canvas.link_dialog import LinkDialog
from stakemap.gui.paths import untitled_left_behind
from stakemap.gui.widgets.export_pdf import ExportPdfDialog
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.gui.widgets.plan.model import FIELD_COLUMN
from tests.gui.modal_answerer import ModalAnswerer, accept
from tests.gui.window_checks import (
    Failures,
    assert_disk_matches_screen,
    assert_menus_belong_to_document,
    settle,
)

PEOPLE = ["Ada", "Bea", "Cy", "Dee", "Eve", "Fox", "Gus", "Hal"]


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def type_text(text: str) -> None:
    for char in text:
        QTest.keyClick(focus(), char)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = focus()
    assert widget is not None, f"nothing has the keyboard focus for {key}"
    QTest.keyClick(widget, key, modifier)
    settle()


def action(window: MainWindow, text: str):
    """A window action by its menu text (without the mnemonic)."""
    for candidate in window.findChildren(QAction):
        if candidate.text().replace("&", "") == text and candidate.isEnabled():
            return candidate
    raise AssertionError(f"no enabled action “{text}”")


class Journey:
    def __init__(self, window: MainWindow, failures: Failures) -> None:
        self.window, self.failures = window, failures

    def step(self, name: str) -> None:
        settle()
        if QApplication.activeWindow() is None:  # a dialog closed: the window manager gives the focus back
            self.window.activateWindow()
            QTest.qWaitForWindowActive(self.window)
        self.failures.check(name)
        assert_disk_matches_screen(self.window)
        assert_menus_belong_to_document(self.window)


@pytest.fixture
def journey(window: MainWindow, failures: Failures) -> Journey:
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return Journey(window, failures)


def centre_of(window: MainWindow, person_id: str) -> QPoint:
    """A point where a click lands on this person's card: its centre, unless another card covers it.

    Where cards overlap depends on the fonts installed (card sizes follow the text), so a gesture
    aims at a visible part of the card, as a user would.
    """
    canvas = window.parts.canvas
    scene = canvas.map_scene
    card = scene.cards[person_id]
    rect = card.sceneBoundingRect()
    candidates = [rect.center()] + [
        rect.topLeft() + QPointF(rect.width() * fx / 6, rect.height() * fy / 4)
        for fy in (1, 2, 3)
        for fx in (1, 2, 3, 4, 5)
    ]
    for point in candidates:
        if scene.card_at(point) is card:
            return canvas.mapFromScene(point)
    raise AssertionError(f"the card of {card.person.name} is covered by others")


def mouse_drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(widget, start + (end - start) * i / 8)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_a_new_users_journey(journey: Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = journey.window
    answers = ModalAnswerer()
    saves: list[str] = []
    opens: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (saves.pop(0), ""))
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (opens.pop(0), ""))
    journey.step("start with no map")
    assert window.document is None

    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File > New Map
    journey.step("New")
    assert window.document is not None
    first_path = window.document.path

    ids: dict[str, str] = {}
    for name in PEOPLE:  # keyboard only: add, type the name, Enter
        press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        type_text(name)
        press(Qt.Key.Key_Return)
        person = window.selection.current_stakeholder
        assert person is not None
        ids[name] = person
        journey.step(f"add {name}")
    doc = window.document
    assert sorted(p.name for p in doc.map.stakeholders.values()) == PEOPLE

    canvas = window.parts.canvas
    for index, name in enumerate(PEOPLE):  # place them by keyboard: select, then nudge
        window.selection.set([ids[name]])
        canvas.setFocus()
        for _ in range(index):
            press(Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
        journey.step(f"place {name}")
    before = doc.map.stakeholders[ids["Hal"]].interest
    mouse_drag(
        canvas.viewport(), centre_of(window, ids["Hal"]), centre_of(window, ids["Hal"]) + QPoint(120, 0)
    )
    journey.step("drag Hal")
    assert doc.map.stakeholders[ids["Hal"]].interest > before

    canvas.setFocus()
    press(Qt.Key.Key_L)  # link mode, then one drag by mouse
    mouse_drag(canvas.viewport(), centre_of(window, ids["Ada"]), centre_of(window, ids["Hal"]))
    journey.step("link by mouse")
    assert any(
        t.source_id == ids["Ada"] and t.target_id == ids["Hal"] for t in doc.map.relationships.values()
    )
    canvas.setFocus()
    press(Qt.Key.Key_Escape)

    def choose_bea(dialog: QWidget) -> None:
        assert isinstance(dialog, LinkDialog)
        dialog.target.setCurrentIndex(dialog.target.findText("Bea"))
        dialog.accept()

    answers.then(choose_bea)
    window.selection.set([ids["Cy"]])
    canvas.setFocus()
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    journey.step("link by keyboard")
    assert any(t.source_id == ids["Cy"] and t.target_id == ids["Bea"] for t in doc.map.relationships.values())

    window.selection.set([ids["Dee"]])
    notes = window.parts.inspector.person_page.notes
    notes.text.setFocus()
    type_text("Met at lunch; wants fewer meetings")
    notes.save_button.click()
    journey.step("note")
    assert [n.text for n in doc.map.notes.values()] == ["Met at lunch; wants fewer meetings"]

    window.selection.set([ids["Dee"]])
    canvas.setFocus()
    press(Qt.Key.Key_Delete)  # Dee has a note: asked first, and a stray Enter (the default) is Cancel
    journey.step("Delete asks, Enter cancels")
    assert ids["Dee"] in doc.map.stakeholders
    assert answers.seen[-1] == "QMessageBox: Delete"

    plan = window.parts.plan
    for name, due in (("Dee", QDate(2027, 3, 1)), ("Eve", QDate(2027, 4, 1))):
        engagement = plan.add_engagement(ids[name])
        settle()
        assert engagement is not None
        row = plan.model.row_of(engagement)
        plan.model.setData(plan.model.index(row, FIELD_COLUMN["due"]), due)
        journey.step(f"plan {name}")
    assert len(doc.map.engagements) == 2

    snapshots = window.parts.snapshots
    snapshots.take_button.click()  # asks for a name: the default is accepted
    journey.step("snapshot")
    assert len(doc.map.snapshots) == 1

    window.selection.set([ids["Ada"]])
    canvas.setFocus()
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    journey.step("move Ada")

    snapshots.list.setCurrentRow(0)
    snapshots.compare_button.click()
    journey.step("compare")
    assert snapshots.current_comparison() is not None
    snapshots.compare_button.click()  # stop comparing
    journey.step("stop comparing")

    insights = window.parts.insights
    insights.source_combo.setCurrentIndex(insights.source_combo.findData(ids["Cy"]))
    insights.set_path_target(ids["Bea"])
    journey.step("path highlight")
    insights.clear_path_button.click()
    journey.step("clear the path")
    assert not insights.clear_path_button.isEnabled()

    for edition in (0, 1):
        target = tmp_path / f"plan-{edition}.pdf"

        def fill(dialog: QWidget, edition: int = edition, target: Path = target) -> None:
            assert isinstance(dialog, ExportPdfDialog)
            dialog.path.setText(str(target))
            dialog.edition.setCurrentIndex(edition)
            dialog.accept()

        answers.then(fill, accept)  # the export dialog, then "Plan exported"
        window.actions_.export_menu.actions()[0].trigger()
        job = window._export_job
        assert job is not None
        assert job.wait(60_000)
        settle()
        QTest.qWait(50)
        journey.step(f"PDF edition {edition}")
        assert target.stat().st_size > 1000

    renamed = tmp_path / "outreach.stakemap"
    saves.append(str(renamed))
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    journey.step("Save As")
    assert doc.path == renamed
    assert not first_path.exists()  # an untitled map moves out of the untitled folder

    window.undo_group.undo()  # the move of Ada, now undone in the new file
    journey.step("undo in the new file")
    window.undo_group.undo()
    journey.step("undo again")

    press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # Close Map
    journey.step("Close")
    assert window.document is None

    window.actions_.recent_menu.aboutToShow.emit()
    recent = [a for a in window.actions_.recent_menu.actions() if a.text().endswith(renamed.name)]
    recent[0].trigger()
    journey.step("Open Recent")
    assert window.document is not None
    assert window.document.path == renamed
    assert len(window.document.map.stakeholders) == len(PEOPLE)

    action(window, "New Map").trigger()
    journey.step("New again")
    opens.append(str(renamed))
    action(window, "Open…").trigger()
    journey.step("Open the first map again")
    assert window.document.path == renamed
    assert untitled_left_behind() == []  # the New nobody used was not kept as a map left behind

    workbook = tmp_path / "outreach.ods"
    saves.append(str(workbook))
    answers.then(accept)  # "Who is this file for?": the default (an audience) is fine here
    action(window, "Everything as LibreOffice Spreadsheet (ODS)…").trigger()
    journey.step("export ODS")
    assert workbook.stat().st_size > 0
    action(window, "New Map").trigger()
    opens.append(str(workbook))
    action(window, "Import from Spreadsheet…").trigger()  # the dialog's Import is its default
    journey.step("import the ODS into a new map")
    assert len(window.document.map.stakeholders) == len(PEOPLE)
    assert len(window.document.map.engagements) == 2  # the plan came back with the people
    assert len(window.document.map.relationships) == 2

    action(window, "Copy Diagnostic Report").trigger()
    journey.step("copy the diagnostic report")
    report = QApplication.clipboard().text()
    assert report.startswith("Stakemap ")
    for name in PEOPLE:
        assert name not in report  # versions and log lines, never the map
    answers.stop()
    assert not [s for s in answers.seen if "Cannot" in s or "already open" in s], answers.seen
