"""The main window as a user meets it: opening maps, refusals in a dialog, the lock choice, Save As."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from stakemap.gui.canvas.delete_dialog import DeleteChoice
from stakemap.gui.canvas.view import MapView
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.storage.database import open_map


def test_opening_a_map_shows_it(window: MainWindow, map_file: Path) -> None:
    assert window.open_path(map_file)
    assert isinstance(window.parts.canvas, MapView)
    assert window.windowTitle().startswith("Test map — test.stakemap")
    assert window.recent.paths()[0] == map_file.resolve()


def test_a_foreign_file_is_refused_in_a_dialog_and_left_alone(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    path = tmp_path / "budget.stakemap"
    path.write_bytes(b"PK\x03\x04 a spreadsheet, really")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert not window.open_path(path)
    assert "not a Stakemap map" in shown[0]
    assert "The file was not changed." in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert window.document is None


def test_a_map_open_elsewhere_offers_read_only(
    window: MainWindow, map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = open_map(map_file)  # another Stakemap has it

    def choose_read_only(box: QMessageBox) -> int:
        box.buttons()[0].click()  # "Open Read-Only", the default
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_read_only)
    assert window.open_path(map_file)
    assert window.document is not None
    assert window.document.read_only
    assert "[read-only]" in window.windowTitle()
    other.close()


def test_new_map_then_save_as_moves_it_out_of_untitled(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.new_map()
    assert window.document is not None
    assert window.document.untitled
    untitled = window.document.path
    assert untitled is not None
    assert untitled.exists()
    window.document.edit(lambda m: m.update_info(title="Q3 partners"))
    target = tmp_path / "partners.stakemap"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_as_dialog()
    assert window.document.path == target
    assert not untitled.exists()
    stored = open_map(target, read_only=True)
    assert stored.load().info.title == "Q3 partners"
    stored.close()


def test_overdue_follow_ups_are_listed_on_opening(window: MainWindow, map_file: Path) -> None:
    assert window.open_path(map_file)  # e-1 with Dana was due on 15 Jan 2026
    notice = window.notice_bar.overdue
    assert window.isAncestorOf(notice)  # in the window, not a dialog in the way
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert window.notice_bar.notices_shown()
    assert "1 planned engagement is past due." in notice.text()
    assert "Dana: Joint goals" in notice.informativeText()
    notice.plan_button.click()
    assert window.parts.plan.show_combo.currentData() == "overdue"  # type: ignore[attr-defined]
    notice.close_button.click()
    assert not window.notice_bar.notices_shown()
    window.notice_bar.hide_notices()
    window.notice_bar.show_notices()
    assert not window.notice_bar.notices_shown()  # dismissed stays dismissed
    assert window.parts.plan.show_combo.currentData() == "overdue"  # type: ignore[attr-defined]


def test_delete_on_the_canvas_works_with_every_dock_open(window: MainWindow, map_file: Path, qtbot) -> None:
    from PySide6.QtCore import Qt

    window.show()
    assert window.open_path(map_file)
    window.notice_bar.hide_notices()
    from PySide6.QtTest import QTest

    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    canvas = window.parts.canvas
    window.selection.set(["s-eli"])
    canvas.delete_confirmer = lambda _parent, _names, _attached: DeleteChoice.DELETE  # Eli has a tie: asked
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus, timeout=2000)
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert "s-eli" not in window.document.map.stakeholders  # type: ignore[union-attr]


def test_the_overdue_notice_is_one_line_high(window: MainWindow, map_file: Path, qtbot) -> None:
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(map_file)
    window.notice_bar.overdue.set_lines(
        [f"• Person {i}: a long reason to get in touch " * 3 for i in range(8)]
    )
    window.notice_bar.show_notices()
    qtbot.wait(50)
    line = window.fontMetrics().height()
    assert window.notice_bar.overdue.height() <= 3 * line  # it took a tenth of the window when it wrapped
    assert window.width() <= 1600  # and it does not widen the window either


def test_a_1024_by_768_window_shows_the_plan_bar_and_a_narrow_inspector(
    window: MainWindow, map_file: Path, qtbot
) -> None:
    from PySide6.QtWidgets import QScrollArea

    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(map_file)
    window.selection.set(["s-dana"])
    qtbot.wait(50)
    plan = window.parts.plan
    delete = plan.delete_button  # type: ignore[attr-defined]
    right_edge = delete.mapTo(window, delete.rect().topRight()).x()
    assert right_edge <= window.width()  # "Delete Engagement" was cut off at the right
    assert plan.minimumSizeHint().width() <= 1024
    inspector = window.docks["inspector"].widget()
    shown = [s for s in inspector.findChildren(QScrollArea) if s.isVisible()]
    assert shown
    assert all(s.widget().minimumSizeHint().width() <= 300 for s in shown)  # it was 454: the notes form
