"""Regression: PySide6 6.12.0 on CPython 3.11 drops a reference to None on each Qt call returning None
and aborts the interpreter ("Fatal Python error: none_dealloc") after a few thousand calls.
The pin in pyproject.toml keeps 6.11 on Python < 3.12; this proves the installed build survives."""

from __future__ import annotations

import subprocess
import sys


def test_many_qt_calls_returning_none_do_not_abort_the_interpreter() -> None:
    code = (
        "from PySide6.QtCore import QObject\n"
        "o = QObject()\n"
        "for _ in range(100_000):\n"
        "    o.setObjectName('x')\n"
        "print('survived')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
