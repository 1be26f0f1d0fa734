"""The plan dock: engagements edited in place (one undo entry each), sorted, filtered, linked to the selection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from stakemap.core.entities import Engagement, EngagementStatus
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.plan_table.model import FIELD_COLUMN, ID_ROLE
from stakemap.gui.widgets.plan_table.panel import PlanPanel
from stakemap.storage.database import open_map

TODAY = date(2026, 2, 1)


def stored(path: Path):
    opened = open_map(path, read_only=True)
    try:
        return opened.load()
    finally:
        opened.close()


def make(document: MapDocument, qtbot) -> tuple[PlanPanel, Selection]:
    document.edit(
        lambda m: m.add_engagement(
            Engagement("s-eli", reason="Ask about reports", due=date(2026, 2, 4), id="e-2")
        )
    )
    document.edit(lambda m: m.add_engagement(Engagement("s-ceo", reason="Board brief", id="e-3")))
    document.undo_stack.clear()
    selection = Selection()
    panel = PlanPanel(document, selection, today=TODAY)
    qtbot.addWidget(panel)
    return panel, selection


def column_ids(panel: PlanPanel) -> list[str]:
    return [panel.proxy.index(r, 0).data(ID_ROLE) for r in range(panel.proxy.rowCount())]


def test_rows_show_people_and_sort_undated_last(document: MapDocument, qtbot) -> None:
    panel, _ = make(document, qtbot)
    assert column_ids(panel) == ["e-1", "e-2", "e-3"]
    person = panel.proxy.index(0, FIELD_COLUMN["stakeholder_id"]).data()
    assert person == "Dana"
    assert "overdue" in panel.proxy.index(0, FIELD_COLUMN["due"]).data()
    assert "soon" in panel.proxy.index(1, FIELD_COLUMN["due"]).data()
    assert panel.counts.text() == "3 engagements · ⚠ 1 overdue · 1 due this week"


def test_editing_a_cell_is_stored_and_undoable(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, _ = make(document, qtbot)
    index = panel.proxy.index(0, FIELD_COLUMN["reason"])
    assert panel.proxy.setData(index, "Set joint goals for Q3", Qt.ItemDataRole.EditRole)
    assert stored(map_file).engagements["e-1"].reason == "Set joint goals for Q3"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert panel.proxy.index(0, FIELD_COLUMN["reason"]).data() == "Joint goals"
    assert stored(map_file).engagements["e-1"].reason == "Joint goals"


def test_due_date_and_status_edits(document: MapDocument, map_file: Path, qtbot) -> None:
    panel, _ = make(document, qtbot)
    panel.proxy.setData(
        panel.proxy.index(2, FIELD_COLUMN["due"]), QDate(2026, 3, 1), Qt.ItemDataRole.EditRole
    )
    panel.proxy.setData(
        panel.proxy.index(0, FIELD_COLUMN["status"]), EngagementStatus.DONE, Qt.ItemDataRole.EditRole
    )
    m = stored(map_file)
    assert m.engagements["e-3"].due == date(2026, 3, 1)
    assert m.engagements["e-1"].status is EngagementStatus.DONE


def test_a_new_method_joins_the_map_list_in_the_same_undo_entry(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, _ = make(document, qtbot)
    panel.proxy.setData(
        panel.proxy.index(0, FIELD_COLUMN["method"]), "Walk-and-talk", Qt.ItemDataRole.EditRole
    )
    m = stored(map_file)
    assert m.engagements["e-1"].method == "Walk-and-talk"
    assert m.info.engagement_methods == ("Walk-and-talk",)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    m = stored(map_file)
    assert m.info.engagement_methods == ()
    assert m.engagements["e-1"].method == "Casual conversation"


def test_filters(document: MapDocument, qtbot) -> None:
    panel, selection = make(document, qtbot)
    panel.show_combo.setCurrentIndex(panel.show_combo.findData("overdue"))
    assert column_ids(panel) == ["e-1"]
    panel.show_combo.setCurrentIndex(0)
    panel.search.setText("board")
    assert column_ids(panel) == ["e-3"]
    panel.search.clear()
    panel.only_selected.setChecked(True)
    selection.set(["s-eli"])
    assert column_ids(panel) == ["e-2"]


def test_selecting_a_row_selects_the_person_and_delete_is_undoable(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    panel, selection = make(document, qtbot)
    panel.focus_engagement("e-2")
    assert selection.stakeholder_ids == ("s-eli",)
    assert "Eli" in panel.reference.toPlainText()
    panel.delete_selected()
    assert "e-2" not in stored(map_file).engagements
    document.undo_stack.undo()
    assert "e-2" in stored(map_file).engagements
