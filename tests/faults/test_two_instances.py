"""Two Stakemap processes on one map: the second is told who has it; read-only works; taking over
stops the first from saving."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stakemap.storage.database import open_map
from stakemap.storage.errors import MapLockedError

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys, time
from pathlib import Path
from stakemap.storage.database import open_map
opened = open_map(Path(sys.argv[1]))
print("open", flush=True)
sys.stdin.readline()  # wait for the parent
m = opened.load()
try:
    opened.repository.write(m.update_info(title="From the first"))
    print("saved", flush=True)
except Exception as exc:
    print(type(exc).__name__, flush=True)
opened.close()
"""


def test_second_process_is_refused_then_takes_over(map_file: Path) -> None:
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(map_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert first.stdout is not None
    assert first.stdin is not None
    assert first.stdout.readline().strip() == "open"
    with pytest.raises(MapLockedError) as caught:
        open_map(map_file)
    assert caught.value.holder.pid == first.pid

    viewer = open_map(map_file, read_only=True)
    assert viewer.load().info.title == "Test map"
    viewer.close()

    second = open_map(map_file, take_over=True)
    first.stdin.write("go\n")
    first.stdin.flush()
    assert first.stdout.readline().strip() == "LockLostError"
    first.wait(10)
    second.repository.write(second.load().update_info(title="From the second"))
    second.close()
    back = open_map(map_file, read_only=True)
    assert back.load().info.title == "From the second"
    back.close()
