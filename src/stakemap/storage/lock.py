"""The lock beside an open map, so a second Stakemap does not write over the first (storage layer).

One lock per *file*, not per path. ``map.stakemap.lock`` sits beside the map with symlinks resolved,
so every alias meets it; and an open-file-description lock on a byte far past SQLite's own lock bytes
marks the map's inode itself, so a hard link in another folder meets it too. The lock file holds who
opened the map (user, host, pid, and the process's start time): it is stale only when that process is
gone from this host (a pid reused after a reboot has another start time). A lock from another host is
never stale by itself; the user is told which host and since when and may take it over.

Lock files are created exclusively, without following symlinks, user-only (they name the user and
host), so a planted link can never make Stakemap write over another file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import getpass
import json
import os
import secrets
import socket
import struct
from datetime import UTC, datetime
from pathlib import Path

from stakemap.storage.errors import LockInfo, LockLostError, MapLockedError

#: A lock file is a few hundred bytes; anything much bigger was not written by us.
_MAX_LOCK_SIZE = 4096
#: The byte of the map file that the inode lock covers: far past SQLite's lock bytes (at 1 GiB),
#: so the two never meet, and past any real map's end (locking beyond the end is allowed).
_INODE_LOCK_BYTE = 1 << 40


def lock_path_for(map_path: Path) -> Path:
    # realpath, not Path.resolve: a symlink loop must not raise here (the opening refuses it clearly).
    resolved = Path(os.path.realpath(map_path))
    return resolved.with_name(resolved.name + ".lock")


def process_start(pid: int) -> str:
    """The start time of process ``pid`` (clock ticks since boot) from /proc, or "" if unknown."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
        # The command name (field 2) may hold spaces and parentheses: split after the last ")".
        return raw[raw.rindex(b")") + 2 :].split()[19].decode()
    except (OSError, ValueError, IndexError):
        return ""


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    opened_at = datetime.now(UTC).isoformat(timespec="seconds")
    pid = os.getpid()
    return LockInfo(pid, socket.gethostname(), user, opened_at, secrets.token_hex(8), process_start(pid))


def read_lock(path: Path) -> LockInfo | None:
    """Who holds the lock; ``None`` if there is no lock file; a pid-0 holder if it is not ours to read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo(0, "", "", "")  # a symlink or unreadable: not a lock we wrote
    try:
        with os.fdopen(fd, "rb") as handle:
            data = json.loads(handle.read(_MAX_LOCK_SIZE + 1)[:_MAX_LOCK_SIZE].decode("utf-8"))
        return LockInfo(
            int(data["pid"]),
            str(data["host"]),
            str(data.get("user", "")),
            str(data["opened_at"]),
            str(data.get("token", "")),
            str(data.get("started", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
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


def is_stale(holder: LockInfo, *, file_free: bool = False) -> bool:
    """True if ``holder`` cannot be a Stakemap that still has the map open.

    ``file_free``: this process got the inode lock, so no Stakemap on this host has the file open.
    """
    if holder.pid <= 0:
        # Unreadable, half written (a crash between creating and filling it) or planted: stale only
        # when nothing on this host holds the file itself.
        return file_free
    if holder.host != socket.gethostname():
        return False
    if not _process_alive(holder.pid):
        return True
    if not holder.started:
        # A lock from before start times were recorded: a live pid proves nothing after a reboot,
        # but a Stakemap that has the file open holds the inode lock.
        return file_free
    started = process_start(holder.pid)
    return bool(started and started != holder.started)


class InodeLock:
    """An open-file-description lock on one byte of the map file: held per inode, not per path.

    Each holder takes a *read* lock, on a read-only descriptor (so the disk can still be remounted
    read-only); a newcomer asks whether a write lock would conflict, which any holder's read lock
    does. Released when closed or when the process dies. OFD locks, not POSIX ``lockf``, because
    closing any other descriptor of the file, as SQLite does, would silently drop a POSIX lock.
    """

    def __init__(self, map_path: Path) -> None:
        try:
            self._fd: int | None = os.open(map_path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            self._fd = None  # the opening proper finds out why; the lock file still guards the map

    def try_acquire(self) -> bool:
        """Take the lock; False if another opening (of any name of the file) on this host holds it."""
        get, take = getattr(fcntl, "F_OFD_GETLK", None), getattr(fcntl, "F_OFD_SETLK", None)
        if get is None or take is None or self._fd is None:
            return True  # no OFD locks on this system: the lock file alone guards the map
        try:
            answer = fcntl.fcntl(self._fd, get, _flock(fcntl.F_WRLCK))
            if struct.unpack(_FLOCK, answer)[0] != fcntl.F_UNLCK:
                return False
            fcntl.fcntl(self._fd, take, _flock(fcntl.F_RDLCK))
        except OSError as exc:
            # Any other error: a file system without byte locks (some shares); the lock file guards.
            return exc.errno not in (errno.EAGAIN, errno.EACCES)
        return True

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


#: struct flock: l_type, l_whence, l_start, l_len, l_pid (0 for OFD locks), padded as in C.
_FLOCK = "hhqqi4x"


def _flock(kind: int) -> bytes:
    return struct.pack(_FLOCK, kind, os.SEEK_SET, _INODE_LOCK_BYTE, 1, 0)


class MapLock:
    """Held while a map is open for writing."""

    def __init__(self, map_path: Path, *, take_over: bool = False) -> None:
        self.path = lock_path_for(map_path)
        self.info = _me()
        self._inode: InodeLock | None = None
        try:
            self._acquire(map_path, take_over)
        except BaseException:
            self._close_inode()
            raise

    def _acquire(self, map_path: Path, take_over: bool) -> None:
        payload = json.dumps(vars(self.info)).encode()
        file_free = self._lock_inode(Path(map_path))
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                holder = read_lock(self.path)
                if holder is None:
                    continue  # released between our two calls
                if not (take_over or is_stale(holder, file_free=file_free)):
                    raise MapLockedError(str(map_path), holder) from None
                if not (take_over or file_free):
                    raise MapLockedError(str(map_path), None) from None  # open under another name
                self._write_over(payload)
                return
            if not (take_over or file_free):
                # No lock at this name, yet a Stakemap on this host has the file open: through a
                # hard link elsewhere. Leave no lock of ours behind.
                os.close(fd)
                self.path.unlink(missing_ok=True)
                raise MapLockedError(str(map_path), None)
            try:
                os.fchmod(fd, 0o600)  # whatever the umask took away, the owner reads and writes it
                with os.fdopen(fd, "wb") as out:
                    out.write(payload)
            except OSError:
                # A full disk lets us create the file but not fill it: leave no empty lock behind.
                self.path.unlink(missing_ok=True)
                raise
            return
        self._write_over(payload)

    def _lock_inode(self, map_path: Path) -> bool:
        """Take the inode lock; False if another opening on this host holds the file (any name)."""
        if not map_path.exists():
            return True  # a map being created: nobody else can have it open
        self._inode = InodeLock(Path(os.path.realpath(map_path)))
        if self._inode.try_acquire():
            return True
        self._close_inode()
        return False

    def _write_over(self, payload: bytes) -> None:
        # A fresh random name, created exclusively and never through a symlink, then renamed over
        # the stale lock (a rename replaces a planted link itself, never what it points to).
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as out:
                os.fchmod(out.fileno(), 0o600)
                out.write(payload)
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

    def _close_inode(self) -> None:
        if self._inode is not None:
            self._inode.close()
            self._inode = None

    def release(self) -> None:
        # Closing must work even when the disk has turned read-only: a lock left behind is stale
        # once this process ends, and the next opening replaces it.
        if read_lock(self.path) == self.info:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._close_inode()
