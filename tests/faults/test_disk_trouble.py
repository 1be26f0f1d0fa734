"""A full disk, a read-only disk, an I/O error mid-edit: the user is told, the screen matches the file,
and what was saved before is intact."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.core.entities import Note, Stakeholder
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import create_map, open_map
from tests.conftest import small_map, stored


def _mount(folder: Path, options: str) -> bool:
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    return result.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    folder.mkdir()
    if shutil.which("mount") is None or not _mount(folder, "size=192k"):
        pytest.skip("cannot mount a tmpfs here (needs root); the injected-error tests cover this path")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_is_reported_and_nothing_is_lost(tiny_disk: Path, qapp: object) -> None:
    path = tiny_disk / "map.stakemap"
    create_map(path, small_map()).close()
    document = MapDocument(open_map(path))
    saved = 0
    with pytest.raises(EditRejected, match="disk is full") as caught:  # noqa: PT012 - fill until it fails
        for i in range(10_000):
            document.edit(lambda m, i=i: m.add_note(Note("x" * 15_000 + str(i), stakeholder_id="s-dana")))
            saved += 1
    assert "could not be saved" in str(caught.value)
    assert len(document.map.notes) == 1 + saved  # the refused note is not on screen either
    document.close()
    subprocess.run(["rm", "-f", *map(str, tiny_disk.glob("*.lock"))], check=False)
    back = stored(path)
    assert len(back.notes) == 1 + saved
    assert back.stakeholders["s-dana"].name == "Dana"


def test_read_only_disk_opens_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if shutil.which("mount") is None or not _mount(folder, "size=1m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        create_map(folder / "map.stakemap", small_map()).close()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        opened = open_map(folder / "map.stakemap")
        assert opened.read_only
        assert "read-only" in (opened.read_only_reason or "")
        assert opened.load().stakeholders["s-dana"].name == "Dana"
        opened.close()
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize(
    "message", ["disk I/O error", "database or disk is full", "attempt to write a readonly database"]
)
def test_injected_write_errors(map_file: Path, qapp: object, message: str) -> None:
    from sqlalchemy import event

    document = MapDocument(open_map(map_file))
    engine = document.opened.repository.engine

    def fail(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError(message)

    event.listen(engine, "before_cursor_execute", fail)
    with pytest.raises(EditRejected, match="could not be saved"):
        document.edit(lambda m: m.add_stakeholder(Stakeholder("Ghost", id="s-ghost")))
    assert "s-ghost" not in document.map.stakeholders
    event.remove(engine, "before_cursor_execute", fail)
    document.edit(lambda m: m.add_stakeholder(Stakeholder("Real", id="s-real")))
    document.close()
    back = stored(map_file)
    assert "s-ghost" not in back.stakeholders
    assert back.stakeholders["s-real"].name == "Real"
