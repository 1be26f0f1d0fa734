"""Files SQLite would apply to a map (``-journal``, ``-wal``): used only when they are ours (storage layer).

SQLite rolls a hot journal into the database on the next connection, even one opened read-only, and
a journal holds whole pages: whoever can add a file to the map's folder could rewrite the map. So
the files beside a map are looked at *before* SQLite sees the map:

- a journal owned by someone else, writable by group or others, or a link is foreign: it is never
  applied; the map is read from a private copy of the file alone, read-only, with the reason;
- our own hot journal (a crash mid-edit) is rolled back in place only when the map is opened for
  editing; any read-only look (``stakemap info``, a read-only disk) rolls it back in a private copy,
  so looking never changes a file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import stat
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stakemap.core.files import ensure_private_dir

SUFFIXES = ("-journal", "-wal")


@dataclass(frozen=True)
class Journals:
    """What lies beside a map: our own non-empty journals, and foreign ones with why they are not ours."""

    ours: tuple[Path, ...] = ()
    foreign: tuple[tuple[Path, str], ...] = ()

    @property
    def foreign_reason(self) -> str | None:
        if not self.foreign:
            return None
        journal, why = self.foreign[0]
        return (
            f"the file “{journal.name}” beside it {why}, so Stakemap did not apply it; the map is shown "
            "as last saved without it, and neither file was changed"
        )


def sqlite_name(path: Path) -> Path:
    """The path SQLite opens (we hand it the resolved path), beside which it looks for journals."""
    return Path(os.path.realpath(path))


def inspect(path: Path) -> Journals:
    """Look at the journal files beside ``path`` without opening any of them."""
    ours: list[Path] = []
    foreign: list[tuple[Path, str]] = []
    base = sqlite_name(path)
    for suffix in SUFFIXES:
        journal = base.with_name(base.name + suffix)
        try:
            status = journal.lstat()
        except FileNotFoundError:
            continue
        except OSError:
            foreign.append((journal, "cannot be examined"))
            continue
        why = _not_ours(status)
        if why is not None:
            foreign.append((journal, why))
        elif status.st_size > 0 and not _write_in_progress(base):
            ours.append(journal)  # hot: left by a crash, SQLite would roll it back
    return Journals(tuple(ours), tuple(foreign))


#: SQLite's RESERVED lock byte (PENDING_BYTE + 1): held by whoever is writing the database now.
_RESERVED_BYTE = 0x40000001


def _write_in_progress(database: Path) -> bool:
    """True if a connection holds SQLite's RESERVED lock: its journal is live, not hot.

    Asked with an OFD lock query, so no SQLite lock of this process is disturbed.
    """
    query = getattr(fcntl, "F_OFD_GETLK", None)
    if query is None:
        return False
    try:
        fd = os.open(database, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        request = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _RESERVED_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, query, request)
        return bool(struct.unpack("hhqqi4x", answer)[0] != fcntl.F_UNLCK)
    except OSError:
        return False
    finally:
        os.close(fd)


def _not_ours(status: os.stat_result) -> str | None:
    if stat.S_ISLNK(status.st_mode):
        return "is a link to another file"
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file"
    if status.st_uid != os.geteuid():
        return "belongs to another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "can be changed by other users"
    return None


def private_view(path: Path, journals: tuple[Path, ...]) -> Path:
    """A user-only copy of the map (with ``journals`` applied, i.e. a crashed edit rolled back).

    The caller reads the copy read-only and removes its folder (``discard_view``) when done.
    """
    folder = Path(tempfile.mkdtemp(prefix="stakemap-view-"))
    ensure_private_dir(folder)
    copy = folder / "view.stakemap"
    shutil.copyfile(sqlite_name(path), copy)
    for journal in journals:
        suffix = next(s for s in SUFFIXES if journal.name.endswith(s))
        shutil.copyfile(journal, copy.with_name(copy.name + suffix))
    if journals:
        # Our own copy: let SQLite roll the crashed edit back here, never in the user's file.
        connection = sqlite3.connect(copy)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            pass  # the check that follows reports what is wrong with it
        finally:
            connection.close()
    return copy


def discard_view(copy: Path) -> None:
    shutil.rmtree(copy.parent, ignore_errors=True)
