"""The people who share a server map, offered as owners of its engagements."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stakemap.core.model import Map
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.plan.delegates import PlanDelegate
from tests.conftest import small_map
from tests.server.conftest import ROLES, TeamMap

pytestmark = pytest.mark.postgres


def test_members_are_the_logins_with_access_and_become_owner_choices(
    make_team_map: Callable[[Map | None], TeamMap], qapp: object
) -> None:
    team = make_team_map(small_map())
    document = MapDocument(team.open("vera"))  # even a viewer sees who else is on the map
    try:
        expected = sorted(user for user in ("cora", "priya", "sam", "vera") if user in ROLES)
        assert document.members() == expected
        choices = PlanDelegate(document)._owner_choices()
        assert choices[: len(expected)] == [name.capitalize() for name in expected]
    finally:
        document.close()
