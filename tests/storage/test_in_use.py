"""A map file locked by another program (a database tool mid-transaction) is reported as in use, not as
damaged, without waiting long and without changing a byte of it."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import CorruptMapFileError, MapInUseError
from stakemap.storage.lock import lock_path_for


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def other_program(map_file: Path) -> Iterator[sqlite3.Connection]:
    # Another connection in this process takes the same file locks another process would.
    connection = sqlite3.connect(map_file, isolation_level=None)
    yield connection
    connection.close()


def _assert_in_use(map_file: Path) -> None:
    before = digest(map_file)
    start = time.monotonic()
    with pytest.raises(MapInUseError, match="in use by another program") as caught:
        open_map(map_file)
    assert not isinstance(caught.value, CorruptMapFileError)
    assert "damaged" not in str(caught.value)
    assert time.monotonic() - start < 3.0  # was a 5 s wait, then "damaged"
    assert digest(map_file) == before
    assert not lock_path_for(map_file).exists()


def test_exclusive_lock_of_another_program_is_in_use(
    map_file: Path, other_program: sqlite3.Connection
) -> None:
    other_program.execute("BEGIN EXCLUSIVE")
    _assert_in_use(map_file)
    other_program.execute("ROLLBACK")
    open_map(map_file).close()  # free again: opens as usual


def test_pending_write_of_another_program_is_in_use(
    map_file: Path, other_program: sqlite3.Connection
) -> None:
    # A RESERVED lock lets us read, so only an attempt to write would fail (after 5 s, at the first edit).
    other_program.execute("BEGIN IMMEDIATE")
    other_program.execute("UPDATE map_info SET title = 'Theirs'")
    _assert_in_use(map_file)
    viewer = open_map(map_file, read_only=True)  # looking is still possible
    assert viewer.load().info.title == "Test map"
    viewer.close()
    other_program.execute("ROLLBACK")


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="needs the sqlite3 command-line shell")
def test_sqlite3_shell_holding_the_file_is_in_use(map_file: Path) -> None:
    shell = subprocess.Popen(
        ["sqlite3", str(map_file)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert shell.stdin is not None
    assert shell.stdout is not None
    try:
        shell.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n")
        shell.stdin.flush()
        assert shell.stdout.readline().strip() == "locked"
        _assert_in_use(map_file)
    finally:
        shell.communicate("ROLLBACK;\n.quit\n", timeout=10)
    open_map(map_file).close()
