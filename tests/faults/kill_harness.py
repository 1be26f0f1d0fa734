"""The parent side of the kill -9 test: start the fork server, kill editors at random moments, check the file.

Used by ``test_kill_forked_editor`` and by ``benchmarks/bench_faults`` (more kills).
After each SIGKILL the file must pass ``PRAGMA integrity_check``, open with
``open_map`` although the dead editor's lock is still there, and hold the state of
the last acknowledged edit, or the state of the one edit in flight, nothing else.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from stakemap.storage.database import open_map
from stakemap.storage.lock import lock_path_for
from tests.faults.edit_script import fingerprint

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0


@dataclass
class KillTally:
    kills: int = 0
    acknowledged_edits: int = 0
    in_flight_landed: int = 0  # killed after the write committed, before the acknowledgement
    in_flight_lost: int = 0  # killed mid-write: the half-done edit was rolled back
    hot_journals: int = 0  # a kill left a half-written transaction that opening rolled back
    stale_locks: int = 0  # the dead editor's lock file was still there, and did not block
    seconds: float = 0.0
    states: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"{self.kills} kills survived, {self.acknowledged_edits} acknowledged edits all kept, "
            f"{len(self.states)} distinct map states; in-flight edit present after {self.in_flight_landed} "
            f"kills, rolled back after {self.in_flight_lost}; {self.hot_journals} half-written transactions "
            f"rolled back on open; {self.stale_locks} stale locks ignored; "
            f"{self.seconds / max(self.kills, 1) * 1000:.0f} ms per kill"
        )


@dataclass(frozen=True)
class Shot:
    """What the killed editor had announced: the last acknowledged state, and the one it was writing."""

    acknowledged: str
    in_flight: str | None
    acks: int
    log: str


class ForkServer:
    """One ``fork_editor`` interpreter for many kills."""

    def __init__(self) -> None:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)])),
        }
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.fork_editor"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env,
        )  # fmt: skip
        self._replies: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._replies.put(line.strip())
        self._replies.put("EOF")

    def _ask(self, command: str) -> str:
        assert self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()
        reply = self._replies.get(timeout=START_TIMEOUT)
        if reply == "EOF":
            raise AssertionError("the fork server died")
        return reply

    def shoot(self, path: Path, seed: int, delay: float, log: Path) -> Shot:
        """Start an editor on ``path``, SIGKILL it ``delay`` seconds after it began editing."""
        log.unlink(missing_ok=True)  # never mistake the last editor's lines for this one's
        job = json.dumps({"seed": seed, "log": str(log), "map": str(path)})
        pid = int(self._ask(f"RUN {job}").split()[1])
        deadline = time.monotonic() + START_TIMEOUT
        while "ACK 0 " not in _read_text(log):
            if "ERROR" in _read_text(log) or time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                self._ask(f"REAP {pid}")
                raise AssertionError(f"the editor did not start: {_read_text(log)[-2000:]}")
            time.sleep(0.002)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        how = self._ask(f"REAP {pid}").split(" ", 2)[2]
        text = _read_text(log)
        if how != f"signal {signal.SIGKILL.value}" or "ERROR" in text:
            raise AssertionError(f"the editor failed on its own ({how}): {text[-3000:]}")
        return _parse(text)

    def close(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.write("QUIT\n")
            self._process.stdin.close()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(10)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _parse(text: str) -> Shot:
    acknowledged, in_flight, acks = "", None, 0
    for line in text.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "ACK":
            number, _, value = rest.partition(" ")
            if len(value) == 20:  # a line cut by the kill is not an acknowledgement
                acknowledged, in_flight, acks = value, None, int(number)
        elif kind == "NEXT" and len(rest) == 20:
            in_flight = rest
    return Shot(acknowledged, in_flight, acks, text[-1500:])


def check_after_kill(path: Path, shot: Shot, tally: KillTally) -> None:
    """The checks a user's next start would live through. Raises AssertionError with what went wrong."""
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        tally.hot_journals += 1
    if lock_path_for(path).exists():
        tally.stale_locks += 1
    opened = open_map(path)  # rolls a hot journal back; must not be blocked by the dead editor's lock
    try:
        state = fingerprint(opened.load())
    finally:
        opened.close()
    db = sqlite3.connect(path)
    try:
        verdict = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    assert verdict == [("ok",)], f"integrity check after a kill: {verdict[:5]}"
    if state != shot.acknowledged:
        assert state == shot.in_flight, (
            f"after {shot.acks} acknowledged edits the file holds {state}: neither the acknowledged state "
            f"{shot.acknowledged} nor the edit in flight {shot.in_flight}. Editor log tail:\n{shot.log}"
        )
        tally.in_flight_landed += 1
    elif shot.in_flight is not None:
        tally.in_flight_lost += 1
    tally.acknowledged_edits += shot.acks
    tally.states.add(state)


def kill_repeatedly(path: Path, kills: int, *, seed: int, max_delay: float = 0.25) -> KillTally:
    """Kill ``kills`` editors in turn on ``path`` (each continues from the file the last one left)."""
    rng = random.Random(seed)
    tally = KillTally()
    server = ForkServer()
    start = time.perf_counter()
    try:
        for n in range(kills):
            shot = server.shoot(path, seed * 100_003 + n, rng.uniform(0, max_delay), path.with_suffix(".log"))
            try:
                check_after_kill(path, shot, tally)
            except AssertionError as exc:
                raise AssertionError(f"kill {n + 1} of {kills}: {exc}") from exc
            tally.kills += 1
    finally:
        server.close()
        tally.seconds = time.perf_counter() - start
    return tally
