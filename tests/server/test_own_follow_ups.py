"""On a team map the follow-ups are each planner's own: their overdue notice, their name on new entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from stakemap.core.entities import Engagement
from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.overdue_notice import overdue_lines
from stakemap.gui.widgets.plan.panel import PlanPanel
from tests.conftest import small_map
from tests.server.conftest import TeamMap

pytestmark = pytest.mark.postgres


def test_each_planner_sees_their_own_overdue_entries_and_owns_what_they_add(
    make_team_map: Callable[[Map | None], TeamMap], qtbot
) -> None:
    contents = small_map()
    past = date(2026, 1, 5)
    contents.add_entities(
        [
            Engagement("s-dana", reason="Priya's call", due=past, owner="Priya"),
            Engagement("s-eli", reason="Sam's lunch", due=past, owner="sam"),
        ],
        "Plan",
    )
    team = make_team_map(contents)
    priya = MapDocument(team.open("priya"))
    try:
        assert priya.own_name == "Priya"
        today = date(2026, 2, 1)
        mine = overdue_lines(priya.map, today, priya.own_name)
        assert len(mine) == 1
        assert "Priya's call" in mine[0]
        assert len(overdue_lines(priya.map, today)) >= 2  # a map file's notice lists them all
        panel = PlanPanel(priya, Selection())
        qtbot.addWidget(panel)
        added = panel.add_engagement("s-dana")
        assert added is not None
        assert priya.map.engagements[added].owner == "Priya"
    finally:
        priya.close()
