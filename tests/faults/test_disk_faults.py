"""Disk trouble beyond the first failed write: a disk filling up in the middle of a session (undo and
deletes included) and recovering, a disk turning read-only between two edits, read-only files and folders
(injected: root ignores permissions), and write errors injected at every statement of a cascading delete
and at COMMIT. Each time: the user gets a clear message, the map on screen matches the file, and what was
saved before is intact after reopening.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.core.entities import Note
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage import database, file_check
from stakemap.storage.database import create_map, open_map
from stakemap.storage.lock import lock_path_for
from tests.conftest import small_map
from tests.faults.edit_script import fingerprint


def stored_fingerprint(path: Path) -> str:
    opened = open_map(path, read_only=True)
    try:
        return fingerprint(opened.load())
    finally:
        opened.close()


def _run(*args: str) -> bool:
    return subprocess.run(list(args), capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 768 KiB tmpfs of our own (needs root and mount permission; skipped otherwise)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if shutil.which("mount") is None or not _run(
        "mount", "-t", "tmpfs", "-o", "size=768k", "tmpfs", str(folder)
    ):
        pytest.skip("cannot mount a tmpfs here; the injected-error tests below cover the same paths")
    yield folder
    _run("umount", "-l", str(folder))


def test_disk_filling_up_mid_session_then_freed(small_disk: Path, qapp: object) -> None:
    path = small_disk / "map.stakemap"
    create_map(path, small_map()).close()
    ballast = small_disk / "ballast"
    ballast.write_bytes(b"\0" * 256_000)  # something the user can delete to make room
    document = MapDocument(open_map(path))
    failures: list[str] = []
    document.write_failed.connect(failures.append)
    saved = 0
    with pytest.raises(EditRejected, match="the disk is full"):  # noqa: PT012 - edit until the disk is full
        for n in range(1_000):
            document.edit(lambda m, n=n: m.add_note(Note(f"{'minutes ' * 2_000}{n}", stakeholder_id="s-eli")))
            saved += 1
    assert saved > 3
    assert fingerprint(document.map) == stored_fingerprint(path)

    # A full disk refuses even deletes (the journal needs room): said clearly, nothing half done.
    document.undo_stack.undo()
    assert failures
    assert "the disk is full" in failures[-1]
    with pytest.raises(EditRejected, match="the disk is full"):
        document.edit(lambda m: m.remove_stakeholders(["s-eli"]))
    assert fingerprint(document.map) == stored_fingerprint(path)
    assert len(document.map.notes) == 1 + saved

    qapp.processEvents()  # type: ignore[attr-defined]  # the failed undo clears the history
    assert document.undo_stack.count() == 0

    ballast.unlink()  # room again: editing, and undo, simply go on
    document.edit(lambda m: m.update_stakeholder("s-eli", role="Editor"))
    document.edit(lambda m: m.add_note(Note("Back to normal", stakeholder_id="s-eli")))
    document.undo_stack.undo()
    assert len(document.map.notes) == 1 + saved
    assert document.map.stakeholders["s-eli"].role == "Editor"
    after = fingerprint(document.map)
    document.close()
    assert stored_fingerprint(path) == after
    assert not lock_path_for(path).exists()


def test_disk_turning_read_only_between_edits(small_disk: Path, qapp: object) -> None:
    path = small_disk / "map.stakemap"
    create_map(path, small_map()).close()
    document = MapDocument(open_map(path))
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
    before = fingerprint(document.map)
    document.opened.repository.engine.dispose()  # a busy file system cannot be remounted read-only
    assert _run("mount", "-o", "remount,ro", str(small_disk))
    try:
        with pytest.raises(EditRejected, match="read-only"):
            document.edit(lambda m: m.update_stakeholder("s-dana", role="Boss"))
        assert fingerprint(document.map) == before == stored_fingerprint(path)
    finally:
        assert _run("mount", "-o", "remount,rw", str(small_disk))
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Boss"))
    document.close()
    assert open_map(path, read_only=True).load().stakeholders["s-dana"].role == "Boss"


def test_hot_journal_on_a_read_only_mount_opens_read_only_not_damaged(small_disk: Path) -> None:
    from tests.faults.journals import crash_mid_edit

    path = small_disk / "map.stakemap"
    create_map(path, small_map()).close()
    crash_mid_edit(path, "UPDATE stakeholder SET name = 'Half written'")
    assert _run("mount", "-o", "remount,ro", str(small_disk))
    try:
        opened = open_map(path)
        assert opened.read_only
        assert "Dana" in {p.name for p in opened.load().stakeholders.values()}
        opened.close()
    finally:
        assert _run("mount", "-o", "remount,rw", str(small_disk))


def test_closing_a_map_on_a_disk_that_turned_read_only(small_disk: Path, qapp: object) -> None:
    path = small_disk / "map.stakemap"
    create_map(path, small_map()).close()
    document = MapDocument(open_map(path))
    document.opened.repository.engine.dispose()
    assert _run("mount", "-o", "remount,ro", str(small_disk))
    try:
        document.close()  # the lock cannot be removed; closing the window must still work
    finally:
        _run("mount", "-o", "remount,rw", str(small_disk))


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only_and_stays_untouched(
    map_file: Path, qapp: object, monkeypatch: pytest.MonkeyPatch, read_only: str
) -> None:
    denied = map_file if read_only == "file" else map_file.parent
    real_access = os.access
    monkeypatch.setattr(
        file_check.os, "access", lambda p, mode: False if Path(p) == denied else real_access(p, mode)
    )
    before = hashlib.sha256(map_file.read_bytes()).hexdigest()
    document = MapDocument(open_map(map_file))
    assert document.read_only
    assert "read-only" in (document.read_only_reason or "")
    with pytest.raises(EditRejected, match="read-only"):
        document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
    assert document.map.stakeholders["s-dana"].role == "Engineer"
    assert not lock_path_for(map_file).exists()
    document.close()
    assert hashlib.sha256(map_file.read_bytes()).hexdigest() == before


def test_folder_refusing_the_lock_file_opens_read_only(
    map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(database, "MapLock", refuse)
    opened = open_map(map_file)
    assert opened.read_only
    assert "folder is read-only" in (opened.read_only_reason or "")
    assert opened.load().stakeholders["s-dana"].name == "Dana"
    opened.close()


class _FailingConnection(sqlite3.Connection):
    """A real SQLite connection whose Nth data statement, or COMMIT, fails as a dying disk would."""

    fail_at: int | str | None = None
    message = "disk I/O error"
    statements = 0

    def cursor(self, *args: object, **kwargs: object) -> sqlite3.Cursor:
        return super().cursor(_FailingCursor)  # type: ignore[arg-type]

    def commit(self) -> None:
        if _FailingConnection.fail_at == "commit":
            raise _disk_error()
        super().commit()


class _FailingCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: object = ()) -> sqlite3.Cursor:  # type: ignore[override]
        self._count(sql)
        return super().execute(sql, parameters)  # type: ignore[arg-type]

    def executemany(self, sql: str, seq: object) -> sqlite3.Cursor:  # type: ignore[override]
        self._count(sql)
        return super().executemany(sql, seq)  # type: ignore[arg-type]

    @staticmethod
    def _count(sql: str) -> None:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            _FailingConnection.statements += 1
            if _FailingConnection.statements == _FailingConnection.fail_at:
                raise _disk_error()


def _disk_error() -> sqlite3.OperationalError:
    """The error SQLite raises for the message under test, with the result code it carries."""
    error = sqlite3.OperationalError(_FailingConnection.message)
    codes = {
        "disk I/O error": 778,
        "database or disk is full": sqlite3.SQLITE_FULL,
    }  # 778: SQLITE_IOERR_WRITE
    error.sqlite_errorcode = codes[_FailingConnection.message]  # type: ignore[attr-defined]  # set by SQLite itself on real errors
    return error


@pytest.mark.parametrize("fail_at", [1, 2, 4, "commit"])
@pytest.mark.parametrize(("message", "wording"), [("disk I/O error", "disk I/O error"),
                                                  ("database or disk is full", "the disk is full")])  # fmt: skip
def test_write_failing_midway_through_a_cascading_delete(
    map_file: Path,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    fail_at: int | str,
    message: str,
    wording: str,
) -> None:
    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=_FailingConnection, **k))
    document = MapDocument(open_map(map_file))
    before = fingerprint(document.map)
    _FailingConnection.statements, _FailingConnection.message = 0, message
    _FailingConnection.fail_at = fail_at
    try:
        # Dana has ties, a note and an engagement: the delete is several statements in one transaction.
        with pytest.raises(EditRejected, match=f"could not be saved: {wording}"):
            document.edit(lambda m: m.remove_stakeholders(["s-dana"]))
        assert _FailingConnection.statements >= (fail_at if isinstance(fail_at, int) else 4)
    finally:
        _FailingConnection.fail_at = None
    assert fingerprint(document.map) == before == stored_fingerprint(map_file)
    document.edit(lambda m: m.remove_stakeholders(["s-dana"]))
    after = fingerprint(document.map)
    document.close()
    assert stored_fingerprint(map_file) == after != before
