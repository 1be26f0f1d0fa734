"""Every `type: ignore` in the source names its error code and says why, on the same line."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "stakemap"
WITH_REASON = re.compile(r"type: ignore\[[a-z-]+(, ?[a-z-]+)*\]  # \S")


def test_every_type_ignore_gives_its_reason() -> None:
    bare = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "type: ignore" in line and not WITH_REASON.search(line)
    ]
    assert bare == []
