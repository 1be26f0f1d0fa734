"""Relationship import through the CLI at 1x (6,000 ties) and 10x (60,000 ties), against reading the same
CSV with the csv module alone. Run: python -m benchmarks.bench_import"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from benchmarks.common import generate_map, result
from stakemap.cli import main as cli
from stakemap.core.model import Map
from stakemap.exchange.writers import export_csv
from stakemap.storage.database import create_map


def measure(people: int, ties: int, folder: Path) -> float:
    full = generate_map(people, ties)
    ties_csv = folder / f"ties-{ties}.csv"
    export_csv(full, ties_csv, "relationships")
    just_people = Map()
    just_people.add_stakeholders(list(full.stakeholders.values()))
    map_file = folder / f"org-{ties}.stakemap"
    create_map(map_file, just_people).close()
    start = time.perf_counter()
    code = cli(["import", str(map_file), str(ties_csv)])
    took = time.perf_counter() - start
    assert code == 0, "the import failed"
    start = time.perf_counter()
    with ties_csv.open(encoding="utf-8-sig", newline="") as handle:
        count = sum(1 for _row in csv.reader(handle))
    base = time.perf_counter() - start
    result(f"import {ties:,} ties among {people:,} people (CLI, into the map file): {took:.2f} s "
           f"vs csv.reader alone {base:.3f} s ({count - 1:,} rows) = {took / base:.0f}x")  # fmt: skip
    return took


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="stakemap-import-"))
    small = measure(2_000, 6_000, folder)
    large = measure(20_000, 60_000, folder)
    result(f"growth 1x -> 10x: {large / small:.1f}x (linear would be 10x; aim: 60,000 ties under 30 s)")


if __name__ == "__main__":
    main()
