"""Closing, opening and making maps in one window, in any order: the window stays whole (issue 14 blocker)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from stakemap.gui.paths import data_dir
from stakemap.gui.widgets.main_window import MainWindow
from tests.gui.window_checks import (
    Failures,
    assert_disk_matches_screen,
    assert_menus_belong_to_document,
    settle,
)


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


def test_close_then_new_then_open_keeps_the_window_whole(
    window: MainWindow, map_file: Path, failures: Failures, no_dialogs: list[str]
) -> None:
    assert window.open_path(map_file)
    settle()
    window.close_map()
    settle()
    assert_menus_belong_to_document(window)
    window.new_map()
    settle()
    failures.check("New after Close")
    assert window.document is not None
    assert window.windowTitle().startswith("Untitled map")
    assert_menus_belong_to_document(window)
    window.close_map()
    settle()
    assert window.open_path(map_file)
    settle()
    failures.check("Open after Close")
    assert no_dialogs == []
    assert window.windowTitle().startswith("Test map")
    assert_menus_belong_to_document(window)
    assert_disk_matches_screen(window)


def test_opening_the_map_already_open_here_does_not_call_it_another_stakemap(
    window: MainWindow, map_file: Path, failures: Failures, no_dialogs: list[str]
) -> None:
    assert window.open_path(map_file)
    settle()
    assert window.open_path(map_file)
    settle()
    assert no_dialogs == []
    assert window.document is not None
    assert not window.document.read_only


def test_a_new_map_that_fails_to_show_leaves_no_orphan_and_a_working_window(
    window: MainWindow,
    map_file: Path,
    failures: Failures,
    no_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import stakemap.gui.views as views

    real = views.build_views

    def broken(*_args: object) -> views.MapParts:
        raise RuntimeError("a view could not be built")

    monkeypatch.setattr(views, "build_views", broken)
    window.new_map()
    settle()
    failures.problems.clear()  # the failure is logged; the user gets a message instead
    assert window.document is None
    assert no_dialogs, "the user is told"
    assert list((data_dir() / "untitled").glob("*.stakemap")) == []
    monkeypatch.setattr(views, "build_views", real)
    assert window.open_path(map_file)
    settle()
    assert_menus_belong_to_document(window)
    assert not window.document.read_only  # type: ignore[union-attr]


def test_save_as_keeps_the_undo_history(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failures: Failures
) -> None:
    window.new_map()
    assert window.document is not None
    window.document.edit(lambda m: m.update_info(title="Q3 partners"))
    target = tmp_path / "partners.stakemap"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_as_dialog()
    settle()
    assert window.document.path == target
    assert window.document.undo_stack.canUndo()
    window.document.undo_stack.undo()
    assert window.document.title == "Untitled map"
    assert_disk_matches_screen(window)


def test_docks_keep_their_size_when_another_map_opens(
    window: MainWindow, map_file: Path, qtbot, no_dialogs: list[str]
) -> None:
    from PySide6.QtCore import Qt

    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(map_file)
    settle()
    window.resizeDocks([window.docks["inspector"]], [520], Qt.Orientation.Horizontal)
    settle()
    before = window.docks["inspector"].width()
    window.close_map()
    settle()
    window.new_map()
    settle()
    assert abs(window.docks["inspector"].width() - before) <= 4
    assert window.parts.canvas.width() > 600
