"""The fault-injection counts for RESULTS.md: kills survived, broken files tried, property cases generated.
Runs the fault tests (tests/faults) and reports what they printed, with more kills of the forked editor and
a bigger hostile-file corpus than the default test run. Run: python -m benchmarks.bench_faults [--kills N]"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAULT_TESTS = (
    "tests/faults/test_kill_during_edits.py",
    "tests/faults/test_hostile_files.py",
    "tests/faults/test_disk_trouble.py",
    "tests/faults/test_two_instances.py",
    "tests/faults/test_model_properties.py",
    "tests/faults/test_kill_forked_editor.py",
    "tests/faults/test_hostile_corpus.py",
    "tests/faults/test_disk_faults.py",
    "tests/faults/test_two_processes.py",
    "tests/faults/test_model_fuzz.py",
    "tests/faults/test_document_write_errors.py",
    "tests/exchange/test_import_properties.py",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="kills of the forked editor (tests: 60)")
    parser.add_argument("--soak", action="store_true", help="soak sizes: 1,000 kills, ~1,000 corpus files")
    args = parser.parse_args()
    env = {**os.environ, "STAKEMAP_KILLS": str(args.kills)}
    if args.soak:
        env["STAKEMAP_SOAK"] = "1"
        env.pop("STAKEMAP_KILLS")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         *FAULT_TESTS],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )  # fmt: skip
    out = run.stdout
    for pattern in (r"\d+ kills survived[^\n]*", r"\d+ files tried[^\n]*"):
        for match in re.findall(pattern, out):
            print(f"RESULT {match}")
    cases = sum(int(n) for n in re.findall(r"(\d+) passing(?: examples|,)", out))
    print(f"RESULT property-based cases generated (model, storage round trip, CSV import): {cases}")
    summary = [line for line in out.splitlines() if " passed" in line or " failed" in line]
    print(f"RESULT fault suite: {summary[-1].strip() if summary else 'no summary'}")
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
