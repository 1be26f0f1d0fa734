"""A throwaway Stakemap database per test session, and a fresh map per test, as non-superuser roles.

Needs STAKEMAP_TEST_PG_SERVER (host:port) and STAKEMAP_TEST_PG_ROLES ("user:password,..."), set by
.ci/run; every test here is skipped without them. The session's database has a unique name and is
dropped at the end; each test's map (schema and roles) has a unique name and is dropped after it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from stakemap.core.model import Map
from stakemap.storage.database import OpenedMap, open_url
from stakemap.storage.server import create_server_map, drop_server_map, grant, init_server, server_engine
from stakemap.storage.server_address import ServerAddress

SERVER = os.environ.get("STAKEMAP_TEST_PG_SERVER")
ROLES = dict(
    pair.split(":", 1) for pair in os.environ.get("STAKEMAP_TEST_PG_ROLES", "").split(",") if ":" in pair
)
ADMIN = "stakemap_admin"

pytestmark = pytest.mark.postgres


def _skip_without_server() -> None:
    if not SERVER or ADMIN not in ROLES:
        pytest.skip("set STAKEMAP_TEST_PG_SERVER and STAKEMAP_TEST_PG_ROLES to run against PostgreSQL")


def address_as(user: str, database: str, map_name: str | None = None) -> ServerAddress:
    assert SERVER is not None
    host, _, port = SERVER.rpartition(":")
    return ServerAddress(
        host=host, port=int(port), database=database, user=user, map=map_name, password=ROLES[user]
    )


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def _as_admin(statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) as the test administrator."""
    admin = address_as(ADMIN, "postgres")
    engine = server_engine(replace(admin, database=os.environ.get("STAKEMAP_TEST_PG_SERVER_DB", "postgres")))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def create_database(name: str) -> None:
    _as_admin(f"CREATE DATABASE {name}")


def drop_database(name: str) -> None:
    _as_admin(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture
def fresh_database() -> Iterator[str]:
    """An empty database of its own (for init tests); dropped afterwards."""
    _skip_without_server()
    name = unique("smt_")
    create_database(name)
    yield name
    drop_database(name)


@pytest.fixture(scope="session")
def team_database() -> Iterator[str]:
    """One initialised database for the session's maps."""
    _skip_without_server()
    name = unique("smt_")
    create_database(name)
    init_server(address_as(ADMIN, name))
    yield name
    drop_database(name)


class TeamMap:
    """One map on the server, shared with priya and sam (editors), cora (owner) and vera (viewer)."""

    def __init__(self, database: str, name: str) -> None:
        self.database = database
        self.name = name
        self._opened: list[OpenedMap] = []

    def address(self, user: str) -> ServerAddress:
        return address_as(user, self.database, self.name)

    def open(self, user: str, **kwargs: bool) -> OpenedMap:
        opened = open_url(self.address(user), **kwargs)
        self._opened.append(opened)
        return opened

    def close_all(self) -> None:
        for opened in self._opened:
            opened.close()


@pytest.fixture
def make_team_map(team_database: str) -> Iterator[Callable[[Map | None], TeamMap]]:
    made: list[TeamMap] = []

    def make(contents: Map | None = None) -> TeamMap:
        name = unique("t")
        admin = address_as(ADMIN, team_database)
        create_server_map(admin, name, contents)
        for user, level in (("priya", "editor"), ("sam", "editor"), ("cora", "owner"), ("vera", "viewer")):
            if user in ROLES:
                grant(admin, name, user, level)
        team = TeamMap(team_database, name)
        made.append(team)
        return team

    yield make
    for team in made:
        team.close_all()
        drop_server_map(address_as(ADMIN, team.database), team.name)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """Each test its own settings file (the Activity dock remembers what a user last saw)."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
