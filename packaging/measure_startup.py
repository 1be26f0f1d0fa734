"""Start-up time of the frozen build against the source tree, measured the same way for both.

Each run is a new process (``--sample --quit-after 1``: open a copy of the bundled sample, show the
main window, let the event loop turn once, quit) on the offscreen platform with its own empty data
and config folders. The OS file cache stays warm, so this is process start, not a first-boot disk
read. Prints the best of N for each and the ratio.

    .venv/bin/python packaging/measure_startup.py [--runs 5] [--app dist/stakemap/stakemap]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_once(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": f"{tmp}/data"}
        env["XDG_CONFIG_HOME"] = f"{tmp}/config"
        # The source tree keeps its bytecode as an installed app would (as benchmarks/bench_startup does):
        # with PYTHONDONTWRITEBYTECODE set it would recompile itself at every start and look slower.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=tmp, check=True, capture_output=True, timeout=120)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "stakemap" / "stakemap")
    args = parser.parse_args()
    smoke = ["--sample", "--quit-after", "1"]
    # Interleaved rounds, so a busy moment on the machine hits both alike.
    frozen_times, source_times = [], []
    for _ in range(args.runs):
        frozen_times.append(time_once([str(args.app), *smoke]))
        source_times.append(time_once([sys.executable, "-m", "stakemap", *smoke]))
    frozen, source = min(frozen_times), min(source_times)
    print(
        f"frozen  best of {args.runs}: {frozen:.3f} s  (all: {', '.join(f'{t:.2f}' for t in frozen_times)})"
    )
    print(
        f"source  best of {args.runs}: {source:.3f} s  (all: {', '.join(f'{t:.2f}' for t in source_times)})"
    )
    print(f"frozen / source: {frozen / source:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
