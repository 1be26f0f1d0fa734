"""Presenter mode: safe by default (the audience's map: no confidential people, marks or conflicts;
initials without roles), cannot edit the map by any key or gesture, steps the spotlight through the
quadrants, holds notices back, and leaves the main window exactly as it was. Checked on the presenter
scene's own texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QGraphicsTextItem, QMessageBox

from stakemap.core.entities import Relationship, RelationshipKind
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.storage.database import create_map
from tests.audience.corpus import assert_no_leak, leak_map


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, map_file: Path) -> Iterator[MainWindow]:
    yield from _window(qtbot, tmp_path, monkeypatch, map_file)


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: Path) -> Iterator[MainWindow]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(path)
    win.notice_bar.overdue.close()
    yield win
    if win.presenter.active:
        win.presenter.leave()
    win.close()


def presented_texts(window: MainWindow) -> str:
    view = window.presenter.view
    assert view is not None
    scene = view.map_scene
    texts = [t for card in scene.cards.values() if card.isVisible() for t in card.text_sources()]
    texts += [item.toPlainText() for item in scene.items() if isinstance(item, QGraphicsTextItem)]
    texts += [item.toolTip() for item in scene.items()]
    texts += [window.presenter.screen.bar.quadrant.text(), window.presenter.screen.windowTitle()]  # type: ignore[union-attr]
    return "\n".join(texts)


def test_entering_is_safe_and_leaving_restores(window: MainWindow, qtbot) -> None:
    canvas = window.parts.canvas
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    docks_before = {k: d.isVisible() for k, d in window.docks.items()}
    transform_before = canvas.transform()  # type: ignore[attr-defined]
    window.presenter.enter()
    texts = presented_texts(window)
    for name in ("Dana", "Eli", "Carla", "Fay", "Engineer", "Chief Executive"):
        assert name not in texts  # initials, and no roles with them
    assert "D." in texts
    view = window.presenter.view
    assert view is not None
    assert "s-fay" not in view.map_scene.cards  # confidential: not on the audience's map at all
    assert not any(card.person.in_focus or card.overdue for card in view.map_scene.cards.values())
    screen = window.presenter.screen
    assert screen is not None
    assert screen.bar.geometry().bottom() < view.geometry().top()  # the bar sits above the map, not over it

    window.presenter.leave()
    assert window.isMaximized()
    assert {k: d.isVisible() for k, d in window.docks.items()} == docks_before
    assert canvas.transform() == transform_before  # type: ignore[attr-defined]
    assert window.parts.canvas.map_scene.cards["s-fay"].isVisible()  # type: ignore[attr-defined]


def test_no_conflict_lines_unless_chosen(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    document.edit(
        lambda m: m.add_relationship(
            Relationship("s-ceo", "s-eli", RelationshipKind.CONFLICTS_WITH, id="r-x")
        )
    )
    window.presenter.enter()
    view = window.presenter.view
    assert view is not None
    assert "r-x" not in view.map_scene.links
    window.presenter.screen.bar.conflicts.setChecked(True)  # type: ignore[union-attr]
    assert "r-x" in window.presenter.view.map_scene.links  # type: ignore[union-attr]


def test_the_presenter_can_show_roles_and_step_the_spotlight(window: MainWindow, qtbot) -> None:
    window.presenter.enter()
    screen = window.presenter.screen
    assert screen is not None
    screen.bar.names.setCurrentIndex(screen.bar.names.findData("role"))
    texts = presented_texts(window)
    assert "Engineer" in texts
    assert "Dana" not in texts
    view = window.presenter.view
    seen = []
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        seen.append(window.presenter.spotlight_id)
    # Key players (Dana), then Keep satisfied (Carla), then Keep informed (Eli); Fay is hidden.
    assert seen == ["s-dana", "s-ceo", "s-eli"]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.presenter.spotlight_id == "s-dana"  # round again
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.presenter.spotlight_id == "s-eli"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.presenter.spotlight_id is None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.presenter.active


def _every_key() -> list[Qt.Key]:
    return [key for key in Qt.Key if key not in (Qt.Key.Key_Escape, Qt.Key.Key_F5)]


def test_no_key_or_gesture_changes_the_map(window: MainWindow, map_file: Path, qtbot, monkeypatch) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    document = window.document
    assert document is not None
    before = map_file.read_bytes()
    canvas = window.parts.canvas
    window.selection.set(["s-dana"])  # a person selected behind the presentation: Delete would delete her
    window.presenter.enter()
    view = window.presenter.view
    assert view is not None
    modifiers = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier,
                 Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier,
                 Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    for modifier in modifiers:
        for key in _every_key():
            qtbot.keyClick(view, key, modifier)
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete, modifier)
    # The main window on the laptop's own screen while the projector shows the presentation: it may be
    # the active window, and it still must not edit.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for modifier in modifiers:
        for key in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Up,
            Qt.Key.Key_D,
            Qt.Key.Key_Z,
            Qt.Key.Key_V,
        ):
            qtbot.keyClick(canvas, key, modifier)
    main_card = canvas.map_scene.cards["s-eli"]  # type: ignore[attr-defined]
    start = canvas.mapFromScene(main_card.sceneBoundingRect().center())  # type: ignore[attr-defined]
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)  # type: ignore[attr-defined]
    qtbot.mouseMove(canvas.viewport(), start + QPoint(90, 60))  # type: ignore[attr-defined]
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(90, 60))  # type: ignore[attr-defined]
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))  # type: ignore[attr-defined]
    assert window.presenter.active
    viewport = view.viewport()
    for card in list(view.map_scene.cards.values()):
        point = view.mapFromScene(card.sceneBoundingRect().center())
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=point)
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(viewport, point + QPoint(120, 80))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point + QPoint(120, 80))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))  # empty space: no new person
    window.presenter.leave()
    assert document.undo_stack.count() == 0
    assert map_file.read_bytes() == before
    assert boxes == []


def test_a_notice_waits_until_the_presentation_ends(window: MainWindow, qtbot) -> None:
    shown: list[str] = []
    window.presenter.enter()
    window.presenter.when_not_presenting(lambda: shown.append("now"))
    notice = QMessageBox(QMessageBox.Icon.Information, "Follow-ups overdue", "2 are overdue", parent=window)
    notice.setModal(False)
    notice.show()
    assert not notice.isVisible()
    assert shown == []
    window.presenter.leave()
    assert shown == ["now"]
    assert notice.isVisible()
    notice.close()


def test_a_notice_already_open_is_hidden_while_presenting(window: MainWindow) -> None:
    notice = QMessageBox(QMessageBox.Icon.Information, "Follow-ups overdue", "2 are overdue", parent=window)
    notice.setModal(False)
    notice.show()
    window.presenter.enter()
    assert not notice.isVisible()
    window.presenter.leave()
    assert notice.isVisible()
    notice.close()


def test_presenter_scene_never_names_a_hidden_person(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "leak.stakemap"
    create_map(path, leak_map()).close()
    for win in _window(qtbot, tmp_path, monkeypatch, path):
        win.presenter.enter()
        bar = win.presenter.screen.bar  # type: ignore[union-attr]
        for mode in ("initials", "role", "name"):
            bar.names.setCurrentIndex(bar.names.findData(mode))
            for box in (bar.marks, bar.conflicts, bar.follow_ups):
                box.setChecked(not box.isChecked())
                for _ in range(3):
                    qtbot.keyClick(win.presenter.view, Qt.Key.Key_Tab)
                assert_no_leak(presented_texts(win), f"presenter ({mode})")
        bar.confidential.setChecked(True)  # the presenter's own choice: now they may be named
        assert "M.G." in presented_texts(win) or "Greene" in presented_texts(win)
