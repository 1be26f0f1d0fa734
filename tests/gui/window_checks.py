"""Invariants shared by the journeys and the monkey test: no Python exception, no Qt warning about deleted
objects, and the map on disk equal to the map on screen."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from stakemap.core.model import Map
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.storage.database import _sqlite_engine
from stakemap.storage.repository import MapRepository

#: Qt messages that mean a use-after-free or a broken window, whatever their level.
ALARMING = ("already deleted", "deleted object", "QObject::", "Internal C++ object")


class Failures:
    """Everything that went wrong since the last ``check``: tracebacks and alarming Qt messages."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        self.problems.append("".join(traceback.format_exception(kind, value, tb)))

    def qt_message(self, mode: QtMsgType, _context: object, message: str) -> None:
        if mode == QtMsgType.QtFatalMsg:
            sys.stderr.write(f"Qt fatal: {message}\n")  # Qt aborts right after this handler
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or any(a in message for a in ALARMING):
            self.problems.append(f"Qt: {message}")

    def check(self, where: str = "") -> None:
        if self.problems:
            found, self.problems = self.problems, []
            pytest.fail(f"{where}: " + "\n".join(found), pytrace=False)


def watch_failures() -> tuple[Failures, object]:
    """Start collecting: a sys.excepthook and a Qt message handler (restore with the returned handler)."""
    found = Failures()
    return found, qInstallMessageHandler(found.qt_message)


def settle() -> None:
    """Let Qt do what its event loop would: posted events, then the deferred deletes a loop runs."""
    for _ in range(2):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def read_back(path: Path) -> Map:
    """The map as stored, read once through a read-only connection (open_map would also verify it, twice
    the work, and the monkey test reads after every step)."""
    engine = _sqlite_engine(path, read_only=True)
    try:
        return MapRepository(engine).load()
    finally:
        engine.dispose()


def assert_disk_matches_screen(window: MainWindow) -> None:
    doc = window.document
    if doc is None or doc.path is None:
        return
    on_disk = read_back(doc.path)
    assert on_disk == doc.map, "the map on disk differs from the map on screen"


def assert_menus_belong_to_document(window: MainWindow) -> None:
    """The toolbar and menus act on the open map: its canvas's actions when one is open, none otherwise."""
    actions = window.actions_
    canvas = window.parts.canvas if window.parts else None
    toolbar_texts = [a.text() for a in actions.toolbar.actions()] if actions.toolbar else []
    if window.document is None:
        assert "&Add Stakeholder" not in toolbar_texts
        assert not any(a.isEnabled() for a in actions.needs_map)
        return
    assert canvas is not None
    assert canvas.actions_.add_stakeholder in actions.toolbar.actions()  # type: ignore[union-attr]
    assert canvas.actions_.zoom_in in actions.view_menu.actions()  # type: ignore[union-attr]
    assert all(a.isEnabled() for a in actions.needs_map)
