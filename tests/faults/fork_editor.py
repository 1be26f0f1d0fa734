"""The editor the kill -9 test shoots: a fork server whose children edit a map through ``MapDocument``.

Started once as ``python -m tests.faults.fork_editor`` (Qt, SQLAlchemy and Stakemap
imported once), it reads commands on stdin:

- ``RUN {"seed": n, "log": path, "map": path}``: fork a child that opens the map (as the file is now), then
  applies the scripted edits of ``edit_script`` through ``MapDocument.edit`` and
  ``undo_stack.undo()/redo()``, the GUI's own code path. Its stdout goes to ``<log>``:
  ``NEXT <fingerprint>`` before each write (the state the edit will store) and
  ``ACK <n> <fingerprint>`` once the edit returned (the state then on screen).
  Replies ``PID <pid>``.
- ``REAP <pid>``: wait for that (killed) child, so that its lock is stale; replies ``REAPED <pid> <how>``.

A fork costs milliseconds where a new interpreter costs a second, so a test can afford many kills.
Anything unexpected in a child is printed as ``ERROR ...`` and ends it with exit status 3.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.database import open_map
from tests.faults.edit_script import copy_of, fingerprint, next_step


def edit_until_killed(path: Path, seed: int) -> None:
    """Runs in the forked child, with stdout going to the log file."""
    app = QCoreApplication([])
    document = MapDocument(open_map(path))
    stack = document.undo_stack
    rng = random.Random(seed)
    acks = 0
    print(f"ACK {acks} {fingerprint(document.map)}", flush=True)
    for step in range(1_000_000):
        planned = next_step(rng, document.map, step)
        copy = copy_of(document.map)
        if planned.history is not None:
            index = stack.index() - 1 if planned.history == "undo" else stack.index()
            if not 0 <= index < stack.count():
                continue
            change = stack.command(index).change  # type: ignore[attr-defined]
            copy.apply(change.inverted() if planned.history == "undo" else change)
            print(f"NEXT {fingerprint(copy)}", flush=True)
            stack.undo() if planned.history == "undo" else stack.redo()
        else:
            assert planned.mutation is not None
            try:
                planned.mutation(copy)
            except ValueError:
                if planned.must_fail:
                    _expect_refusal(document, planned.mutation, planned.label)
                continue  # e.g. a tie that already exists: nothing to store
            if planned.must_fail:
                raise AssertionError(f"the model accepted an invalid edit ({planned.label})")
            print(f"NEXT {fingerprint(copy)}", flush=True)
            document.edit(planned.mutation)
        acks += 1
        print(f"ACK {acks} {fingerprint(document.map)}", flush=True)
    del app


def _expect_refusal(document: MapDocument, mutation: object, label: str) -> None:
    before = fingerprint(document.map)
    try:
        document.edit(mutation)  # type: ignore[arg-type]
    except EditRejected:
        if fingerprint(document.map) != before:
            raise AssertionError(f"a refused edit ({label}) changed the map on screen") from None
        return
    raise AssertionError(f"the document accepted an invalid edit ({label})")


def _child(seed: int, log: Path, path: Path) -> None:
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives until os._exit
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        edit_until_killed(path, seed)
        print("ERROR the script ended without being killed", flush=True)
    except BaseException:  # anything at all is reported, then the child ends
        print("ERROR " + traceback.format_exc().replace("\n", " | "), flush=True)
    finally:
        os._exit(3)


def serve() -> None:
    for line in sys.stdin:
        command, _, argument = line.rstrip("\n").partition(" ")
        if command == "RUN":
            job = json.loads(argument)
            pid = os.fork()
            if pid == 0:
                _child(int(job["seed"]), Path(job["log"]), Path(job["map"]))
            print(f"PID {pid}", flush=True)
        elif command == "REAP":
            pid = int(argument)
            _, status = os.waitpid(pid, 0)
            how = (
                f"signal {os.WTERMSIG(status)}"
                if os.WIFSIGNALED(status)
                else f"exit {os.WEXITSTATUS(status)}"
            )
            print(f"REAPED {pid} {how}", flush=True)
        elif command == "QUIT":
            return


if __name__ == "__main__":
    serve()
