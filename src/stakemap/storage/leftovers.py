"""Untitled maps left behind in the data folder (a crash, or closed without Save As) (storage layer).

At the next start the app offers each for recovery: open it, or discard it, and discarded means
deleted (the map and any journal or lock beside it). A map open in a running Stakemap is not left
behind and is never listed.
"""

from __future__ import annotations

from pathlib import Path

from stakemap.storage.journals import SUFFIXES
from stakemap.storage.lock import InodeLock, is_stale, lock_path_for, read_lock


def left_behind(folder: Path, suffix: str = ".stakemap") -> list[Path]:
    """Maps in ``folder`` that no running Stakemap has open, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{suffix}"):
        if not path.is_file() or path.is_symlink():
            continue
        holder = read_lock(lock_path_for(path))
        if holder is None or is_stale(holder, file_free=_file_free(path)):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime)


def _file_free(path: Path) -> bool:
    probe = InodeLock(path)
    try:
        return probe.try_acquire()
    finally:
        probe.close()


def discard(path: Path) -> None:
    """Delete a left-behind map with its journals and its stale lock."""
    for extra in (*(path.with_name(path.name + s) for s in SUFFIXES), lock_path_for(path)):
        extra.unlink(missing_ok=True)
    path.unlink(missing_ok=True)
