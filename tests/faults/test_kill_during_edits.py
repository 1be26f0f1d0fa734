"""Kill -9 at random moments while edits are written through: no acknowledged edit is ever lost.

A child process edits the map through MapDocument (the GUI's path) and announces
each state (see ``edit_worker``). We kill it with SIGKILL at a random moment, then
check the file: integrity_check passes, it opens (the dead process's lock is
stale), and it holds the last acknowledged state or the one announced next.
STAKEMAP_SOAK=1 runs many more kills (``make soak``).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from stakemap.storage.database import open_map
from tests.conftest import small_map
from tests.faults.edit_worker import fingerprint

KILLS = 400 if os.environ.get("STAKEMAP_SOAK") else 50
ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(path: Path, seed: int, delay: float) -> tuple[str | None, str | None]:
    """Start the editor, kill it after ``delay`` seconds of editing; return (last ACK, the NEXT after it)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.edit_worker", str(path), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(30):
        child.kill()
        raise AssertionError(f"the editor never started: {child.stderr.read() if child.stderr else ''}")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(5)
    last_ack, pending = None, None
    for line in lines:
        kind, _, value = line.partition(" ")
        if kind == "ACK":
            last_ack, pending = value, None
        elif kind == "NEXT":
            pending = value
    return last_ack, pending


def test_no_acknowledged_edit_is_lost_across_kills(tmp_path: Path) -> None:
    from stakemap.storage.database import create_map

    path = tmp_path / "victim.stakemap"
    create_map(path, small_map()).close()
    rng = random.Random(20261122)
    in_flight_landed = 0
    for kill in range(KILLS):
        last_ack, pending = run_and_kill(path, seed=kill, delay=rng.uniform(0.05, 0.4))
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",), f"kill {kill}: damaged"
        db.close()
        opened = open_map(path)  # must not be blocked by the killed process's lock
        state = fingerprint(opened.load())
        opened.close()
        assert state in (last_ack, pending), (
            f"kill {kill}: the file holds neither the acknowledged nor the next state"
        )
        in_flight_landed += state == pending
    print(
        f"{KILLS} kills survived; {in_flight_landed} landed just after an edit was stored, before it was acknowledged"
    )
