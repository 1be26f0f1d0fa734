"""Opening reads the map once: the copy verified on opening is the one handed to the caller."""

from __future__ import annotations

from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.repository import MapRepository


def test_open_then_load_reads_the_file_once(map_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real_load = MapRepository.load

    def counting_load(self: MapRepository):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real_load(self)

    monkeypatch.setattr(MapRepository, "load", counting_load)
    for read_only in (False, True):
        calls.clear()
        opened = open_map(map_file, read_only=read_only)
        first = opened.load()
        assert len(calls) == 1
        assert first.info.title == "Test map"
        # Later loads read the file afresh: the first map is the caller's to change.
        second = opened.load()
        assert len(calls) == 2
        assert second is not first
        assert second.stakeholders == first.stakeholders
        opened.close()


def test_a_file_that_fails_to_load_is_still_refused(map_file: Path) -> None:
    import sqlite3

    from stakemap.storage.errors import MapFileError

    with sqlite3.connect(map_file) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("UPDATE relationship SET target_id = 'nobody' WHERE id = 'r-1'")
    connection.close()
    with pytest.raises(MapFileError, match="invalid data"):
        open_map(map_file)
