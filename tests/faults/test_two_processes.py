"""Two Stakemaps, and another program, on one map file, each in a real process of its own.

A second opening is told who holds the map, can watch it read-only (edits are on disk at once), and
can take it over: the first window's next edit is then refused with a clear message and its screen
stays in step with the file. A program holding SQLite's write lock delays an edit, which is then
refused with a message, not left half done.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map
from stakemap.storage.errors import MapFileError, MapLockedError
from tests.faults.edit_script import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), str(ROOT)]))
    return subprocess.Popen(
        [sys.executable, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )


def ask(process: subprocess.Popen[str], line: str) -> str:
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


def read_only_view(path: Path) -> Map:
    opened = open_map(path, read_only=True)
    try:
        return opened.load()
    finally:
        opened.close()


@pytest.fixture
def first(map_file: Path) -> Iterator[subprocess.Popen[str]]:
    process = start("-m", "tests.faults.doc_holder", str(map_file))
    assert process.stdout is not None
    assert process.stdout.readline().startswith("OPEN ")
    yield process
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(20)


def test_take_over_from_another_window(first: subprocess.Popen[str], map_file: Path, qapp: object) -> None:
    assert ask(first, "role Written by the first").startswith("OK ")
    with pytest.raises(MapLockedError, match="already open in another Stakemap") as caught:
        open_map(map_file)
    assert caught.value.holder.pid == first.pid

    assert read_only_view(map_file).stakeholders["s-dana"].role == "Written by the first"  # no "save" needed
    second = MapDocument(open_map(map_file, take_over=True))
    at_take_over = fingerprint(second.map)

    answer = ask(first, "role Lost")
    assert answer.startswith("REJECTED ")
    assert "took this map over" in answer
    on_first_screen = answer.split()[1]
    second.edit(lambda m: m.update_stakeholder("s-eli", role="Written by the second"))
    assert ask(first, "role Lost again").startswith("REJECTED ")  # it keeps refusing, never overwrites
    second.close()

    back = read_only_view(map_file)
    assert back.stakeholders["s-dana"].role == "Written by the first"
    assert back.stakeholders["s-eli"].role == "Written by the second"
    assert on_first_screen == at_take_over  # the first window shows what it had saved, not "Lost"


def test_a_program_holding_the_write_lock_delays_then_refuses(map_file: Path, qapp: object) -> None:
    document = MapDocument(open_map(map_file))
    before = fingerprint(document.map)
    holder = start(
        "-c",
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN EXCLUSIVE'); db.execute(\"UPDATE stakeholder SET role='half' WHERE id='s-eli'\"); "
        "print('held', flush=True); sys.stdin.readline()",
        str(map_file),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(EditRejected, match="another program is using the file"):
            document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))
        assert fingerprint(document.map) == before
        with pytest.raises(MapFileError):  # a second window is told, within SQLite's busy timeout
            open_map(map_file, read_only=True)
    finally:
        holder.kill()
        holder.wait(10)
    document.edit(lambda m: m.update_stakeholder("s-dana", role="Lead"))  # the lock is gone: it works
    document.close()
    back = read_only_view(map_file)
    assert back.stakeholders["s-dana"].role == "Lead"
    assert back.stakeholders["s-eli"].role == "Analyst"  # the other program's unfinished change is gone
