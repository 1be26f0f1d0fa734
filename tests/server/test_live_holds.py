"""Others' edits wait while you type in this map's window, not while you type somewhere else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.live_updates import LiveUpdates, typing_in_progress
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres


def _window_with_field(qtbot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window, field


def test_typing_in_this_window_holds_updates_and_elsewhere_does_not(
    make_team_map: Callable[[Map | None], TeamMap], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # QTest presses in earlier tests can leave Qt believing a button is still down; no button is here.
    monkeypatch.setattr(QApplication, "mouseButtons", staticmethod(lambda: Qt.MouseButton.NoButton))
    document = MapDocument(make_team_map(small_map()).open("sam"))
    try:
        window, field = _window_with_field(qtbot)
        live = LiveUpdates(document, window)
        field.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=2000)
        assert not live.held()  # focus alone is not typing
        field.setModified(True)
        assert live.held()
        other = QWidget()
        qtbot.addWidget(other)
        assert typing_in_progress(window)
        assert not typing_in_progress(other)  # typing in one window does not stop another's updates
        assert not LiveUpdates(document).held()  # a document no window shows is never held
    finally:
        document.close()
