"""The Use mine / Keep theirs window: a refused edit asks once, in words, and either answer is undoable."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.main_window import MainWindow
from tests.conftest import small_map
from tests.gui.conftest import window  # noqa: F401 (fixture)
from tests.gui.modal_answerer import ModalAnswerer, click
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres

Team = Callable[[Map | None], TeamMap]


@pytest.fixture
def rivals(make_team_map: Team, window: MainWindow) -> Iterator[tuple[TeamMap, MainWindow, MapDocument]]:  # noqa: F811
    team = make_team_map(small_map())
    assert window._set_document(MapDocument(team.open("priya")))
    sam = MapDocument(team.open("sam"))
    yield team, window, sam
    sam.close()


def _stored_role(team: TeamMap) -> str:
    return team.open("vera").load().stakeholders["s-dana"].role


@pytest.mark.parametrize("choice", ["Use mine", "Keep theirs"])
def test_a_refused_edit_asks_once_and_settles_as_an_undoable_edit(
    rivals: tuple[TeamMap, MainWindow, MapDocument], qtbot: object, choice: str
) -> None:
    team, win, sam = rivals
    priya = win.document
    assert priya is not None
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    seen: list[tuple[str, str, list[str]]] = []
    answers = ModalAnswerer().then(click(choice, seen))
    try:
        assert priya.try_edit(lambda m: m.update_stakeholder("s-dana", role="Architect")) is None
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    # One window, saying who changed what, with both ways on; no second "Change not saved" warning.
    assert [title for title, _text, _buttons in seen] == ["Changed by someone else"]
    assert answers.seen == ["QMessageBox: Changed by someone else"]
    text, buttons = seen[0][1], seen[0][2]
    for words in ("Dana’s role", "Lead engineer", "Architect"):
        assert words in text
    assert sorted(buttons) == ["Keep theirs", "Use mine"]

    expected = "Architect" if choice == "Use mine" else "Lead engineer"
    assert priya.map.stakeholders["s-dana"].role == expected
    assert _stored_role(team) == expected
    assert priya.undo_stack.undoText() == choice
    priya.undo_stack.undo()
    assert _stored_role(team) == ("Lead engineer" if choice == "Use mine" else "Architect")


def test_closing_the_window_keeps_theirs(
    rivals: tuple[TeamMap, MainWindow, MapDocument], qtbot: object
) -> None:
    team, win, sam = rivals
    priya = win.document
    assert priya is not None
    sam.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    from tests.gui.modal_answerer import reject

    answers = ModalAnswerer(reject)
    try:
        priya.try_edit(lambda m: m.update_stakeholder("s-dana", role="Architect"))
        qtbot.waitUntil(lambda: priya.undo_stack.undoText() == "Keep theirs", timeout=5000)  # type: ignore[attr-defined]  # pytest-qt's qtbot
    finally:
        answers.stop()
    assert priya.map.stakeholders["s-dana"].role == "Lead engineer"
    assert _stored_role(team) == "Lead engineer"
