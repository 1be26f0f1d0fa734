"""Small file-system facts and helpers shared by every layer that writes files (core layer).

Everything Stakemap writes holds opinions about named colleagues, so every file it makes is
user-only (0600) and its folders 0700, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

#: The mode of every file Stakemap writes: maps, backups, Save As copies, lock files, exports.
PRIVATE_FILE_MODE = 0o600
#: The mode of the app's own folders (the data folder, untitled maps, samples).
PRIVATE_DIR_MODE = 0o700


def default_file_mode() -> int:
    """The mode a new file gets from the user's umask (files made by mkstemp are owner-only).

    Read from /proc rather than with ``os.umask``, which would change it for every thread for a moment.
    Not for anything Stakemap writes itself: those are private (``make_private``).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def make_private(path: Path) -> None:
    """Make an existing file user-only (0600)."""
    os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty user-only file at ``path``; refuse if anything (even a symlink) is there.

    SQLite then opens it as an empty database: the map is private from its first byte, and its
    journals, which SQLite creates with the map's own mode, are too.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # the umask may have taken the owner's bits away
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it user-only (0700); return it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


@contextlib.contextmanager
def private_file_replacing(target: Path) -> Iterator[Path]:
    """A user-only temporary file beside ``target`` that replaces it when the block ends without error.

    Readers never see half a file, and a failure (or a cancel) leaves no part behind. The one way
    every export writes: CSV, XLSX, ODS, PDF, PNG and SVG.
    """
    fd, name = tempfile.mkstemp(
        dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.", suffix=".part"
    )
    os.close(fd)  # mkstemp made it 0600
    tmp = Path(name)
    try:
        yield tmp
        make_private(tmp)  # in case the writer replaced the file rather than filling it
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_private_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """``write`` fills a temporary file that then replaces ``target`` (see ``private_file_replacing``).

    Exports call it as ``write_private_atomically(out, lambda tmp: doc.save(tmp))``.
    """
    with private_file_replacing(target) as tmp:
        write(tmp)
