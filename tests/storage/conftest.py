"""The storage tests that also run on PostgreSQL take their maps from the server fixtures.

``backend_map`` opens the same small map on each back end: a map file (SQLite) and a map on the
test server (``open_url``, as the editor priya); the PostgreSQL case skips without the server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stakemap.core.model import Map
from stakemap.storage.database import OpenedMap, create_map, open_map
from tests.conftest import small_map
from tests.server.conftest import TeamMap, make_team_map, team_database  # noqa: F401 (fixtures used here)


class Backend:
    """Opens one small map again and again, on one back end."""

    def __init__(self, name: str, opener: Callable[[bool], OpenedMap]) -> None:
        self.name = name
        self._opener = opener
        self.opened: list[OpenedMap] = []

    def open(self, *, read_only: bool = False) -> OpenedMap:
        opened = self._opener(read_only)
        self.opened.append(opened)
        return opened

    def read(self) -> Map:
        """The map as stored now, read by another reader (a map file has one writer at a time)."""
        return self.open(read_only=True).load()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        path = tmp_path / "m.stakemap"
        create_map(path, small_map()).close()
        chosen = Backend("sqlite", lambda read_only: open_map(path, read_only=read_only))
    else:
        make: Callable[[Map | None], TeamMap] = request.getfixturevalue("make_team_map")
        team = make(small_map())
        chosen = Backend("postgresql", lambda read_only: team.open("priya", read_only=read_only))
    yield chosen
    for opened in chosen.opened:
        opened.close()
