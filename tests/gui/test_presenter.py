"""Presenter mode: safe by default (no names, no confidential people, no marks, no docks), spotlight,
quadrant stepping, and everything restored on leaving. Checked on the scene's own texts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from stakemap.gui.widgets.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, map_file: Path) -> Iterator[MainWindow]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(map_file)
    if win.overdue_notice is not None:
        win.overdue_notice.close()
    yield win
    win.close()


def shown_texts(window: MainWindow) -> str:
    scene = window.views["canvas"].map_scene  # type: ignore[attr-defined]
    texts = [t for card in scene.cards.values() if card.isVisible() for t in card.text_sources()]
    return "\n".join(texts)


def test_entering_is_safe_and_leaving_restores(window: MainWindow) -> None:
    assert "Dana" in shown_texts(window)
    assert "Fay" in shown_texts(window)
    window.presenter.enter()
    texts = shown_texts(window)
    for name in ("Dana", "Eli", "Carla", "Fay"):
        assert name not in texts
    assert "D." in texts  # initials instead
    assert not any(dock.isVisible() for dock in window.docks.values())
    assert not window.menuBar().isVisible()
    scene = window.views["canvas"].map_scene  # type: ignore[attr-defined]
    assert not scene.cards["s-fay"].isVisible()  # confidential

    window.presenter.leave()
    assert "Dana" in shown_texts(window)
    assert scene.cards["s-fay"].isVisible()
    assert window.menuBar().isVisible()


def test_the_presenter_can_show_roles_and_spotlight_people(window: MainWindow, qtbot) -> None:
    window.presenter.enter()
    bar = window.presenter._bar
    assert bar is not None
    bar.names.setCurrentIndex(bar.names.findData("role"))
    texts = shown_texts(window)
    assert "Engineer" in texts
    assert "Dana" not in texts
    view = window.views["canvas"]
    qtbot.keyClick(view, Qt.Key.Key_Right)  # step through the key players
    assert window.presenter.spotlight_id == "s-dana"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.presenter.spotlight_id is None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not window.presenter.active
