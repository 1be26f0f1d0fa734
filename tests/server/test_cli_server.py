"""The CLI with server addresses: `stakemap server …`, and every map command taking a server map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from stakemap.cli import main
from stakemap.core.model import Map
from stakemap.storage.server import drop_server_map
from tests.conftest import small_map
from tests.server.conftest import ADMIN, ROLES, SERVER, TeamMap, address_as, unique

pytestmark = pytest.mark.postgres


def url(user: str, database: str, map_name: str | None = None, password: str | None = None) -> str:
    secret = quote(ROLES[user] if password is None else password, safe="")
    tail = f"?map={map_name}" if map_name else ""
    return f"postgresql+psycopg://{user}:{secret}@{SERVER}/{database}{tail}"


def test_new_on_a_server_makes_a_server_map_and_no_local_folder(
    team_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    name = unique("t")
    try:
        assert main(["new", url(ADMIN, team_database, name), "--title", "Outreach"]) == 0
        assert list(tmp_path.iterdir()) == []
        assert main(["info", url(ADMIN, team_database, name)]) == 0
        out = capsys.readouterr().out
        assert "Title:          Outreach" in out
        assert ROLES[ADMIN] not in out
    finally:
        drop_server_map(address_as(ADMIN, team_database), name)


def test_map_commands_take_a_server_address(
    make_team_map: Callable[[Map | None], TeamMap], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_team_map(small_map())
    address = url("vera", team.database, team.name)
    assert main(["info", address]) == 0
    assert "read-only: you have view access" in capsys.readouterr().out
    assert main(["list", address]) == 0
    assert "Dana" in capsys.readouterr().out
    assert main(["analyse", address, "--json"]) == 0
    assert main(["export", address, str(tmp_path / "people.csv")]) == 0
    assert (tmp_path / "people.csv").exists()
    source = tmp_path / "more.csv"
    source.write_text("name,influence,interest\nGus,50,50\n", encoding="utf-8")
    assert main(["import", url("priya", team.database, team.name), str(source)]) == 0
    assert "Gus" in {p.name for p in team.open("sam").load().stakeholders.values()}
    source.write_text("name,influence,interest\nHal,50,50\n", encoding="utf-8")
    assert main(["import", address, str(source)]) == 0  # a viewer's import checks, writes nothing
    assert "nothing was written" in capsys.readouterr().out


def test_server_admin_commands(
    make_team_map: Callable[[Map | None], TeamMap], capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_team_map(None)
    admin_db = url(ADMIN, team.database)
    assert main(["server", "init", admin_db]) == 0
    assert "already a Stakemap database" in capsys.readouterr().out
    assert main(["server", "grant", url("cora", team.database, team.name), "vera", "editor"]) == 0
    assert main(["server", "list", url("vera", team.database)]) == 0
    assert f"{team.name}  editor" in capsys.readouterr().out
    assert main(["server", "revoke", url("cora", team.database, team.name), "vera"]) == 0
    # Confidential readers are named by an administrator, never by an owner.
    assert main(["server", "grant", url("cora", team.database, team.name), "sam", "confidential"]) == 1
    assert "Only an administrator" in capsys.readouterr().err
    assert main(["server", "grant", url(ADMIN, team.database, team.name), "sam", "confidential"]) == 0
    assert "may now read the confidential notes" in capsys.readouterr().out
    assert main(["server", "revoke", url(ADMIN, team.database, team.name), "sam", "confidential"]) == 0
    assert "may no longer read" in capsys.readouterr().out
    assert team.open("sam").read_only_reason is None  # still an editor
    assert main(["server", "upgrade", admin_db]) == 1  # no terminal, no --yes: offers the dump, stops
    captured = capsys.readouterr()
    assert "pg_dump" in captured.out
    assert "--yes" in captured.err
    assert main(["server", "upgrade", admin_db, "--yes"]) == 0


def test_a_wrong_password_is_never_printed(
    make_team_map: Callable[[Map | None], TeamMap], capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_team_map(None)
    wrong = "Not-The-Pw-1234"
    for argv in (
        ["info", url("priya", team.database, team.name, wrong)],
        ["server", "list", url("priya", team.database, None, wrong)],
        ["export", url("priya", team.database, team.name, wrong), "x.csv"],
    ):
        assert main(argv) == 1
        captured = capsys.readouterr()
        assert wrong not in captured.err + captured.out
        assert "did not accept the password" in captured.err
