"""Untitled maps left behind are offered back: Open, Discard (gone for good) or Later; never-used ones are not kept."""

from __future__ import annotations

import os
from pathlib import Path

from stakemap.core.entities import MapInfo, Stakeholder
from stakemap.core.model import Map
from stakemap.gui.paths import data_dir, untitled_left_behind
from stakemap.gui.widgets.main_window import MainWindow
from stakemap.gui.widgets.recovery import RecoveryDialog, describe
from stakemap.storage.database import create_map


def left_behind_map(name: str, people: int) -> Path:
    folder = data_dir() / "untitled"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.stakemap"
    m = Map(info=MapInfo(title=name))
    m.add_stakeholders([Stakeholder(f"P{i}") for i in range(people)])
    create_map(path, m).close()
    return path


def test_a_left_behind_map_is_described_without_being_changed(window: MainWindow) -> None:
    path = left_behind_map("Board prep", 3)
    before = path.read_bytes(), path.stat().st_mtime_ns
    entry = describe(path)
    assert entry.title == "Board prep"
    assert entry.people == 3
    assert "Board prep: 3 people, last changed" in entry.line()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_open_discard_and_later(window: MainWindow, qtbot) -> None:
    first = left_behind_map("First", 2)
    second = left_behind_map("Second", 1)
    os.utime(first, (1_700_000_000, 1_700_000_000))  # oldest first
    assert untitled_left_behind() == [first, second]
    window.offer_left_behind()
    dialog = window.recovery
    assert isinstance(dialog, RecoveryDialog)
    assert not dialog.isModal()  # the window stays usable
    assert [e.title for e in dialog.entries()] == ["First", "Second"]

    dialog.confirm_discard = lambda _entry: False  # cancelled: nothing happens
    dialog.discard_current()
    assert first.exists()
    dialog.confirm_discard = lambda _entry: True
    dialog.discard_current()
    assert not first.exists()
    assert not any(p.name.startswith("First.stakemap") for p in first.parent.iterdir())
    assert [e.title for e in dialog.entries()] == ["Second"]

    dialog.open_current()
    assert window.document is not None
    assert window.document.path == second
    assert window.document.untitled  # Save As names it
    assert window.recovery is None  # nothing left to offer: the dialog closed
    assert untitled_left_behind() == []  # the open one is not "left behind"


def test_later_keeps_them_for_next_time(window: MainWindow) -> None:
    path = left_behind_map("Kept", 1)
    window.offer_left_behind()
    assert window.recovery is not None
    window.recovery.later_button.click()
    assert window.recovery is None
    assert untitled_left_behind() == [path]


def test_a_new_map_never_used_is_not_left_behind(window: MainWindow) -> None:
    window.new_map()
    assert window.document is not None
    window.close_map()
    assert untitled_left_behind() == []
    window.new_map()
    assert window.document is not None
    window.document.edit(lambda m: m.add_stakeholder(Stakeholder("Ana")))
    used = window.document.path
    window.close_map()
    assert untitled_left_behind() == [used]  # kept, and offered at the next start
