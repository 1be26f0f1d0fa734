"""The layers import only downward: core and storage work without Qt; only storage speaks SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "stakemap"

FORBIDDEN = {
    "core": ("PySide6", "sqlalchemy", "alembic", "reportlab", "stakemap.storage", "stakemap.gui"),
    "storage": ("PySide6", "stakemap.gui", "stakemap.report", "stakemap.exchange"),
    "report": ("PySide6", "sqlalchemy", "stakemap.gui", "stakemap.storage"),
    "exchange": ("PySide6", "sqlalchemy", "stakemap.gui", "stakemap.storage"),
    "gui": ("sqlalchemy",),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downward(layer: str) -> None:
    offences = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / layer).rglob("*.py")
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_core_and_storage_import_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import stakemap.core.model, stakemap.core.grid, stakemap.storage.database, stakemap.cli\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
