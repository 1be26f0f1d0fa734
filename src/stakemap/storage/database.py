"""Open, create, migrate and verify a map database: a *.stakemap SQLite file, or PostgreSQL (storage layer).

Opening a file never modifies a file that is not a healthy Stakemap map of a
version we understand: the header, application id, integrity and schema
revision are checked first, read-only. An older schema is backed up beside the
file, then upgraded. A newer one is opened read-only.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from stakemap.core.model import Map
from stakemap.storage.errors import CorruptMapFileError, MapFileError, NotAMapFileError
from stakemap.storage.file_check import APPLICATION_ID, FileCheck, check_file, check_not_in_use
from stakemap.storage.lock import MapLock
from stakemap.storage.repository import MapRepository

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
    #: The map loaded while verifying the file on opening, handed to the first ``load()``: loading a
    #: big map is most of the cost of opening it, so it is not done twice.
    verified: Map | None = field(default=None, repr=False)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def load(self) -> Map:
        """The map as stored. The first call returns the copy read on opening (once: a Map is mutable)."""
        if self.verified is not None:
            loaded, self.verified = self.verified, None
            return loaded
        return self.repository.load()

    def close(self) -> None:
        self.repository.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


# ---------------------------------------------------------------- engines
def _sqlite_engine(path: Path, *, read_only: bool) -> Engine:
    # A creator (not a URL) so that any file name works: "?", "#" and "%" are legal in paths.
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Never run functions named in the schema of a file someone else crafted.
        cursor.execute("PRAGMA trusted_schema=OFF")
        cursor.execute("PRAGMA cell_size_check=ON")
        cursor.execute("PRAGMA synchronous=FULL")
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
        lock = MapLock(path)
    except OSError as exc:
        raise MapFileError(f"Cannot create “{path}”: {exc.strerror or exc}") from exc
    engine = _sqlite_engine(path, read_only=False)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        _upgrade(engine)
        repository = MapRepository(engine, before_write=lock.check_held)
        repository.initialise(the_map or Map())
    except (SQLAlchemyError, MapFileError, OSError) as exc:
        engine.dispose()
        lock.release()
        path.unlink(missing_ok=True)
        raise MapFileError(f"Cannot create “{path}”: {exc}") from exc
    return OpenedMap(repository, path, lock=lock)


def open_map(path: Path, *, read_only: bool = False, take_over: bool = False) -> OpenedMap:
    """Open an existing map file.

    Raises ``NotAMapFileError``, ``CorruptMapFileError``, ``MapInUseError`` (another
    program holds the file locked) or ``MapLockedError`` (the caller then offers
    read-only or take over). A newer-version or read-only file, or one whose lock
    file cannot be made (read-only folder, full disk), opens read-only, with the
    reason in ``read_only_reason``.
    """
    path = Path(path)
    check = check_file(path)
    reason = _read_only_reason(check, known_revisions()) or (
        "you chose to open it read-only" if read_only else None
    )
    if reason is not None:
        return _open_read_only(path, reason, check.revision)

    try:
        lock = MapLock(path, take_over=take_over)
    except OSError as exc:
        # Without the lock file a second Stakemap could write over this one's edits: look, don't touch.
        return _open_read_only(path, _lock_failure_reason(exc), check.revision)
    engine = _sqlite_engine(path, read_only=False)
    opened = OpenedMap(MapRepository(engine, before_write=lock.check_held), path, lock=lock)
    try:
        check_not_in_use(path)
        if check.revision != head_revision():
            opened.backup_path = _backup_before_upgrade(path, check.revision)
            _upgrade(engine)
            opened.notices.append(
                f"This map was made by an older Stakemap and has been upgraded. "
                f"The original is kept as “{opened.backup_path.name}”."
            )
        _verify_loads(opened)
    except BaseException:
        opened.close()
        raise
    return opened


def open_url(url: str) -> OpenedMap:
    """Open (creating the schema if empty) a map held in a server database, e.g. PostgreSQL."""
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in known_revisions():
            reason = "it was made by a newer Stakemap"
            return OpenedMap(MapRepository(engine, read_only_reason=reason), None, read_only_reason=reason)
        _upgrade(engine)
        repository = MapRepository(engine)
        if current is None:
            repository.initialise(Map())
    except SQLAlchemyError as exc:
        engine.dispose()
        raise MapFileError(f"Cannot open the map database: {exc}") from exc
    return OpenedMap(repository, None)


def save_as(opened: OpenedMap, new_path: Path) -> OpenedMap:
    """Copy the open map to ``new_path`` with SQLite's backup API and open the copy."""
    if opened.path is None:
        raise MapFileError("Only a map file can be saved under another name.")
    new_path = Path(new_path)
    if new_path.resolve() == opened.path.resolve():
        raise MapFileError("That is the file already open.")
    tmp = new_path.with_name(f".{new_path.name}.part")
    try:
        _copy_database(opened.path, tmp)
        tmp.replace(new_path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise MapFileError(f"Cannot save a copy as “{new_path}”: {exc}") from exc
    return open_map(new_path)


# ---------------------------------------------------------------- helpers
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


def _open_read_only(path: Path, reason: str, revision: str | None = None) -> OpenedMap:
    older = revision is not None and revision != head_revision() and revision in known_revisions()
    engine = _upgraded_copy(path) if older else _sqlite_engine(path, read_only=True)
    opened = OpenedMap(MapRepository(engine, read_only_reason=reason), path, read_only_reason=reason)
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


def _backup_before_upgrade(path: Path, revision: str) -> Path:
    backup = path.with_name(f"{path.stem}.schema-{revision}.backup{FILE_SUFFIX}")
    counter = 1
    while backup.exists():
        counter += 1
        backup = path.with_name(f"{path.stem}.schema-{revision}.backup-{counter}{FILE_SUFFIX}")
    _copy_database(path, backup)
    return backup


def _copy_database(source: Path, target: Path) -> None:
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
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
