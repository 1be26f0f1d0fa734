"""Opening a map another program holds locked: the user is told it is in use and can try again once
that program lets go (or look at it read-only); nothing is changed meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.gui.widgets import open_flow


def answer_with(monkeypatch: pytest.MonkeyPatch, *labels: str) -> list[str]:
    """Click the buttons named ``labels`` in the dialogs that come up, one per dialog; record texts."""
    shown: list[str] = []
    answers = iter(labels)

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        wanted = next(answers)
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        monkeypatch.setattr(box, "clickedButton", lambda: button)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def test_try_again_opens_the_map_once_the_other_program_lets_go(
    map_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    other = sqlite3.connect(map_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    before = map_file.read_bytes()
    shown = answer_with(monkeypatch, "Try Again", "Try Again")

    # The first "Try Again" still finds it locked; the program then lets go before the second.
    calls = {"n": 0}
    real_open = open_flow.open_map

    def open_and_release_after_first_retry(path: Path, **kwargs: object):
        calls["n"] += 1
        if calls["n"] == 3:
            other.execute("ROLLBACK")
        return real_open(path, **kwargs)

    monkeypatch.setattr(open_flow, "open_map", open_and_release_after_first_retry)
    opened = open_flow.open_interactively(parent, map_file)
    try:
        assert opened is not None
        assert not opened.read_only
        assert shown == [f"“{map_file.name}” is in use by another program."] * 2
    finally:
        if opened is not None:
            opened.close()
        other.close()
    assert map_file.read_bytes()[:100] == before[:100]  # the header, as the other program left it


def test_cancel_leaves_the_file_alone(map_file: Path, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    other = sqlite3.connect(map_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    before = map_file.read_bytes()
    answer_with(monkeypatch, "Cancel")
    try:
        assert open_flow.open_interactively(parent, map_file) is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert map_file.read_bytes() == before
