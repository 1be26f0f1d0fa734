"""A planner's journey through the whole window on a team map (issue 16, "done means done in sequence").

Priya opens a server map the way the app does, edits in the inspector, sees who else is here and Sam's
edits arrive live (card tag, status bar, inspector), types over a field Sam changes, settles it with Use
mine and undoes that, reads and filters the Activity dock, downloads a copy and opens it as a map file,
and opens the server map again; then (a test of its own, on a server it can stop) the server goes and
comes back. After each step the test checks what she sees (widgets' text, the model) and what the server
stores, read back as another role (vera, a viewer without confidential access).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from stakemap.core.entities import Note
from stakemap.core.model import Map
from stakemap.gui.canvas.geometry import score_to_point
from stakemap.gui.document import MapDocument
from stakemap.gui.live_window import LiveWindow
from stakemap.gui.widgets import server_dialog
from stakemap.gui.widgets.activity_panel import EVERYONE, ActivityPanel
from stakemap.gui.widgets.inspector.form import FieldForm
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.storage.database import open_url
from stakemap.storage.live import Listener, Present, person_tag
from stakemap.storage.server_address import parse_server_address
from tests.conftest import small_map
from tests.gui.conftest import failures, window  # noqa: F401 (fixtures)
from tests.gui.modal_answerer import ModalAnswerer, Seen, click
from tests.gui.window_checks import Failures, assert_disk_matches_screen, settle
from tests.server.conftest import TeamMap
from tests.server.test_server_crash import PrivateServer, _as_postgres, private_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]
#: Generous limits for what arrives over the network; speed is measured in benchmarks/, not here.
ARRIVES_MS = 10_000
SECRET = "Dana is about to resign: tell nobody"


def stored(team: TeamMap) -> Map:
    """The map as the server holds it, read by vera (a viewer who may not read confidential notes)."""
    opened = open_url(team.address("vera"))
    try:
        return opened.load()
    finally:
        opened.close()


def menu_action(win: MainWindow, text: str) -> QAction:
    """An enabled window action by its menu text (without the mnemonic)."""
    for candidate in win.findChildren(QAction):
        if candidate.text().replace("&", "") == text and candidate.isEnabled():
            return candidate
    raise AssertionError(f"no enabled action “{text}”")


def live_of(win: MainWindow) -> LiveWindow:
    live = win._live
    assert live is not None, "a server map in the window has live updates"
    return live


def document_of(win: MainWindow) -> MapDocument:
    assert win.document is not None
    return win.document


def person_page(win: MainWindow) -> FieldForm:
    assert win.parts is not None
    return win.parts.inspector.person_page


def field(win: MainWindow, name: str) -> QLineEdit:
    line = person_page(win).fields[name].widget
    assert isinstance(line, QLineEdit)
    return line


def start_typing(qtbot: QtBot, win: MainWindow, name: str, text: str) -> QLineEdit:
    """Click into an inspector field and type over its text, without finishing."""
    line = field(win, name)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=5000)
    line.selectAll()
    qtbot.keyClicks(line, text)
    assert line.isModified()
    return line


def open_as_the_app_does(win: MainWindow, team: TeamMap, qtbot: QtBot) -> MapDocument:
    """File > Open from Server's last step (and Open Recent's): ``open_address`` with a parsed address."""
    address = parse_server_address(team.address("priya").display())
    address = address.with_password(team.address("priya").password or "")  # as ~/.pgpass would give it
    answers = ModalAnswerer()
    try:
        assert server_dialog.open_address(win, address) is not None
    finally:
        answers.stop()
    assert answers.seen == []  # no password prompt, no warning
    live = live_of(win)
    qtbot.waitUntil(lambda: live.state.text() == "Live", timeout=ARRIVES_MS)
    return document_of(win)


@pytest.fixture
def journey_window(
    failures: Failures,  # noqa: F811 (fixture)
    window: MainWindow,  # noqa: F811 (fixture)
) -> Iterator[tuple[MainWindow, Failures]]:
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    yield window, failures
    answers = ModalAnswerer()  # closing must not wait on a question (a field still typed over)
    try:
        window.close_map()
    finally:
        answers.stop()


def step(win: MainWindow, found: Failures, name: str) -> None:
    """Between steps: let the window settle; nothing raised, no Qt warning, a file map equals its file."""
    settle()
    if QApplication.activeWindow() is None:
        win.activateWindow()
    found.check(name)
    assert_disk_matches_screen(win)


def test_a_planners_journey_on_a_server_map(
    make_team_map: Team,
    journey_window: tuple[MainWindow, Failures],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win, found = journey_window
    team = make_team_map(small_map())

    # 1. Priya opens the map as the app does; once connected the status says "Live".
    priya = open_as_the_app_does(win, team, qtbot)
    assert priya.is_server_map
    assert win.storage_label.text() == "All changes saved"
    assert live_of(win).dock.isVisibleTo(win)
    assert priya.undo_stack.count() == 0
    step(win, found, "1. opened")

    # 2. Priya edits Eli in the inspector (type + Enter) and moves his card; Sam sees both on a pull.
    win.selection.set(["s-eli"])
    role = start_typing(qtbot, win, "role", "Senior analyst")
    qtbot.keyClick(role, Qt.Key.Key_Return)
    assert priya.map.stakeholders["s-eli"].role == "Senior analyst"
    priya.edit(lambda m: m.move_stakeholders({"s-eli": (40.0, 60.0)}))
    assert win.parts is not None
    cards = win.parts.canvas.map_scene.cards
    assert cards["s-eli"].pos() == score_to_point(40.0, 60.0)
    assert priya.undo_stack.count() == 2
    sam = MapDocument(team.open("sam"))
    try:
        _journey_with_sam(win, found, team, priya, sam, qtbot, tmp_path, monkeypatch)
    finally:
        sam.close()


def _journey_with_sam(
    win: MainWindow,
    found: Failures,
    team: TeamMap,
    priya: MapDocument,
    sam: MapDocument,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam.pull_remote()
    eli = sam.map.stakeholders["s-eli"]
    assert (eli.role, eli.influence, eli.interest) == ("Senior analyst", 40.0, 60.0)
    eli = stored(team).stakeholders["s-eli"]
    assert (eli.role, eli.influence, eli.interest) == ("Senior analyst", 40.0, 60.0)
    step(win, found, "2. Priya edited, Sam pulled")

    # 3. Sam writes a confidential note on Dana and changes her unit; Priya's window shows the unit
    #    live (inspector, card tag, status bar), never the note, and her undo stack does not grow.
    live = live_of(win)
    # "Also here": Sam's window is listening too; each sees the other, and whom the other is on.
    listener = Listener(team.address("sam"))
    try:
        live.live.ask_presence()
        assert live.here.text() == "Also here: Sam"
        win.selection.set(["s-dana"])
        assert Present("priya", person_tag("s-dana")) in listener.present()
    finally:
        listener.close()
    sam.edit(lambda m: m.add_note(Note(SECRET, stakeholder_id="s-dana", confidential=True, id="n-secret")))
    sam.edit(lambda m: m.update_stakeholder("s-dana", unit="Platform"))
    canvas = win.parts.canvas if win.parts is not None else None
    assert canvas is not None
    qtbot.waitUntil(lambda: canvas.changed_marks.tags() == {"s-dana": "Sam changed this"}, timeout=ARRIVES_MS)
    assert priya.map.stakeholders["s-dana"].unit == "Platform"
    assert field(win, "unit").text() == "Platform"
    qtbot.waitUntil(lambda: "Sam changed Dana" in win.statusBar().currentMessage(), timeout=ARRIVES_MS)
    assert "n-secret" not in priya.map.notes
    assert live.state.text() == "Live"
    assert priya.undo_stack.count() == 2
    assert stored(team).stakeholders["s-dana"].unit == "Platform"
    step(win, found, "3. Sam's edit arrived")

    # 4. Typed over: Priya types in Dana's role, Sam changes it; her typing stays and the field says
    #    so; finishing asks; Use mine wins on the server; undo gives Sam's back.
    line = start_typing(qtbot, win, "role", "Head of platform")
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Lead engineer", timeout=ARRIVES_MS)
    assert line.text() == "Head of platform"
    message = person_page(win).messages["role"]
    assert "Sam changed this to “Lead engineer”" in message.text.text()
    assert stored(team).stakeholders["s-dana"].role == "Lead engineer"
    assert priya.undo_stack.count() == 2
    seen: Seen = []
    answers = ModalAnswerer().then(click("Use mine", seen))
    try:
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        answers.stop()
    assert answers.seen == ["QMessageBox: Changed by someone else"]
    for words in ("Sam", "Dana’s role", "Lead engineer", "Head of platform"):
        assert words in seen[0][1]
    qtbot.waitUntil(lambda: line.text() == "Head of platform", timeout=5000)
    assert priya.map.stakeholders["s-dana"].role == "Head of platform"
    assert stored(team).stakeholders["s-dana"].role == "Head of platform"
    assert not message.text.text().startswith("Sam changed this")
    assert priya.undo_stack.undoText() == "Use mine"
    assert priya.undo_stack.count() == 3
    menu_action(win, "Undo Use mine").trigger()
    assert priya.map.stakeholders["s-dana"].role == "Lead engineer"
    assert stored(team).stakeholders["s-dana"].role == "Lead engineer"
    assert field(win, "role").text() == "Lead engineer"
    step(win, found, "4. typed over, Use mine, undone")

    # 5. The Activity dock lists Sam's change (not his confidential note); filtered by person.
    panel = live.activity
    qtbot.waitUntil(lambda: any(x.startswith("Sam · changed Dana · ") for x in panel.lines()), timeout=5000)
    _check_activity(panel)
    step(win, found, "5. activity")
    on_screen = copy.deepcopy(priya.map)

    # 6. File > Download a Copy writes a map file of what Priya may see; it opens in this window.
    target = tmp_path / "Team copy.stakemap"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(win, "Download a Copy…").trigger()
    assert target.exists()
    assert str(target) in win.statusBar().currentMessage()
    assert win.document is priya  # the window stays on the server map
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(target), ""))
    answers = ModalAnswerer()
    try:
        menu_action(win, "Open…").trigger()
        settle()
    finally:
        answers.stop()
    assert answers.seen == []
    opened_copy = document_of(win)
    assert opened_copy.path == target
    assert not opened_copy.is_server_map
    assert win._live is None  # no live updates, no Activity dock for a file
    assert win.findChild(QWidget, "dock-activity") is None or not win.findChild(
        QWidget, "dock-activity"
    ).isVisibleTo(win)
    copied = opened_copy.map
    assert copied.stakeholders["s-eli"].role == "Senior analyst"  # Priya's edits
    assert (copied.stakeholders["s-eli"].influence, copied.stakeholders["s-eli"].interest) == (40.0, 60.0)
    assert copied.stakeholders["s-dana"].unit == "Platform"  # Sam's
    assert copied.stakeholders["s-dana"].role == "Lead engineer"
    assert "n-secret" not in copied.notes
    assert SECRET not in target.read_bytes().decode("utf-8", "replace")
    assert copied.stakeholders == on_screen.stakeholders
    assert copied.notes == on_screen.notes
    step(win, found, "6. downloaded copy opened")

    # 7. Close the map, open the server map again: all that was stored is there, the undo stack empty.
    menu_action(win, "Close Map").trigger()
    assert win.document is None
    again = open_as_the_app_does(win, team, qtbot)
    assert again is not priya
    assert again.undo_stack.count() == 0
    assert again.map == on_screen
    assert again.map.stakeholders == stored(team).stakeholders
    assert field_text_after_select(win, "s-dana", "role") == "Lead engineer"
    step(win, found, "7. reopened")


def field_text_after_select(win: MainWindow, person: str, name: str) -> str:
    win.selection.set([person])
    return field(win, name).text()


def _check_activity(panel: ActivityPanel) -> None:
    lines = panel.lines()
    assert any(x.startswith("Priya · changed Eli · ") for x in lines), lines
    assert any(x.startswith("Priya · moved Eli · ") for x in lines), lines
    assert not any("note on Dana" in x and x.startswith("Sam") for x in lines), lines
    panel.person.setCurrentIndex(panel.person.findText("Sam"))
    sams = panel.lines()
    assert sams
    assert all(x.startswith("Sam · ") for x in sams), sams
    assert any(x.startswith("Sam · changed Dana · ") for x in sams)
    panel.person.setCurrentIndex(panel.person.findText("Priya"))
    assert all(x.startswith("Priya · ") for x in panel.lines())
    panel.person.setCurrentIndex(panel.person.findText(EVERYONE))
    assert len(panel.lines()) == len(lines)


# ------------------------------------------------------------------------------------------------
# 8. The server stops: the map stays on screen, read-only, "Offline — as of …"; back, it is live again.
#    A PostgreSQL of its own (the shared test server must stay up), as tests/server/test_server_crash.py
#    starts one: needs root, the postgres system user and the server binaries; skipped otherwise.


def stop_server(server: PrivateServer) -> None:
    """A clean stop (pg_ctl -m fast), keeping its data for the restart."""
    _as_postgres(f"{server.bin}/pg_ctl -D {server.dir}/db -m fast -w stop")


@pytest.mark.slow
def test_the_server_stopping_leaves_the_map_on_screen_read_only(
    private_server: PrivateServer,  # noqa: F811 (fixture)
    journey_window: tuple[MainWindow, Failures],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stakemap.storage.server import create_server_map, grant, init_server

    win, found = journey_window
    admin = private_server.address("stakemap_admin", "admin-pw")
    init_server(admin)
    create_server_map(admin, "crash", small_map())
    grant(admin, "crash", "priya", "editor")
    answers = ModalAnswerer()
    try:
        assert server_dialog.open_address(win, private_server.address("priya", "priya-pw")) is not None
    finally:
        answers.stop()
    live = live_of(win)
    priya = document_of(win)
    qtbot.waitUntil(lambda: live.state.text() == "Live", timeout=ARRIVES_MS)
    win.selection.set(["s-dana"])
    assert not field(win, "role").isReadOnly()
    role = start_typing(qtbot, win, "role", "Typed as it went")  # typing when the server goes
    step(win, found, "8. live on a server of its own")

    stop_server(private_server)
    qtbot.waitUntil(lambda: live.state.text().startswith("Offline — as of"), timeout=20_000)
    assert priya.read_only
    assert win.storage_label.text().startswith("Read-only: the server cannot be reached (offline, as of")
    assert not any_action(win, "Import from Spreadsheet…").isEnabled()  # the menus follow
    assert len(win.parts.canvas.map_scene.cards) == 4  # type: ignore[union-attr]  # the map stays on screen
    # The views already on screen follow into read-only (found by this journey, fixed): the fields,
    # the inspector's banner, the cards.
    assert views_still_writable(win) == []
    assert "the server cannot be reached" in win.parts.inspector.banner.text.text()  # type: ignore[union-attr]
    # What was being typed stays, and Enter keeps it for the server's return: no "Change not saved".
    assert role.text() == "Typed as it went"
    qtbot.keyClick(role, Qt.Key.Key_Return)
    assert role.text() == "Typed as it went"
    assert "is saved when the server is back" in person_page(win).messages["role"].text.text()
    assert priya.map.stakeholders["s-dana"].role == "Engineer"
    # Download a Copy works offline: the copy is made from the map on screen.
    target = tmp_path / "offline copy.stakemap"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(win, "Download a Copy…").trigger()
    assert target.exists()
    step(win, found, "8. offline")

    private_server.start()
    qtbot.waitUntil(lambda: live.state.text() == "Live", timeout=30_000)
    assert not priya.read_only
    assert not field(win, "role").isReadOnly()  # writable again, every view
    assert not win.parts.inspector.banner.isVisibleTo(win)  # type: ignore[union-attr]
    assert win.parts.canvas.map_scene.context.writable  # type: ignore[union-attr]
    assert any_action(win, "Import from Spreadsheet…").isEnabled()
    # What was kept offline is saved on return, as one undoable edit.
    qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Typed as it went", timeout=5000)
    qtbot.waitUntil(lambda: win.storage_label.text().startswith("All changes saved"), timeout=5000)
    assert not person_page(win).messages["role"].isVisibleTo(win)
    check = open_url(private_server.address("priya", "priya-pw"))
    try:
        assert check.load().stakeholders["s-dana"].role == "Typed as it went"
    finally:
        check.close()
    role = start_typing(qtbot, win, "role", "Back online")
    qtbot.keyClick(role, Qt.Key.Key_Return)
    check = open_url(private_server.address("priya", "priya-pw"))
    try:
        assert check.load().stakeholders["s-dana"].role == "Back online"
    finally:
        check.close()
    step(win, found, "8. back")


def any_action(win: MainWindow, text: str) -> QAction:
    """A window action by its menu text, enabled or not."""
    for candidate in win.findChildren(QAction):
        if candidate.text().replace("&", "") == text:
            return candidate
    raise AssertionError(f"no action “{text}”")


def views_still_writable(win: MainWindow) -> list[str]:
    """What of the open views still offers editing on a read-only document, in words."""
    assert win.parts is not None
    found: list[str] = []
    if not field(win, "role").isReadOnly():
        found.append("the inspector's fields of the person shown stay editable")
    if not win.parts.inspector.banner.isVisibleTo(win):
        found.append("the inspector shows no read-only banner")
    if win.parts.canvas.map_scene.context.writable:
        found.append("the cards stay movable (the scene's CardContext.writable is still True)")
    return found
