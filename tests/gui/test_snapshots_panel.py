"""Snapshots in the app: take one (one undo entry, stored), compare with now, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from stakemap.core.entities import Attitude
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.snapshots_panel import SnapshotsPanel
from stakemap.storage.database import open_map


def test_take_compare_and_delete(
    document: MapDocument, map_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = SnapshotsPanel(document)
    qtbot.addWidget(panel)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Before the offsite", True))
    panel.take_snapshot()
    assert panel.list.count() == 1
    assert document.undo_stack.count() == 1
    stored = open_map(map_file, read_only=True)
    assert [s.name for s in stored.load().snapshots.values()] == ["Before the offsite"]
    stored.close()

    document.edit(lambda m: m.update_stakeholder("s-eli", attitude=Attitude.CHAMPION))
    with qtbot.waitSignal(panel.comparison_changed) as blocker:
        panel.compare_button.setChecked(True)
    assert blocker.args[0] is not None
    assert "Eli moved toward support: Neutral → Champion." in panel.summary.toPlainText()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.comparison_changed) as cleared:
        panel.delete_selected()
    assert cleared.args[0] is None
    assert panel.list.count() == 0
