"""A card someone else just changed says who, for a few seconds, and then the tag goes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from stakemap.core.model import Map
from stakemap.gui.canvas import changed_marks
from stakemap.gui.canvas.view import MapView
from stakemap.gui.document import MapDocument
from stakemap.gui.live_updates import LiveUpdates
from stakemap.gui.selection import Selection
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres


def test_a_card_changed_by_a_colleague_says_who_for_a_while(
    make_team_map: Callable[[Map | None], TeamMap], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changed_marks, "MARK_MS", 300)
    team = make_team_map(small_map())
    priya, sam = MapDocument(team.open("priya")), MapDocument(team.open("sam"))
    view = MapView(sam, Selection())
    qtbot.addWidget(view)
    live = LiveUpdates(sam)
    live.start()
    try:
        qtbot.waitUntil(lambda: live.connected, timeout=10_000)
        priya.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
        qtbot.waitUntil(lambda: view.changed_marks.tags() == {"s-dana": "Priya changed this"}, timeout=10_000)
        tag = view.map_scene.cards["s-dana"].childItems()
        assert tag, "the tag rides on the card"
        assert sam.undo_stack.count() == 0  # a colleague's edit is not mine to undo
        qtbot.waitUntil(lambda: view.changed_marks.tags() == {}, timeout=5_000)
        sam.edit(lambda m: m.update_stakeholder("s-dana", role="Principal"))
        qtbot.wait(100)
        assert view.changed_marks.tags() == {}  # my own edits are not tagged
    finally:
        live.stop()
        priya.close()
        sam.close()
