"""Open, create, migrate and verify a map database: a *.stakemap SQLite file, or PostgreSQL (storage layer).

Opening a file never modifies a file that is not a healthy Stakemap map of a
version we understand: the header, application id, integrity and schema
revision are checked first, read-only, and the journals beside it before SQLite
sees it (``journals``). An older schema is backed up beside the file, then
upgraded. A newer one is opened read-only. Every file made here is user-only,
every connection overwrites what it deletes (``secure_delete``), and every write
first checks that the file at the path is still the one opened, still ours, and
has no foreign journal beside it.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from stakemap.core.files import create_private_file
from stakemap.core.model import Map
from stakemap.storage import journals
from stakemap.storage.errors import (
    CorruptMapFileError,
    MapFileError,
    MapVanishedError,
    NotAMapFileError,
    StorageWriteError,
)
from stakemap.storage.file_check import APPLICATION_ID, FileCheck, check_file, check_not_in_use
from stakemap.storage.journals import discard_view
from stakemap.storage.load_checks import safe_json_loads
from stakemap.storage.lock import MapLock
from stakemap.storage.repository import MapRepository
from stakemap.storage.server_address import ServerAddress, parse_server_address

if TYPE_CHECKING:
    from alembic.config import Config

FILE_SUFFIX = ".stakemap"


def alembic_config() -> Config:
    # Alembic is imported only when a schema must change: opening a current map never pays for it.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("stakemap.storage") / "migrations"))
    return cfg


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


@cache  # the shipped files do not change while we run; every open asks twice
def _revision_chain() -> tuple[str, ...]:
    """The shipped revisions, oldest first, read from the files (a test checks Alembic agrees)."""
    parents: dict[str, str | None] = {}
    for script in (files("stakemap.storage") / "migrations" / "versions").iterdir():
        if script.name.endswith(".py") and script.name[0].isdigit():
            text = script.read_text(encoding="utf-8")
            revision, down = _REVISION.search(text), _DOWN.search(text)
            if revision is not None and down is not None:
                parents[revision.group(1)] = down.group(1)
    chain: list[str] = []
    current = next((r for r, p in parents.items() if p is None), None)
    while current is not None:
        chain.append(current)
        current = next((r for r, p in parents.items() if p == current), None)
    return tuple(chain)


def head_revision() -> str:
    return _revision_chain()[-1]


def known_revisions() -> set[str]:
    return set(_revision_chain())


@dataclass
class OpenedMap:
    """A map database opened for use: its repository, and what the user should be told about it."""

    repository: MapRepository
    path: Path | None
    read_only_reason: str | None = None
    backup_path: Path | None = None
    lock: MapLock | None = None
    notices: list[str] = field(default_factory=list)
    #: The schema revision the file had when opened.
    revision: str | None = None
    #: A private copy read instead of the file (see ``journals``), removed on closing.
    view: Path | None = None
    #: (device, inode) of the file when opened: a different one at ``path`` means it vanished.
    identity: tuple[int, int] | None = None
    #: The map loaded while verifying the file on opening, handed to the first ``load()``: loading a
    #: big map is most of the cost of opening it, so it is not done twice.
    verified: Map | None = field(default=None, repr=False)
    #: The server address of a map on a server (``path`` is then ``None``); holds no password shown.
    address: ServerAddress | None = None

    @property
    def display_name(self) -> str:
        """The map as named to the user: the file name, or the server address without a password."""
        if self.path is not None:
            return self.path.name
        if self.address is not None:
            return self.address.display()
        return "the map database"

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def load(self) -> Map:
        """The map as stored. The first call returns the copy read on opening (once: a Map is mutable)."""
        if self.verified is not None:
            loaded, self.verified = self.verified, None
            return loaded
        return self.repository.load()

    def check_still_there(self) -> None:
        """Raise ``MapVanishedError`` if the file at ``path`` is no longer the one that was opened."""
        if self.path is None or self.identity is None:
            return
        if _identity(self.path) != self.identity:
            raise MapVanishedError(
                f"“{self.path.name}” was deleted, renamed or replaced while it was open, so this edit "
                "was not saved and no further edits can be. Use Save As to keep what is on screen."
            )

    def close(self) -> None:
        self.repository.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self.view is not None:
            discard_view(self.view)
            self.view = None


# ---------------------------------------------------------------- engines
def _sqlite_engine(path: Path, *, read_only: bool) -> Engine:
    # A creator (not a URL) so that any file name works: "?", "#" and "%" are legal in paths.
    # mode=rw, never the default rwc: a map deleted or renamed while open must not come back as an
    # empty file at the old path.
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, json_deserializer=safe_json_loads)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Never run functions named in the schema of a file someone else crafted.
        cursor.execute("PRAGMA trusted_schema=OFF")
        cursor.execute("PRAGMA cell_size_check=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        # Deleted rows and old text are overwritten, not left in free space for `strings` to find,
        # whatever the SQLite library's own default.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return engine


def _upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


# ------------------------------------------------------------- public API
def create_map(path: Path, the_map: Map | None = None) -> OpenedMap:
    """Create a new map file at ``path`` (which must not exist) holding ``the_map`` (or an empty map)."""
    path = Path(path)
    if path.exists():
        raise MapFileError(f"“{path}” already exists; Stakemap will not overwrite it.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private_file(path)
    except OSError as exc:
        raise MapFileError(f"Cannot create “{path}”: {exc.strerror or exc}") from exc
    try:
        lock = MapLock(path)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise MapFileError(f"Cannot create “{path}”: {exc.strerror or exc}") from exc
    engine = _sqlite_engine(path, read_only=False)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        _upgrade(engine)
        repository = MapRepository(engine)
        opened = OpenedMap(repository, path, lock=lock, revision=head_revision(), identity=_identity(path))
        repository.set_before_write(_guard(opened, lock))
        repository.initialise(the_map or Map())
    except (SQLAlchemyError, MapFileError, OSError) as exc:
        engine.dispose()
        lock.release()
        path.unlink(missing_ok=True)
        raise MapFileError(f"Cannot create “{path}”: {exc}") from exc
    return opened


def open_map(path: Path, *, read_only: bool = False, take_over: bool = False) -> OpenedMap:
    """Open an existing map file.

    Raises ``NotAMapFileError``, ``CorruptMapFileError``, ``MapInUseError`` (another
    program holds the file locked) or ``MapLockedError`` (the caller then offers
    read-only or take over). A newer-version or read-only file, or one whose lock
    file cannot be made (read-only folder, full disk), opens read-only, with the
    reason in ``read_only_reason``.
    """
    path = Path(path)
    check = check_file(path, recover=not read_only)
    reason = (
        check.journal_reason
        or _read_only_reason(check, known_revisions())
        or ("you chose to open it read-only" if read_only else None)
    )
    if check.view is not None:
        reason = reason or "an unfinished edit beside it could not be rolled back in place"
    if reason is not None:
        return _open_read_only(path, reason, check.revision, view=check.view)

    try:
        lock = MapLock(path, take_over=take_over)
    except OSError as exc:
        # Without the lock file a second Stakemap could write over this one's edits: look, don't touch.
        return _open_read_only(path, _lock_failure_reason(exc), check.revision)
    engine = _sqlite_engine(path, read_only=False)
    repository = MapRepository(engine)
    opened = OpenedMap(repository, path, lock=lock, revision=check.revision, identity=_identity(path))
    repository.set_before_write(_guard(opened, lock))
    try:
        check_not_in_use(path)
        if check.revision != head_revision():
            opened.backup_path = _backup_before_upgrade(path, check.revision)
            _upgrade(engine)
            opened.notices.append(
                f"This map was made by an older Stakemap and has been upgraded. "
                f"The original is kept as “{opened.backup_path.name}” (readable only by you) for "
                f"{BACKUP_KEEP_DAYS} days, then removed the next time the map opens."
            )
        _verify_loads(opened)
    except BaseException:
        opened.close()
        raise
    if opened.backup_path is None:
        _remove_old_backups(path)
    return opened


def open_url(url: str | ServerAddress, *, password: str | None = None, read_only: bool = False) -> OpenedMap:
    """Open one map on a server: ``postgresql://[user@]host[:port]/database?map=NAME``.

    The map must exist (``stakemap server``); nothing here creates or migrates a schema. The password
    comes from ``password``, the address, the keyring, ``PGPASSWORD`` or ``~/.pgpass``; without one
    the server's refusal is raised as ``PasswordNeededError`` for the caller to prompt.
    """
    from stakemap.storage.server_open import open_server_map

    address = url if isinstance(url, ServerAddress) else parse_server_address(url)
    if password is not None:
        address = address.with_password(password)
    return open_server_map(address, read_only=read_only)


def save_as(opened: OpenedMap, new_path: Path, *, current: Map | None = None) -> OpenedMap:
    """Copy the open map to ``new_path`` with SQLite's backup API and open the copy.

    If the file vanished while open (deleted, renamed, replaced), the copy is made from ``current``,
    the map on screen, instead: that is what the user asked to keep.
    """
    if opened.path is None:
        if current is None:
            raise MapFileError("Only a map file can be saved under another name.")
        return create_map(Path(new_path), current)  # a server map saved as a file: what is on screen
    new_path = Path(new_path)
    if current is not None:
        try:
            opened.check_still_there()
        except MapVanishedError:
            return create_map(new_path, current)
    foreign = journals.inspect(opened.path).foreign_reason
    if foreign is not None:
        # Copying the file would let SQLite apply that journal to it first.
        if current is not None:
            return create_map(new_path, current)
        raise MapFileError(f"Cannot save a copy: {foreign}.")
    if new_path.resolve() == opened.path.resolve():
        raise MapFileError("That is the file already open.")
    tmp = new_path.with_name(f".{new_path.name}.part")
    try:
        tmp.unlink(missing_ok=True)  # left by a copy that crashed
        _copy_database(opened.path, tmp)
        tmp.replace(new_path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise MapFileError(f"Cannot save a copy as “{new_path}”: {exc}") from exc
    return open_map(new_path)


# ---------------------------------------------------------------- helpers
def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _guard(opened: OpenedMap, lock: MapLock) -> Callable[[], None]:
    """What every write checks first: the file is still the one opened, and still ours."""

    def check() -> None:
        opened.check_still_there()
        lock.check_held()
        if opened.path is not None:
            # SQLite looks for a hot journal at every transaction, not only on opening: one planted
            # while the map is open would be applied by this very write.
            foreign = journals.inspect(opened.path).foreign_reason
            if foreign is not None:
                raise StorageWriteError(
                    f"This edit was not saved: {foreign}. Close the map, remove that file, then reopen it."
                )

    return check


def _read_only_reason(check: FileCheck, known: set[str]) -> str | None:
    if check.revision not in known:
        return (
            f"it was made by a newer version of Stakemap (schema {check.revision}); "
            "update Stakemap to edit it"
        )
    if check.foreign_objects:
        return (
            "it contains database objects Stakemap did not create "
            f"({', '.join(check.foreign_objects[:3])}); it may have been altered by another program"
        )
    if not check.writable:
        return "the file or its folder is read-only"
    return None


def _open_read_only(path: Path, reason: str, revision: str | None, *, view: Path | None = None) -> OpenedMap:
    """Open for reading only: the file itself, or the private ``view`` copy made by the file check.

    An older map is upgraded in memory so this Stakemap's tables can read it; the file is not touched.
    """
    source = view or path
    older = revision is not None and revision != head_revision() and revision in known_revisions()
    engine = _upgraded_copy(source) if older else _sqlite_engine(source, read_only=True)
    repository = MapRepository(engine, read_only_reason=reason, row_versions=_has_row_versions(engine))
    opened = OpenedMap(repository, path, read_only_reason=reason, revision=revision, view=view)
    _verify_loads(opened)
    return opened


def _upgraded_copy(path: Path) -> Engine:
    """An older map looked at read-only (headless commands, a locked file): upgraded in memory so this
    Stakemap's tables can read it; the file itself is not touched."""
    from sqlalchemy.pool import StaticPool

    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        source.backup(memory)
    finally:
        source.close()
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    _upgrade(engine)
    return engine


def _has_row_versions(engine: Engine) -> bool:
    """False for a map from before row versions, opened read-only (so never upgraded).

    Asked of the file, not inferred from its revision, so it holds however the revisions are chained.
    """
    try:
        with engine.connect() as connection:
            columns = connection.exec_driver_sql("PRAGMA table_info('stakeholder')").all()
    except SQLAlchemyError:
        return True  # loading reports what is wrong with the file
    return any(column[1] == "version" for column in columns)


def _lock_failure_reason(exc: OSError) -> str:
    """Why the lock file beside the map could not be made, as the read-only reason shown to the user."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            "the disk is full, so Stakemap cannot mark it as open; free some space and open it again to edit"
        )
    if exc.errno == errno.EROFS:
        return "the disk is read-only, so Stakemap cannot mark it as open"
    if isinstance(exc, PermissionError):
        return "its folder is read-only, so Stakemap cannot mark it as open"
    return f"Stakemap cannot mark it as open ({exc.strerror or exc})"


def _verify_loads(opened: OpenedMap) -> None:
    try:
        opened.verified = opened.repository.load()
    except BaseException:
        opened.close()
        raise


#: An upgrade backup holds everything deleted since (people, notes): it is removed when the upgraded
#: map opens successfully this many days after the upgrade (README: "Your work is safe").
BACKUP_KEEP_DAYS = 14


def _remove_old_backups(path: Path) -> None:
    """Remove this map's upgrade backups older than ``BACKUP_KEEP_DAYS`` (only files we made)."""
    cutoff = time.time() - BACKUP_KEEP_DAYS * 86_400
    for backup in path.parent.glob(f"{glob.escape(path.stem)}.schema-*.backup*{FILE_SUFFIX}"):
        try:
            status = backup.lstat()
            if (
                stat.S_ISREG(status.st_mode)
                and status.st_uid == os.geteuid()
                and status.st_mtime < cutoff
                and _is_map_file(backup)
            ):
                backup.unlink()
        except OSError:
            continue  # a backup that cannot be removed now is tried again at the next opening


def _is_map_file(path: Path) -> bool:
    with path.open("rb") as handle:
        header = handle.read(72)
    return (
        header.startswith(b"SQLite format 3\x00") and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def _backup_before_upgrade(path: Path, revision: str) -> Path:
    backup = path.with_name(f"{path.stem}.schema-{revision}.backup{FILE_SUFFIX}")
    counter = 1
    while backup.exists():
        counter += 1
        backup = path.with_name(f"{path.stem}.schema-{revision}.backup-{counter}{FILE_SUFFIX}")
    _copy_database(path, backup)
    return backup


def _copy_database(source: Path, target: Path) -> None:
    """Copy a map with SQLite's backup API into a new user-only file (``target`` must not exist)."""
    create_private_file(target)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target.resolve().as_uri() + "?mode=rw", uri=True)
        try:
            dst.execute("PRAGMA secure_delete=ON")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


__all__ = [
    "FILE_SUFFIX",
    "CorruptMapFileError",
    "NotAMapFileError",
    "OpenedMap",
    "create_map",
    "head_revision",
    "open_map",
    "open_url",
    "save_as",
]
