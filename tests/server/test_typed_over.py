"""A field someone else changes while you type in it: the map moves on, your typing stays, you choose.

Issue 16: remote changes never overwrite a field the user is typing in; the field is marked
"changed by Sam", and on commit the same Use mine / Keep theirs window as for a refused edit settles it.
Meanwhile everything else of the map (the card, other fields) shows the others' edits live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.inspector.form import FieldForm
from stakemap.gui.widgets.main_window import MainWindow
from tests.conftest import small_map
from tests.gui.conftest import window  # noqa: F401 (fixture)
from tests.gui.modal_answerer import ModalAnswerer, Seen, click
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]


@pytest.fixture
def typing_priya(
    make_team_map: Team,
    window: MainWindow,  # noqa: F811 (fixture)
    qtbot: object,
) -> Iterator[tuple[TeamMap, MainWindow, MapDocument]]:
    """Priya's window on Dana, live; Sam edits through a document of his own."""
    team = make_team_map(small_map())
    assert window._set_document(MapDocument(team.open("priya")))
    live = window._live
    assert live is not None
    qtbot.waitUntil(lambda: live.live.connected, timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    window.show()
    window.activateWindow()
    window.selection.set(["s-dana"])
    sam = MapDocument(team.open("sam"))
    yield team, window, sam
    sam.close()
    answers = ModalAnswerer()  # closing asks about a field still typed over (Keep theirs, the default)
    try:
        window.close_map()
    finally:
        answers.stop()


def _page(win: MainWindow) -> FieldForm:
    assert win.parts is not None
    return win.parts.inspector.person_page


def _start_typing(qtbot: object, win: MainWindow, name: str, text: str) -> QLineEdit:
    line = _page(win).fields[name].widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    line.selectAll()
    qtbot.keyClicks(line, text)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    assert line.isModified()
    return line


def _stored(team: TeamMap, field: str = "role") -> object:
    return getattr(team.open("vera").load().stakeholders["s-dana"], field)


def test_others_edits_show_live_while_you_type_and_your_field_is_marked(
    typing_priya: tuple[TeamMap, MainWindow, MapDocument], qtbot: object
) -> None:
    _team, win, sam = typing_priya
    priya = win.document
    assert priya is not None
    line = _start_typing(qtbot, win, "role", "Architect")
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer", unit="Platform", influence=9))
    # The map does not wait for Priya to stop typing: the card, the model and her other fields move on.
    qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Lead engineer", timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    assert priya.map.stakeholders["s-dana"].influence == 9
    page = _page(win)
    unit = page.fields["unit"].widget
    assert isinstance(unit, QLineEdit)
    assert unit.text() == "Platform"
    # Her typing stays where it is, cursor and all, and the field says who changed it to what.
    assert line.text() == "Architect"
    assert line.hasFocus()
    message = page.messages["role"]
    assert message.isVisibleTo(page)
    assert "Sam changed this to “Lead engineer”" in message.text.text()
    assert priya.undo_stack.count() == 0  # others' edits are never on her undo stack
    answers = ModalAnswerer()  # the default button: Keep theirs
    try:
        qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.waitUntil(lambda: line.text() == "Lead engineer", timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    assert answers.seen == ["QMessageBox: Changed by someone else"]


@pytest.mark.parametrize("choice", ["Use mine", "Keep theirs"])
def test_finishing_a_typed_over_field_asks_who_wins(
    typing_priya: tuple[TeamMap, MainWindow, MapDocument], qtbot: object, choice: str
) -> None:
    team, win, sam = typing_priya
    priya = win.document
    assert priya is not None
    line = _start_typing(qtbot, win, "role", "Architect")
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Lead engineer", timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    seen: Seen = []
    answers = ModalAnswerer().then(click(choice, seen))
    try:
        qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    assert answers.seen == ["QMessageBox: Changed by someone else"]  # the one window of part 1
    text = seen[0][1]
    for words in ("Sam", "Dana’s role", "Lead engineer", "Architect"):
        assert words in text
    assert sorted(seen[0][2]) == ["Keep theirs", "Use mine"]
    expected = "Architect" if choice == "Use mine" else "Lead engineer"
    qtbot.waitUntil(lambda: line.text() == expected, timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    assert priya.map.stakeholders["s-dana"].role == expected
    assert _stored(team) == expected
    assert not _page(win).messages["role"].text.text().startswith("Sam changed this")
    if choice == "Use mine":
        assert priya.undo_stack.undoText() == "Use mine"
        priya.undo_stack.undo()
        assert _stored(team) == "Lead engineer"
    else:
        assert priya.undo_stack.count() == 0  # nothing of hers was written


def test_typing_what_they_wrote_or_typing_back_to_the_start_asks_nothing(
    typing_priya: tuple[TeamMap, MainWindow, MapDocument], qtbot: object
) -> None:
    team, win, sam = typing_priya
    priya = win.document
    assert priya is not None
    answers = ModalAnswerer()
    try:
        line = _start_typing(qtbot, win, "role", "Lead engineer")
        sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
        qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Lead engineer", timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.wait(200)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        # Typed and then put back as it was: she changed nothing, so theirs stands without a question.
        unit = _start_typing(qtbot, win, "unit", "Ops")
        unit.selectAll()
        qtbot.keyClick(unit, Qt.Key.Key_Delete)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        sam.edit(lambda m: m.update_stakeholder("s-dana", unit="Platform"))
        qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].unit == "Platform", timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.keyClick(unit, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # pytest-qt's qtbot
        qtbot.wait(200)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    assert answers.seen == []
    assert unit.text() == "Platform"
    assert _stored(team, "unit") == "Platform"
    assert _stored(team) == "Lead engineer"
    assert priya.undo_stack.count() == 0


@pytest.mark.parametrize("choice", ["Use mine", "Keep theirs"])
def test_typing_kept_offline_that_someone_changed_meanwhile_asks_who_wins_on_return(
    typing_priya: tuple[TeamMap, MainWindow, MapDocument], qtbot: object, choice: str
) -> None:
    from datetime import datetime

    team, win, sam = typing_priya
    priya = win.document
    assert priya is not None
    line = _start_typing(qtbot, win, "role", "Architect")
    # Offline is the document's state (the live updates set it when the server is out of reach);
    # set here directly, the listener stays up, so Sam's change arrives as the catch-up pull would.
    priya.set_offline(datetime.now())
    qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    assert "is saved when the server is back" in _page(win).messages["role"].text.text()
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    qtbot.waitUntil(lambda: priya.map.stakeholders["s-dana"].role == "Lead engineer", timeout=10_000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    assert line.text() == "Architect"  # kept on screen
    seen: Seen = []
    answers = ModalAnswerer().then(click(choice, seen))
    try:
        priya.set_offline(None)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    assert seen[0][0] == "Changed by someone else"
    assert "Sam changed Dana’s role to “Lead engineer”" in seen[0][1]
    assert "“Architect”" in seen[0][1]
    wanted = "Architect" if choice == "Use mine" else "Lead engineer"
    assert _stored(team) == wanted
    assert line.text() == wanted
    assert not _page(win).messages["role"].isVisibleTo(win)
