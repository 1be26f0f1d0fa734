"""Run every benchmarks/bench_*.py in its own process and write their RESULT lines to RESULTS.md.

Run: python -m benchmarks.run_all   (or: make bench)
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    try:
        from PySide6 import __version__ as qt
    except ImportError:
        qt = "not installed"
    return (f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"PySide6 {qt}, SQLite {sqlite3.sqlite_version}")  # fmt: skip


def _sections_measured_elsewhere(results: Path) -> list[str]:
    """Sections no bench_*.py writes (e.g. "## Packaging", measured by packaging/measure_startup.py
    after a build): carried over as they were, so a benchmark run does not erase them."""
    if not results.exists():
        return []
    kept: list[str] = []
    keep = False
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = not line[3:].startswith("bench_")
        if keep:
            kept.append(line)
    return ["", *kept] if kept else []


def main() -> int:
    lines = [f"# Benchmark results\n\n{date.today():%Y-%m-%d} on {machine()}.\n",
             "Each figure is a ratio to a baseline measured in the same run (the machine is shared and noisy), "
             "with the absolute numbers.\n"]  # fmt: skip
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        module = f"benchmarks.{script.stem}"
        print(f"== {module}", flush=True)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", module], cwd=HERE.parent, capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
        took = time.perf_counter() - start
        print(run.stdout[-3000:], run.stderr[-2000:] if run.returncode else "", flush=True)
        results = [line[len("RESULT ") :] for line in run.stdout.splitlines() if line.startswith("RESULT ")]
        if not results:  # scripts that print a table of their own
            results = [line for line in run.stdout.splitlines() if line.strip()][-60:]
        lines.append(f"\n## {script.stem} ({took:.0f} s)\n")
        if run.returncode:
            failed += 1
            lines.append(
                f"- FAILED (exit {run.returncode}): {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''}"
            )
        lines += [f"- {line.strip()}" for line in results]
    lines += _sections_measured_elsewhere(HERE / "RESULTS.md")
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Wrote {HERE / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
