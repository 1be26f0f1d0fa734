"""Untitled maps left behind are found for recovery; discarding deletes them; open ones are not listed."""

from __future__ import annotations

import shutil
from pathlib import Path

from stakemap.storage.database import open_map
from stakemap.storage.leftovers import discard, left_behind


def test_left_behind_lists_closed_maps_not_open_ones(map_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "untitled"
    folder.mkdir()
    closed = folder / "Untitled 1.stakemap"
    still_open = folder / "Untitled 2.stakemap"
    shutil.copyfile(map_file, closed)
    shutil.copyfile(map_file, still_open)
    opened = open_map(still_open)
    try:
        assert left_behind(folder) == [closed]
    finally:
        opened.close()
    (folder / "Untitled 1.stakemap.lock").write_text("{half written")  # a crash while locking
    assert closed in left_behind(folder)
    discard(closed)
    assert not (folder / "Untitled 1.stakemap.lock").exists()
    assert not closed.exists()
    assert left_behind(folder) == [still_open]
