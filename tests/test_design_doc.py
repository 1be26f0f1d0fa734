"""docs/DESIGN.md describes the code as it stands: every module and test file it names exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "docs" / "DESIGN.md"
# Paths are written from the package, from gui/ (canvas/…, widgets/…), or from the repository root.
SEARCHED = (ROOT / "src" / "stakemap", ROOT / "src" / "stakemap" / "gui", ROOT)


def _named_files(text: str) -> set[str]:
    return set(re.findall(r"[\w./]*\w\.py\b", text))


def _exists(name: str) -> bool:
    if any((base / name).is_file() for base in SEARCHED):
        return True
    # A bare module name in the layout tree ("card_drag.py") lives somewhere under the package.
    return "/" not in name and any((ROOT / "src" / "stakemap").rglob(name))


def test_every_file_the_design_names_exists() -> None:
    missing = sorted(n for n in _named_files(DESIGN.read_text(encoding="utf-8")) if not _exists(n))
    assert missing == []


def test_the_design_names_the_import_contracts_as_pyproject_does() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = [c["name"] for c in pyproject["tool"]["importlinter"]["contracts"]]
    text = DESIGN.read_text(encoding="utf-8")
    assert contracts
    assert [c for c in contracts if f"*{c}*" not in text] == []
