"""Every file Stakemap writes is user-only, and deleted or edited text is gone from every byte of them."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from stakemap.core.entities import MapInfo, Note, Stakeholder
from stakemap.core.files import ensure_private_dir, write_private_atomically
from stakemap.core.model import Map
from stakemap.exchange.writers import export_csv
from stakemap.storage.database import alembic_config, create_map, open_map, save_as


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o002)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_maps_and_save_as_copies_are_user_only(tmp_path: Path, loose_umask: None) -> None:
    created = create_map(tmp_path / "new.stakemap", Map(info=MapInfo(title="New")))
    copy = save_as(created, tmp_path / "copy.stakemap")
    created.close()
    copy.close()
    assert _mode(tmp_path / "new.stakemap") == 0o600
    assert _mode(tmp_path / "copy.stakemap") == 0o600


def test_upgrade_backup_is_user_only(map_file: Path, loose_umask: None) -> None:
    engine = create_engine(f"sqlite:///{map_file}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    engine.dispose()
    opened = open_map(map_file)
    assert opened.backup_path is not None
    assert _mode(opened.backup_path) == 0o600
    assert opened.backup_path.name in opened.notices[0]
    opened.close()


def test_exports_are_user_only(map_file: Path, tmp_path: Path, loose_umask: None) -> None:
    opened = open_map(map_file, read_only=True)
    m = opened.load()
    opened.close()
    export_csv(m, tmp_path / "people.csv", "stakeholders")
    assert _mode(tmp_path / "people.csv") == 0o600


def test_private_helpers(tmp_path: Path, loose_umask: None) -> None:
    folder = ensure_private_dir(tmp_path / "data" / "stakemap")
    assert _mode(folder) == 0o700
    write_private_atomically(folder / "out.txt", lambda tmp: tmp.write_text("hello"))
    assert _mode(folder / "out.txt") == 0o600
    assert [p.name for p in folder.iterdir()] == ["out.txt"]


class _InsecureByDefault:
    """sqlite3.connect as on a SQLite built without SECURE_DELETE: the app must turn it on itself."""

    def __init__(self, connect: object) -> None:
        self._connect = connect

    def __call__(self, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = self._connect(*args, **kwargs)  # type: ignore[operator]
        connection.execute("PRAGMA secure_delete=OFF")
        return connection


def test_secure_delete_is_set_by_the_app(map_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "connect", _InsecureByDefault(sqlite3.connect))
    opened = open_map(map_file)
    with opened.repository.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    opened.close()


SECRETS = ("Quentin Secretperson", "XYZZY confidential remark", "PLUGH first draft of the note")


def test_no_old_text_in_any_byte_of_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "connect", _InsecureByDefault(sqlite3.connect))
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "team.stakemap"
    opened = create_map(path, Map(info=MapInfo(title="Team")))
    m = opened.load()
    write = opened.repository.write
    write(m.add_stakeholder(Stakeholder("Quentin Secretperson", pain_points="x" * 3000, id="s-q")))
    write(m.add_stakeholder(Stakeholder("Rita", id="s-r")))
    write(m.add_note(Note("XYZZY confidential remark " * 200, stakeholder_id="s-q", confidential=True)))
    write(m.add_note(Note("PLUGH first draft of the note " * 200, stakeholder_id="s-r", id="n-r")))
    write(m.remove_stakeholders(["s-q"]))
    write(m.update_note("n-r", text="Final text"))
    save_as(opened, folder / "copy.stakemap").close()
    opened.close()
    files = [p for p in folder.iterdir() if p.is_file()]
    assert files
    for file in files:
        data = file.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, f"“{secret}” is still in {file.name}"


def test_upgrade_backup_is_removed_when_the_map_opens_after_the_stated_days(map_file: Path) -> None:
    from stakemap.storage.database import BACKUP_KEEP_DAYS

    engine = create_engine(f"sqlite:///{map_file}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0002")
    engine.dispose()
    opened = open_map(map_file)
    backup = opened.backup_path
    assert backup is not None
    assert f"{BACKUP_KEEP_DAYS} days" in opened.notices[0]
    opened.close()
    open_map(map_file).close()
    assert backup.exists()  # still young
    old = backup.stat().st_mtime - (BACKUP_KEEP_DAYS + 1) * 86_400
    os.utime(backup, (old, old))
    open_map(map_file, read_only=True).close()
    assert backup.exists()  # a read-only look removes nothing
    open_map(map_file).close()
    assert not backup.exists()
