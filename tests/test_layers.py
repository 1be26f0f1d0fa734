"""Core, storage and the CLI run with no Qt at all (the import rules themselves: import-linter)."""

from __future__ import annotations

import subprocess
import sys

# Which layer may import which is checked by import-linter's contracts (pyproject.toml, `make lint`);
# this file checks what a contract cannot: that the layers really run without Qt installed.


def test_core_and_storage_import_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import stakemap.core.model, stakemap.core.grid, stakemap.storage.database, stakemap.cli\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
