"""What a SQLite error means, told by its result code rather than its message (storage layer).

Messages are for people and change between SQLite versions; result codes do not. Extended codes
(``SQLITE_IOERR_WRITE``, ``SQLITE_READONLY_DBMOVED``...) keep the primary code in the low byte.
An I/O error is left to SQLite's own words ("disk I/O error"), which say it as well as any.
"""

from __future__ import annotations

import sqlite3

_MEANING: dict[int, str] = {
    sqlite3.SQLITE_READONLY: "the file or its folder is read-only",
    sqlite3.SQLITE_PERM: "the file or its folder is read-only",
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_BUSY: "another program is using the file",
    sqlite3.SQLITE_LOCKED: "another program is using the file",
    sqlite3.SQLITE_CORRUPT: "the file is damaged",
    sqlite3.SQLITE_NOTADB: "the file is damaged",
    sqlite3.SQLITE_CANTOPEN: "the file cannot be opened",
}


def primary_code(exc: BaseException | None) -> int | None:
    """The primary result code of a SQLite error, or None for anything else."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def sqlite_meaning(exc: BaseException | None) -> str | None:
    """What the error means for the user ("the disk is full"), or None if it is not one we name."""
    code = primary_code(exc)
    return _MEANING.get(code) if code is not None else None


def is_busy_code(exc: BaseException | None) -> bool:
    return primary_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
