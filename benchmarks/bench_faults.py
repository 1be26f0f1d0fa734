"""The fault-injection counts for RESULTS.md: kills survived, broken files tried, property cases generated.
Runs the fault tests (tests/faults) and reports what they printed. Run: python -m benchmarks.bench_faults"""

from __future__ import annotations

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
    "tests/exchange/test_import_properties.py",
)


def main() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         *FAULT_TESTS],
        cwd=ROOT, capture_output=True, text=True,
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
