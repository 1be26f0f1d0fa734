"""The server goes out of reach: every open view turns read-only at once, and typing is kept.

Offline is a state of the document (``MapDocument.set_offline``, which the live updates call when
the server cannot be reached), so a map file shows it as well as a server map does; the server
journey (tests/server/test_server_journey.py) stops a real server.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QLineEdit
from pytestqt.qtbot import QtBot

from stakemap.gui.widgets.main_window import MainWindow
from tests.conftest import stored
from tests.gui.modal_answerer import ModalAnswerer, Seen, click

AS_OF = datetime(2026, 12, 3, 14, 5)


def _line(window: MainWindow, name: str) -> QLineEdit:
    assert window.parts is not None
    line = window.parts.inspector.person_page.fields[name].widget
    assert isinstance(line, QLineEdit)
    return line


def _type(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=5000)
    line.selectAll()
    qtbot.keyClicks(line, text)


def _open_on_dana(window: MainWindow, map_file: Path) -> None:
    assert window.open_path(map_file)
    window.show()
    window.selection.set(["s-dana"])


def test_going_offline_turns_the_inspector_and_the_canvas_read_only_and_back(
    window: MainWindow, map_file: Path, qtbot: QtBot
) -> None:
    _open_on_dana(window, map_file)
    assert window.parts is not None
    inspector, canvas = window.parts.inspector, window.parts.canvas
    dana = canvas.map_scene.cards["s-dana"]
    assert not inspector.banner.isVisibleTo(window)

    window.document.set_offline(AS_OF)  # type: ignore[union-attr]
    assert _line(window, "role").isReadOnly()
    assert inspector.banner.isVisibleTo(window)
    assert "the server cannot be reached (offline, as of 14:05)" in inspector.banner.text.text()
    assert not canvas.map_scene.context.writable
    assert not dana.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    assert not canvas.actions_.delete_selection.isEnabled()
    plan, snapshots = window.parts.plan, window.parts.snapshots
    assert not plan.add_action.isEnabled()  # the plan and the snapshots follow too
    assert not snapshots.take_button.isEnabled()

    window.document.set_offline(None)  # type: ignore[union-attr]
    assert not _line(window, "role").isReadOnly()
    assert not inspector.banner.isVisibleTo(window)
    assert canvas.map_scene.context.writable
    assert dana.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    assert canvas.actions_.delete_selection.isEnabled()
    assert plan.add_action.isEnabled()
    assert snapshots.take_button.isEnabled()


def test_typing_finished_offline_is_kept_and_saved_when_the_map_is_back(
    window: MainWindow, map_file: Path, qtbot: QtBot
) -> None:
    _open_on_dana(window, map_file)
    document = window.document
    assert document is not None
    role = _line(window, "role")
    _type(qtbot, role, "Typed as the server went")
    document.set_offline(AS_OF)
    qtbot.keyClick(role, Qt.Key.Key_Return)  # no "Change not saved" box (the guard would fail the test)
    assert role.text() == "Typed as the server went"
    assert document.map.stakeholders["s-dana"].role == "Engineer"
    message = window.parts.inspector.person_page.messages["role"]  # type: ignore[union-attr]
    assert message.isVisibleTo(window)
    assert "is saved when the server is back" in message.text.text()

    document.set_offline(None)
    qtbot.waitUntil(lambda: document.map.stakeholders["s-dana"].role == "Typed as the server went")
    assert stored(map_file).stakeholders["s-dana"].role == "Typed as the server went"
    assert not message.isVisibleTo(window)
    document.undo_stack.undo()  # one undo entry, as if typed online
    assert document.map.stakeholders["s-dana"].role == "Engineer"


def test_typing_kept_offline_survives_showing_someone_else(
    window: MainWindow, map_file: Path, qtbot: QtBot
) -> None:
    _open_on_dana(window, map_file)
    document = window.document
    assert document is not None
    role = _line(window, "role")
    _type(qtbot, role, "Kept for Dana")
    document.set_offline(AS_OF)
    window.selection.set(["s-eli"])  # leaving the field (and Dana) while offline
    assert role.text() == "Analyst"
    assert document.map.stakeholders["s-dana"].role == "Engineer"
    document.set_offline(None)
    qtbot.waitUntil(lambda: document.map.stakeholders["s-dana"].role == "Kept for Dana")
    assert document.map.stakeholders["s-eli"].role == "Analyst"
    assert stored(map_file).stakeholders["s-dana"].role == "Kept for Dana"


def test_closing_with_typing_kept_offline_asks_first(
    window: MainWindow, map_file: Path, qtbot: QtBot
) -> None:
    _open_on_dana(window, map_file)
    document = window.document
    assert document is not None
    role = _line(window, "role")
    _type(qtbot, role, "Kept, not yet saved")
    document.set_offline(AS_OF)
    qtbot.keyClick(role, Qt.Key.Key_Return)

    seen: Seen = []
    answers = ModalAnswerer().then(click("Cancel", seen))
    try:
        window.close_map()  # Cancel: the map, and what was typed, stay
    finally:
        answers.stop()
    assert seen[0][0] == "Typing not saved yet"
    assert "What you typed in 1 field while the server could not be reached is not saved yet" in seen[0][1]
    assert window.document is document
    assert role.text() == "Kept, not yet saved"

    answers = ModalAnswerer()  # the default button is Cancel: a stray Enter keeps the map open
    try:
        assert not window.close()
    finally:
        answers.stop()
    assert window.document is document

    answers = ModalAnswerer().then(click("Close Anyway", []))
    try:
        window.close_map()
    finally:
        answers.stop()
    assert window.document is None
    assert stored(map_file).stakeholders["s-dana"].role == "Engineer"  # nothing half-saved
