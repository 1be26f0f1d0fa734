"""Files that are not healthy maps get a clear message, and are never modified."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import CorruptMapFileError, MapFileError, NotAMapFileError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(path: Path, error: type[Exception], message: str) -> None:
    before = digest(path)
    siblings = set(path.parent.iterdir())
    with pytest.raises(error, match=message):
        open_map(path)
    assert digest(path) == before, "a refused file must not be modified"
    assert set(path.parent.iterdir()) == siblings, "no lock, journal or backup may be left behind"


def test_text_file_is_not_a_map(tmp_path: Path) -> None:
    path = tmp_path / "notes.stakemap"
    path.write_text("Dana: champion\nEli: blocker\n")
    assert_refused(path, NotAMapFileError, "not a database file")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.stakemap"
    path.write_bytes(b"")
    assert_refused(path, NotAMapFileError, "empty")


def test_sqlite_file_of_another_application(tmp_path: Path) -> None:
    path = tmp_path / "firefox-places.stakemap"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        db.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    db.close()
    assert_refused(path, NotAMapFileError, "another application")


@pytest.mark.parametrize("keep", [50, 100, 4096, 10_000])
def test_truncated_map(map_file: Path, keep: int) -> None:
    data = map_file.read_bytes()
    assert len(data) > keep
    map_file.write_bytes(data[:keep])
    assert_refused(map_file, CorruptMapFileError, "damaged|truncated|cut short")


def test_map_with_damaged_pages(map_file: Path) -> None:
    data = bytearray(map_file.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size + 8, len(data), 97):  # scribble over b-tree pages, keep the header
        data[offset] = (data[offset] + 0x55) % 256
    map_file.write_bytes(bytes(data))
    assert_refused(map_file, MapFileError, "damaged|invalid|could not be read")


def test_a_folder_is_not_a_map(tmp_path: Path) -> None:
    folder = tmp_path / "folder.stakemap"
    folder.mkdir()
    with pytest.raises(NotAMapFileError, match="folder"):
        open_map(folder)


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="does not exist"):
        open_map(tmp_path / "nowhere.stakemap")


def test_invalid_values_written_by_another_program(map_file: Path) -> None:
    with sqlite3.connect(map_file) as db:
        db.execute("PRAGMA ignore_check_constraints=ON")
        db.execute("UPDATE stakeholder SET attitude='furious' WHERE id='s-dana'")
    db.close()
    assert_refused(map_file, MapFileError, "invalid data")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unreadable_file(map_file: Path) -> None:
    map_file.chmod(0)
    with pytest.raises(MapFileError, match="cannot be read"):
        open_map(map_file)
