"""Look at a file before opening it as a map, without changing a byte of it (storage layer).

Refuses what is not a SQLite file, a SQLite file of another application, and a
truncated or damaged map, each with a message a user can act on.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from stakemap.storage import journals
from stakemap.storage.errors import CorruptMapFileError, MapFileError, MapInUseError, NotAMapFileError
from stakemap.storage.orm import OWN_INDEXES, OWN_SCHEMA_OBJECTS
from stakemap.storage.sqlite_errors import is_busy_code

#: PRAGMA application_id of every map file: "Stkm" in ASCII, so `file` and other tools can tell.
APPLICATION_ID = 0x53746B6D
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

#: How long to wait for another program's lock on the file before saying it is in use, in seconds.
#: Long enough for another Stakemap's write (milliseconds) to finish, short enough not to look hung.
IN_USE_WAIT = 1.0

#: Objects of our own schema. Anything else (a trigger or view added by another program) is suspect.
OWN_OBJECT_TYPES = {"table", "index"}


@dataclass(frozen=True)
class FileCheck:
    revision: str
    writable: bool
    foreign_objects: tuple[str, ...]
    #: A private copy to read instead of the file (a foreign or unrecoverable journal lies beside it);
    #: whoever holds the check removes it with ``journals.discard_view``.
    view: Path | None = None
    #: Why the map can only be read (a foreign journal), if that is the reason.
    journal_reason: str | None = None


def check_file(path: Path, *, recover: bool = False) -> FileCheck:
    """Inspect ``path`` without changing it. Raise ``NotAMapFileError``/``CorruptMapFileError``/``MapFileError``.

    ``recover``: the map is being opened for editing, so our own hot journal (a crash mid-edit) may
    be rolled back in place. Otherwise, and for any journal that is not ours, SQLite only ever sees
    a private copy (``FileCheck.view``).
    """
    name = path.name
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(status.st_mode):
            # A pipe or a device would block or stream forever: never open one.
            raise NotAMapFileError(f"“{path}” is not a regular file, so it is not a map file.")
        size = status.st_size
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        raise MapFileError(f"“{path}” does not exist.") from None
    except IsADirectoryError:
        raise NotAMapFileError(f"“{path}” is a folder, not a map file.") from None
    except OSError as exc:
        raise MapFileError(f"“{path}” cannot be read: {exc.strerror or exc}.") from exc
    if size == 0:
        raise NotAMapFileError(f"“{name}” is empty: it is not a Stakemap map.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAMapFileError(f"“{name}” is not a Stakemap map (it is not a database file at all).")
    if len(header) < HEADER_SIZE:
        raise CorruptMapFileError(f"“{name}” is cut short (only {size} bytes): the map file is damaged.")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise NotAMapFileError(
            f"“{name}” is a database of another application, not a Stakemap map; it was not opened."
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    header_count_valid = header[24:28] == header[92:96]
    if page_size < 512 or (header_count_valid and size < page_count * page_size) or size % page_size:
        raise CorruptMapFileError(f"“{name}” is truncated or damaged: part of the map file is missing.")

    beside = journals.inspect(path)
    writable = _writable(path)
    view: Path | None = None
    if beside.foreign:
        view = journals.private_view(path, ())
    elif beside.ours and not (recover and writable):
        view = journals.private_view(path, beside.ours)
    try:
        checked = _check_database(path, view, recover=bool(beside.ours) and view is None, writable=writable)
        return replace(checked, view=view, journal_reason=beside.foreign_reason)
    except BaseException:
        if view is not None:
            journals.discard_view(view)
        raise


def _check_database(path: Path, view: Path | None, *, recover: bool, writable: bool) -> FileCheck:
    name = path.name
    # Our own hot journal, opened for editing: a read-write connection rolls the half edit back,
    # which restores the last saved state rather than altering the user's work.
    uri = (view or path).resolve().as_uri() + ("" if recover else "?mode=ro")
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=IN_USE_WAIT)
    except sqlite3.Error as exc:
        raise CorruptMapFileError(f"“{name}” cannot be opened: {exc}.") from exc
    # A damaged page can hold bytes that are not UTF-8, even in SQLite's own messages.
    connection.text_factory = lambda raw: raw.decode("utf-8", errors="replace")
    try:
        connection.execute("PRAGMA trusted_schema=OFF")
        connection.execute("PRAGMA cell_size_check=ON")
        result = connection.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise CorruptMapFileError(
                f"“{name}” is damaged (the database integrity check failed: {result[0][0]})."
            )
        objects = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
        if not any(n == "alembic_version" for _t, n in objects):
            raise NotAMapFileError(f"“{name}” has the Stakemap mark but no map schema; it was not opened.")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        foreign = tuple(f"{t} {n}" for t, n in objects if not _own(t, n)) + _altered_indexes(connection)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # Locked is not damaged: another program holds the file (e.g. `BEGIN EXCLUSIVE` in a tool).
        if is_busy(exc):
            raise MapInUseError(name) from exc
        raise CorruptMapFileError(f"“{name}” is damaged and cannot be read ({exc}).") from exc
    finally:
        connection.close()
    if row is None:
        raise CorruptMapFileError(f"“{name}” has no schema version: the map file is damaged.")
    return FileCheck(revision=str(row[0]), writable=writable, foreign_objects=foreign)


def _own(kind: str, name: str) -> bool:
    """True for the tables and indexes of Stakemap's schema (and SQLite's indexes for its keys)."""
    if kind not in OWN_OBJECT_TYPES:
        return False
    return name in OWN_SCHEMA_OBJECTS or (kind == "index" and name.startswith("sqlite_autoindex_"))


def _altered_indexes(connection: sqlite3.Connection) -> tuple[str, ...]:
    """Our own index names that another program redefined (unique, partial, other columns)."""
    altered: list[str] = []
    for name, (table, columns, unique) in OWN_INDEXES.items():
        listed = {r[1]: r for r in connection.execute(f"PRAGMA index_list('{table}')")}
        if name not in listed:
            continue  # a missing index makes nothing fail; an older schema may lack one
        _seq, _name, is_unique, _origin, partial = listed[name]
        info = tuple(r[2] for r in connection.execute(f"PRAGMA index_info('{name}')"))
        if bool(is_unique) != unique or partial or info != columns:
            altered.append(f"altered index {name}")
    return tuple(altered)


def is_busy(exc: BaseException) -> bool:
    """True if a SQLite error means another connection holds a lock on the file (not damage)."""
    return is_busy_code(exc)


def check_not_in_use(path: Path) -> None:
    """Raise ``MapInUseError`` if another program is writing to ``path`` (holds a RESERVED lock or more).

    Reading works alongside a RESERVED lock, so only trying to take the write lock tells. Nothing is
    written: the journal is created at the first changed page, never by ``BEGIN IMMEDIATE`` alone.
    """
    try:
        connection = sqlite3.connect(
            path.resolve().as_uri(), uri=True, timeout=IN_USE_WAIT, isolation_level=None
        )
    except sqlite3.Error:
        return  # opening proper reports it
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise MapInUseError(path.name) from exc
    finally:
        connection.close()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
