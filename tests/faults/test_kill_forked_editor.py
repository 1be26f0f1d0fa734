"""Kill -9 at random moments while a forked editor writes edits through MapDocument: nothing acknowledged
is ever lost, the file is never damaged, and the dead editor's lock never locks the user out.

The edits are the scripted mix of ``edit_script`` (adds, moves, long and hostile text, notes, ties added
and removed, deletes with cascade, refused edits, undo/redo). 60 kills by default; STAKEMAP_SOAK=1 runs
1,000 (about four minutes: ``make soak``), STAKEMAP_KILLS=N any number.
"""

from __future__ import annotations

import os
from pathlib import Path

from stakemap.storage.database import create_map
from tests.conftest import small_map
from tests.faults.kill_harness import kill_repeatedly


def kill_count() -> int:
    if os.environ.get("STAKEMAP_KILLS"):
        return int(os.environ["STAKEMAP_KILLS"])
    return 1_000 if os.environ.get("STAKEMAP_SOAK") else 60


def test_every_acknowledged_edit_survives_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "victim map.stakemap"
    create_map(path, small_map()).close()
    kills = kill_count()
    tally = kill_repeatedly(path, kills, seed=20261122)
    print(tally.summary())
    assert tally.kills == kills
    # The kills must have landed among real work, or the test proves nothing.
    assert tally.acknowledged_edits >= kills
    assert len(tally.states) >= kills // 3
    assert tally.stale_locks == kills
