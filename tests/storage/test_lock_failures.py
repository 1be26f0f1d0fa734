"""When the lock file beside a map cannot be made (full disk, read-only disk or folder), the map opens
read-only with the reason, instead of failing to open; and no half-written lock file is left behind."""

from __future__ import annotations

import errno
import hashlib
import os
import re
from pathlib import Path

import pytest

from stakemap.storage import database, lock
from stakemap.storage.database import open_map
from stakemap.storage.errors import ReadOnlyMapError
from stakemap.storage.lock import MapLock, lock_path_for


def _failing_lock(code: int):  # type: ignore[no-untyped-def]
    def make(*_args: object, **_kwargs: object) -> MapLock:
        raise OSError(code, os.strerror(code))

    return make


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "its folder is read-only"),
        (errno.EIO, "cannot mark it as open (Input/output error)"),
    ],
)
def test_lock_that_cannot_be_made_opens_read_only(
    map_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    monkeypatch.setattr(database, "MapLock", _failing_lock(code))
    before = hashlib.sha256(map_file.read_bytes()).hexdigest()
    opened = open_map(map_file)
    assert opened.read_only
    assert opened.read_only_reason is not None
    assert reason in opened.read_only_reason
    m = opened.load()
    assert m.info.title == "Test map"
    with pytest.raises(ReadOnlyMapError, match=re.escape(reason)):
        opened.repository.write(m.update_info(title="Nope"))
    opened.close()
    assert hashlib.sha256(map_file.read_bytes()).hexdigest() == before


class _FullDiskFile:
    """What ``os.fdopen`` gives on a full disk: the file exists, but writing to it fails."""

    def __init__(self, fd: int, *_args: object) -> None:
        self.fd = fd

    def __enter__(self) -> _FullDiskFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self.fd)

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_while_writing_the_lock_leaves_no_lock_behind(
    map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock.os, "fdopen", _FullDiskFile)
    opened = open_map(map_file)
    assert opened.read_only
    assert "the disk is full" in (opened.read_only_reason or "")
    assert not lock_path_for(map_file).exists()
    opened.close()
