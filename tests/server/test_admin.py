"""`stakemap server` as an administrator: the registry, maps with their roles, refusals."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import text

from stakemap.core.model import Map
from stakemap.storage.server import (
    ServerError,
    create_server_map,
    drop_server_map,
    init_server,
    list_maps,
    revoke,
    server_engine,
    upgrade_server,
)
from tests.server.conftest import ADMIN, TeamMap, address_as, unique

pytestmark = pytest.mark.postgres


def test_init_refuses_a_database_of_another_application(fresh_database: str) -> None:
    admin = address_as(ADMIN, fresh_database)
    engine = server_engine(admin)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE public.invoices (id int)"))
    engine.dispose()
    with pytest.raises(ServerError, match=r"not Stakemap's \(public.invoices\)"):
        init_server(admin)
    with pytest.raises(ServerError, match="stakemap server init"):
        list_maps(admin)


def test_two_inits_at_once_do_not_race(fresh_database: str) -> None:
    admin = address_as(ADMIN, fresh_database)
    results: list[bool | BaseException] = []

    def run() -> None:
        try:
            results.append(init_server(admin))
        except BaseException as exc:
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == [False, True]
    assert list_maps(admin) == []


def test_maps_are_listed_with_each_users_access(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(None)
    access = {}
    for user in ("priya", "cora", "vera"):
        maps = {m.name: m for m in list_maps(address_as(user, team.database))}
        access[user] = maps[team.name].access
    assert access == {"priya": "editor", "cora": "owner", "vera": "viewer"}
    revoke(address_as("cora", team.database), team.name, "vera")  # an owner, not only the admin
    maps = {m.name: m for m in list_maps(address_as("vera", team.database))}
    assert maps[team.name].access == ""


def test_an_editor_cannot_create_maps_or_share(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(None)
    from stakemap.storage.server import grant

    with pytest.raises(ServerError, match="Cannot share"):
        grant(address_as("priya", team.database), team.name, "vera", "owner")
    name = unique("t")
    try:
        with pytest.raises(ServerError, match="Cannot create"):
            create_server_map(address_as("priya", team.database), name)
    finally:
        drop_server_map(address_as(ADMIN, team.database), name)


def test_a_second_map_of_the_same_name_is_refused(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(None)
    with pytest.raises(ServerError, match="already a map named"):
        create_server_map(address_as(ADMIN, team.database), team.name)


def test_upgrade_runs_every_map_under_the_lock(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    from stakemap.storage.database import head_revision

    team = make_team_map(None)
    done = dict((name, after) for name, _before, after in upgrade_server(address_as(ADMIN, team.database)))
    assert done[team.name] == head_revision()
