"""Regenerate resources/samples/*.stakemap from the sample builders (run after changing them)."""

from __future__ import annotations

import sys
from pathlib import Path

from stakemap.samples.library import build_library_map
from stakemap.storage.database import create_map

TARGET = Path(__file__).resolve().parents[1] / "resources" / "samples" / "library-outreach.stakemap"


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    target.unlink(missing_ok=True)
    create_map(target, build_library_map()).close()
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
