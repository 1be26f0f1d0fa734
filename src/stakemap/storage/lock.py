"""The lock file beside an open map, so a second Stakemap does not write over the first (storage layer).

``map.stakemap.lock`` holds who opened the map. A lock whose process is gone
(same host, dead pid) is stale and is replaced without asking.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
from datetime import UTC, datetime
from pathlib import Path

from stakemap.storage.errors import LockInfo, LockLostError, MapLockedError


def lock_path_for(map_path: Path) -> Path:
    return map_path.with_name(map_path.name + ".lock")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    opened_at = datetime.now(UTC).isoformat(timespec="seconds")
    return LockInfo(os.getpid(), socket.gethostname(), user, opened_at, secrets.token_hex(8))


def read_lock(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(
            int(data["pid"]),
            str(data["host"]),
            str(data.get("user", "")),
            str(data["opened_at"]),
            str(data.get("token", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Unreadable or half-written: treat as stale rather than lock the user out forever.
        return LockInfo(0, "", "", "")


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(holder: LockInfo) -> bool:
    return holder.pid <= 0 or (holder.host == socket.gethostname() and not _process_alive(holder.pid))


class MapLock:
    """Held while a map is open for writing."""

    def __init__(self, map_path: Path, *, take_over: bool = False) -> None:
        self.path = lock_path_for(map_path)
        self.info = _me()
        payload = json.dumps(vars(self.info)).encode()
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(self.path)
                if holder is None:
                    continue  # released between our two calls
                if is_stale(holder) or take_over:
                    self._write_over(payload)
                    return
                raise MapLockedError(str(map_path), holder) from None
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(payload)
            except OSError:
                # A full disk lets us create the file but not fill it: leave no empty lock behind.
                self.path.unlink(missing_ok=True)
                raise
            return
        self._write_over(payload)

    def _write_over(self, payload: bytes) -> None:
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}")
        try:
            tmp.write_bytes(payload)
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise

    def check_held(self) -> None:
        """Raise ``LockLostError`` if another Stakemap has taken the map over since we opened it."""
        holder = read_lock(self.path)
        if holder is not None and holder != self.info:
            raise LockLostError(
                f"Another Stakemap took this map over ({holder.describe()}). "
                "This window can no longer save; reopen the map to continue."
            )

    def release(self) -> None:
        # Closing must work even when the disk has turned read-only: a lock left behind is stale
        # once this process ends, and the next opening replaces it.
        if read_lock(self.path) == self.info:
            with contextlib.suppress(OSError):
                self.path.unlink()
