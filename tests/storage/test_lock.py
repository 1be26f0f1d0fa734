"""A map open in one Stakemap is protected from a second; a lock left by a killed process is stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import LockLostError, MapLockedError
from stakemap.storage.lock import lock_path_for


def test_second_opening_gets_a_choice(map_file: Path) -> None:
    first = open_map(map_file)
    with pytest.raises(MapLockedError, match="already open") as caught:
        open_map(map_file)
    assert caught.value.holder.pid > 0

    viewer = open_map(map_file, read_only=True)
    assert viewer.read_only
    assert viewer.load().info.title == "Test map"
    viewer.close()
    first.close()
    assert not lock_path_for(map_file).exists()


def test_take_over_stops_the_first_from_saving(map_file: Path) -> None:
    first = open_map(map_file)
    m = first.load()
    second = open_map(map_file, take_over=True)
    with pytest.raises(LockLostError, match="took this map over"):
        first.repository.write(m.update_info(title="Lost"))
    second.repository.write(second.load().update_info(title="Kept"))
    first.close()  # must not remove the second's lock
    assert lock_path_for(map_file).exists()
    second.close()
    assert open_map(map_file, read_only=True).load().info.title == "Kept"


def test_lock_of_a_killed_process_is_stale(map_file: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from stakemap.storage.database import open_map;"
        f"open_map(Path({str(map_file)!r})); os._exit(0)"  # exits without releasing the lock
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    holder = json.loads(lock_path_for(map_file).read_text())
    assert holder["pid"] > 0
    reopened = open_map(map_file)
    assert not reopened.read_only
    reopened.close()


def test_garbage_lock_file_does_not_lock_the_user_out(map_file: Path) -> None:
    lock_path_for(map_file).write_text("{not json")
    open_map(map_file).close()
