"""Opens map files as the app does, one per line of stdin, and answers with one JSON line each.

Run by ``corpus.open_each`` as ``python -m tests.faults.open_worker``; prints ``READY`` first.
Input: ``{"name": ..., "path": ...}``. Output: ``{"kind": opened|read-only|refused|crash,
"type": exception class, "detail": message or read-only reason}``. A hang or a dead
interpreter is noticed by the parent, which has the time limit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stakemap.storage.database import open_map
from stakemap.storage.errors import MapFileError


def try_open(path: Path) -> dict[str, str]:
    try:
        opened = open_map(path)
    except MapFileError as exc:
        return {"kind": "refused", "type": type(exc).__name__, "detail": str(exc)}
    except Exception as exc:  # the very thing this corpus looks for: a crash the user would see
        return {"kind": "crash", "type": type(exc).__name__, "detail": str(exc)[:500]}
    try:
        people = len(opened.load().stakeholders)
        kind = "read-only" if opened.read_only else "opened"
        detail = opened.read_only_reason or f"{people} people"
        if opened.backup_path is not None:
            detail += f"; backup {opened.backup_path.name}"
        return {"kind": kind, "type": "", "detail": detail}
    except Exception as exc:  # a map that opened but cannot be read again is a crash too
        return {"kind": "crash", "type": type(exc).__name__, "detail": f"after opening: {exc}"[:500]}
    finally:
        opened.close()


def main() -> None:
    print("READY", flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        print(json.dumps(try_open(Path(job["path"]))), flush=True)


if __name__ == "__main__":
    main()
