"""GUI fixtures: a MapDocument on a fresh copy of the small test map, a main window with its own settings
and data folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, qInstallMessageHandler

from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.storage.database import open_map
from tests.gui.window_checks import Failures, watch_failures


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """Every GUI test gets its own settings file: what one remembers (an export folder) must not reach
    another test, nor the settings of the person running the tests."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def document(map_file: Path, qapp: object) -> Iterator[MapDocument]:
    doc = MapDocument(open_map(map_file))
    yield doc
    doc.close()


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def failures(monkeypatch: pytest.MonkeyPatch) -> Iterator[Failures]:
    """Fail the test on any Python exception reaching the event loop or Qt warning about deleted objects."""
    found, previous = watch_failures()
    monkeypatch.setattr(sys, "excepthook", found.excepthook)
    yield found
    qInstallMessageHandler(previous)  # type: ignore[arg-type]
    found.check("at the end")
