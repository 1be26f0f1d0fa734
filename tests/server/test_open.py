"""Opening a server map: the user's own privileges, read on open; schema versions; no local files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import text

from stakemap.core.model import Map
from stakemap.storage.errors import MapFileError, ReadOnlyMapError
from stakemap.storage.server import PasswordNeededError, ServerError, schema_of, server_engine
from stakemap.storage.server_open import VIEW_ONLY
from tests.conftest import small_map
from tests.server.conftest import ADMIN, ROLES, TeamMap, address_as

pytestmark = pytest.mark.postgres


def test_an_editor_opens_and_writes(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(small_map())
    opened = team.open("priya")
    assert not opened.read_only
    m = opened.load()
    assert set(m.stakeholders) == {"s-ceo", "s-dana", "s-eli", "s-fay"}
    opened.repository.write(m.update_stakeholder("s-dana", role="Lead engineer"))
    assert team.open("sam").load().stakeholders["s-dana"].role == "Lead engineer"
    assert opened.display_name == team.address("priya").display()


def test_a_viewer_opens_read_only_and_is_told_why(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(small_map())
    opened = team.open("vera")
    assert opened.read_only_reason == VIEW_ONLY
    m = opened.load()
    with pytest.raises(ReadOnlyMapError, match="view access"):
        opened.repository.write(m.update_stakeholder("s-dana", role="Oops"))


def test_no_access_and_missing_maps_say_so(make_team_map: Callable[[Map | None], TeamMap]) -> None:
    team = make_team_map(None)
    from stakemap.storage.server import revoke

    revoke(address_as(ADMIN, team.database), team.name, "vera")
    with pytest.raises(ServerError, match="no access"):
        team.open("vera")
    from stakemap.storage.database import open_url

    with pytest.raises(ServerError, match="no map named"):
        open_url(address_as("priya", team.database, "nosuchmap"))


def test_a_wrong_password_asks_for_one_and_never_shows_it(
    make_team_map: Callable[[Map | None], TeamMap],
) -> None:
    team = make_team_map(None)
    from stakemap.storage.database import open_url

    wrong = "Wr0ng-" + ROLES["priya"]
    with pytest.raises(PasswordNeededError) as caught:
        open_url(replace(team.address("priya"), password=wrong))
    assert wrong not in str(caught.value)
    assert ROLES["priya"] not in str(caught.value)


def test_a_newer_server_schema_opens_read_only_an_older_one_names_the_command(
    make_team_map: Callable[[Map | None], TeamMap],
) -> None:
    team = make_team_map(small_map())
    schema = schema_of(team.name)
    engine = server_engine(address_as(ADMIN, team.database))
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {schema}.alembic_version SET version_num = '9999'"))
    opened = team.open("priya")
    assert opened.read_only_reason is not None
    assert "newer schema (9999)" in opened.read_only_reason
    assert len(opened.load().stakeholders) == 4
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {schema}.alembic_version SET version_num = '0004'"))
    engine.dispose()
    with pytest.raises(MapFileError, match="stakemap server upgrade postgresql://priya@"):
        team.open("priya")
