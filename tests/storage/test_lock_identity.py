"""One lock per file, not per path: aliases meet the same lock; lock files are private and never followed."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import MapLockedError
from stakemap.storage.lock import MapLock, lock_path_for


def test_the_same_map_through_a_symlink_meets_the_lock(map_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    alias = other / "alias.stakemap"
    alias.symlink_to(map_file)
    first = open_map(map_file)
    with pytest.raises(MapLockedError):
        open_map(alias)
    first.close()


def test_the_same_map_through_a_hard_link_meets_the_lock(map_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    alias = other / "alias.stakemap"
    os.link(map_file, alias)
    first = open_map(map_file)
    with pytest.raises(MapLockedError, match="another name") as caught:
        open_map(alias)
    assert "another name" in caught.value.holder.describe()  # what the open dialog shows
    first.close()
    open_map(alias).close()  # once the first is closed the alias opens


def test_lock_file_is_user_only_whatever_the_umask(map_file: Path) -> None:
    old = os.umask(0)
    try:
        opened = open_map(map_file)
        mode = stat.S_IMODE(lock_path_for(map_file).stat().st_mode)
        opened.close()
    finally:
        os.umask(old)
    assert mode == 0o600


def test_a_planted_symlink_as_lock_file_is_never_written_through(map_file: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock_path_for(map_file).symlink_to(victim)
    opened = open_map(map_file)
    opened.close()
    assert victim.read_text() == "precious"


def test_a_planted_symlink_at_the_temporary_lock_name_is_never_written_through(
    map_file: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock = lock_path_for(map_file)
    lock.write_text("{not json")  # a stale lock, replaced through a temporary file
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        lock.with_name(lock.name + f".{pid}").symlink_to(victim)
    open_map(map_file).close()
    assert victim.read_text() == "precious"


def _plant(map_file: Path, **fields: object) -> None:
    holder = {
        "pid": 1,
        "host": socket.gethostname(),
        "user": "someone",
        "opened_at": "2026-01-01T09:00:00+00:00",
    }
    holder.update(fields)
    lock_path_for(map_file).write_text(json.dumps(holder))


def test_a_live_unrelated_process_does_not_hold_the_map(map_file: Path) -> None:
    # pid 1 is alive, but it started long before this lock says it was made (a reboot reused the pid).
    _plant(map_file, pid=1, started="1")
    open_map(map_file).close()


def test_a_lock_from_another_host_says_which_host_and_since_when(map_file: Path) -> None:
    _plant(map_file, host="laptop-of-kim", pid=4242)
    with pytest.raises(MapLockedError) as caught:
        open_map(map_file)
    message = str(caught.value)
    assert "laptop-of-kim" in message
    assert "2026-01-01" in message
    opened = open_map(map_file, take_over=True)
    assert not opened.read_only
    opened.close()


def test_a_live_stakemap_on_this_host_holds_the_map(map_file: Path) -> None:
    first = MapLock(map_file)
    with pytest.raises(MapLockedError):
        MapLock(map_file)
    first.release()


def test_a_garbage_lock_does_not_unlock_a_map_that_is_open(map_file: Path) -> None:
    first = open_map(map_file)
    lock_path_for(map_file).write_text("{not json")  # overwritten by someone, while the map is open
    with pytest.raises(MapLockedError):
        open_map(map_file)
    first.close()


def test_a_pid_zero_lock_is_not_a_free_pass_while_the_map_is_open(map_file: Path) -> None:
    first = open_map(map_file)
    _plant(map_file, pid=0)
    with pytest.raises(MapLockedError):
        open_map(map_file)
    first.close()


def test_an_old_style_lock_of_a_live_unrelated_process_does_not_hold_the_map(map_file: Path) -> None:
    _plant(map_file, pid=1)  # no start time recorded; pid 1 is alive but does not have the file open
    open_map(map_file).close()


def test_a_hard_link_opened_by_another_process_meets_the_lock(map_file: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    other = tmp_path / "elsewhere"
    other.mkdir()
    alias = other / "alias.stakemap"
    os.link(map_file, alias)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from stakemap.storage.database import open_map;"
         "o = open_map(Path(sys.argv[1])); print('open', flush=True); sys.stdin.readline(); o.close()",
         str(map_file)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(MapLockedError, match="another name"):
            open_map(alias)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(30)
    open_map(alias).close()


def test_a_lock_written_over_a_stale_one_is_user_only(map_file: Path) -> None:
    lock_path_for(map_file).write_text("{stale")
    old = os.umask(0)
    try:
        opened = open_map(map_file)
        mode = stat.S_IMODE(lock_path_for(map_file).stat().st_mode)
        opened.close()
    finally:
        os.umask(old)
    assert mode == 0o600
