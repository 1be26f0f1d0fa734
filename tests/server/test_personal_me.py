"""On a team map each planner has their own "me": kept on their computer, never written to the map."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres


def _stored_me(team: TeamMap) -> str | None:
    return team.open("vera").load().info.me_id


def test_each_planner_keeps_their_own_me(
    make_team_map: Callable[[Map | None], TeamMap], qtbot: QtBot
) -> None:
    team = make_team_map(small_map())
    shared = _stored_me(team)
    priya, sam = MapDocument(team.open("priya")), MapDocument(team.open("sam"))
    try:
        priya.edit(lambda m: m.update_info(me_id="s-dana"))
        sam.edit(lambda m: m.update_info(me_id="s-eli"))
        assert (priya.map.info.me_id, sam.map.info.me_id) == ("s-dana", "s-eli")
        assert _stored_me(team) == shared  # the shared map never learns whose "me" is whose
        # Others' edits to the map's own row leave my "me" alone, live or on refresh.
        sam.edit(lambda m: m.update_info(title="Renamed by Sam"))
        priya.pull_remote()
        assert priya.map.info.title == "Renamed by Sam"
        assert priya.map.info.me_id == "s-dana"
        priya.refresh()
        assert priya.map.info.me_id == "s-dana"
        priya.undo_stack.undo()  # undoing my choice of "me" is mine too
        assert priya.map.info.me_id != "s-dana"
        assert _stored_me(team) == shared
        priya.undo_stack.redo()
    finally:
        priya.close()
        sam.close()
    again = MapDocument(team.open("priya"))  # remembered for this planner on this map
    try:
        assert again.map.info.me_id == "s-dana"
    finally:
        again.close()
