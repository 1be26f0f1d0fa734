"""File > Open from Server…: lists what the user may open, opens it, makes and publishes maps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from stakemap.core.model import Map
from stakemap.gui.widgets import server_dialog
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.gui.widgets.server_dialog import ServerDialog, open_from_server
from stakemap.storage.server import drop_server_map
from stakemap.storage.server_address import parse_server_address
from tests.conftest import small_map
from tests.gui.conftest import window  # noqa: F401 (fixture)
from tests.server.conftest import ADMIN, ROLES, SERVER, TeamMap, address_as, unique

pytestmark = pytest.mark.postgres


def _dialog(
    user: str, database: str, *, password: str | None = None, publish: Map | None = None
) -> ServerDialog:
    assert SERVER is not None
    host, _, port = SERVER.rpartition(":")
    dialog = ServerDialog(publish=publish)
    dialog.host.setText(host)
    dialog.port.setValue(int(port))
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(ROLES[user] if password is None else password)
    return dialog


def test_lists_the_maps_with_access_and_opens_one(
    make_team_map: Callable[[Map | None], TeamMap], qapp: object
) -> None:
    team = make_team_map(small_map())
    dialog = _dialog("vera", team.database)
    assert dialog.refresh()
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    row = names.index(team.name)
    assert dialog.table.item(row, 2).text() == "viewer"
    dialog.table.selectRow(row)
    dialog.open_selected()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen is not None
    assert dialog.chosen.map == team.name
    assert ROLES["vera"] not in dialog.chosen.display()


def test_a_wrong_password_is_reported_without_it(
    make_team_map: Callable[[Map | None], TeamMap], qapp: object
) -> None:
    team = make_team_map(None)
    dialog = _dialog("priya", team.database, password="Wrong-Pw-987")
    assert not dialog.refresh()
    assert "did not accept the password" in dialog.status.text()
    assert "Wrong-Pw-987" not in dialog.status.text()


def test_publish_copies_the_open_map_to_the_server(team_database: str, qapp: object) -> None:
    name = unique("p")
    dialog = _dialog(ADMIN, team_database, publish=small_map())
    try:
        assert dialog.create_named(name, publish=True)
        from stakemap.storage.database import open_url

        opened = open_url(address_as(ADMIN, team_database, name))
        assert len(opened.load().stakeholders) == 4
        opened.close()
    finally:
        drop_server_map(address_as(ADMIN, team_database), name)


@pytest.fixture
def vera_pgpassword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", ROLES["vera"])


@pytest.mark.usefixtures("vera_pgpassword")
def test_open_from_server_shows_the_map_read_only_for_a_viewer(
    make_team_map: Callable[[Map | None], TeamMap],
    window: MainWindow,  # noqa: F811 (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    team = make_team_map(small_map())

    def pick(dialog: ServerDialog) -> QDialog.DialogCode:
        dialog.chosen = team.address("vera")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(server_dialog.ServerDialog, "exec", pick)
    opened = open_from_server(window)
    assert opened is not None
    assert window.document is not None
    assert window.document.read_only_reason == "you have view access"
    assert len(window.document.map.stakeholders) == 4
    # Remembered for Open Recent, without the password, and the dialog starts from that server.
    remembered = server_dialog.recent_server_maps(window.settings)
    assert remembered == [team.address("vera").display()]
    window.settings.sync()
    assert ROLES["vera"] not in Path(window.settings.fileName()).read_text(encoding="utf-8")
    window.document.close()
    window.document = None
    opened_again = server_dialog.open_address(window, parse_server_address(remembered[0]))
    assert opened_again is not None  # the password came from PGPASSWORD, as from ~/.pgpass


def test_an_owner_shares_and_unshares_from_the_dialog(
    make_team_map: Callable[[Map | None], TeamMap], qapp: object
) -> None:
    team = make_team_map(None)
    owner = _dialog("cora", team.database)
    assert owner.refresh()
    names = [owner.table.item(row, 0).text() for row in range(owner.table.rowCount())]
    owner.table.selectRow(names.index(team.name))
    assert owner.share_button.isEnabled()
    assert owner.share_with(team.name, "vera", "editor")
    viewer = _dialog("vera", team.database)
    assert viewer.refresh()
    row = [viewer.table.item(r, 0).text() for r in range(viewer.table.rowCount())].index(team.name)
    assert viewer.table.item(row, 2).text() == "editor"
    viewer.table.selectRow(row)
    assert not viewer.share_button.isEnabled()
    assert not viewer.share_with(team.name, "sam", "owner")  # an editor may not share
    assert "Cannot share" in viewer.status.text()
    assert owner.share_with(team.name, "vera", "no access")
    assert viewer.refresh()
    assert viewer.table.item(row, 2).text() == "no access"
