"""The plan dock as a user meets it: rows, marks, sorting, filters, one undo entry per edit, selection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from stakemap.core.entities import Engagement, EngagementStatus
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.plan.model import FIELD_COLUMN, ID_ROLE
from stakemap.gui.widgets.plan.panel import PlanPanel
from stakemap.storage.database import open_map
from tests.conftest import stored

TODAY = date(2026, 2, 1)  # e-1 (Dana, 15 Jan) is overdue; e-2 (Eli, 4 Feb) is due this week


@pytest.fixture
def planned(document: MapDocument) -> MapDocument:
    document.edit(
        lambda m: m.add_engagement(
            Engagement("s-eli", reason="Ask about reports", due=date(2026, 2, 4), owner="Ann", id="e-2")
        )
    )
    document.edit(
        lambda m: m.add_engagement(Engagement("s-ceo", reason="Board brief\nwith the budget", id="e-3"))
    )
    document.undo_stack.clear()
    return document


@pytest.fixture
def selection() -> Selection:
    return Selection()


@pytest.fixture
def panel(planned: MapDocument, selection: Selection, qtbot) -> PlanPanel:
    widget = PlanPanel(planned, selection, today=TODAY)
    qtbot.addWidget(widget)
    return widget


def shown_ids(panel: PlanPanel) -> list[str]:
    return [panel.proxy.index(r, 0).data(ID_ROLE) for r in range(panel.proxy.rowCount())]


def cell(panel: PlanPanel, engagement_id: str, field: str, role: int = Qt.ItemDataRole.DisplayRole):
    row = shown_ids(panel).index(engagement_id)
    return panel.proxy.index(row, FIELD_COLUMN[field]).data(role)


def edit(panel: PlanPanel, engagement_id: str, field: str, value: object) -> bool:
    row = shown_ids(panel).index(engagement_id)
    return panel.proxy.setData(panel.proxy.index(row, FIELD_COLUMN[field]), value, Qt.ItemDataRole.EditRole)


def test_rows_show_names_and_mark_overdue_and_soon_not_by_colour_alone(panel: PlanPanel) -> None:
    assert shown_ids(panel) == ["e-1", "e-2", "e-3"]
    assert [cell(panel, e, "stakeholder_id") for e in ("e-1", "e-2", "e-3")] == ["Dana", "Eli", "Carla <CEO>"]
    assert cell(panel, "e-1", "due") == "15 Jan 2026  ⚠ overdue"
    assert cell(panel, "e-1", "due", Qt.ItemDataRole.FontRole).bold()
    assert not cell(panel, "e-1", "due", Qt.ItemDataRole.DecorationRole).isNull()
    assert cell(panel, "e-2", "due") == "04 Feb 2026  · soon"
    assert cell(panel, "e-2", "due", Qt.ItemDataRole.DecorationRole) is None
    assert cell(panel, "e-3", "due") == "no date"
    assert cell(panel, "e-3", "reason") == "Board brief"  # first line in the cell, all of it in the tooltip
    assert cell(panel, "e-3", "reason", Qt.ItemDataRole.ToolTipRole) == "Board brief\nwith the budget"
    assert panel.counts.text() == "3 engagements · ⚠ 1 overdue · 1 due this week"


def test_editing_a_cell_is_stored_as_one_undo_entry_and_undo_restores_it(
    panel: PlanPanel, planned: MapDocument, map_file: Path
) -> None:
    assert edit(panel, "e-1", "reason", "Set joint goals for Q3")
    assert stored(map_file).engagements["e-1"].reason == "Set joint goals for Q3"
    assert planned.undo_stack.count() == 1
    planned.undo_stack.undo()
    assert cell(panel, "e-1", "reason") == "Joint goals"
    assert stored(map_file).engagements["e-1"].reason == "Joint goals"
    assert not edit(panel, "e-1", "reason", "Joint goals")  # no change, no undo entry
    assert planned.undo_stack.count() == 1


def test_status_and_due_edits_move_rows_in_and_out_of_overdue(panel: PlanPanel, map_file: Path) -> None:
    edit(panel, "e-1", "status", EngagementStatus.DONE)
    assert stored(map_file).engagements["e-1"].status is EngagementStatus.DONE
    assert cell(panel, "e-1", "due") == "15 Jan 2026"  # done: no longer overdue
    assert panel.counts.text() == "3 engagements · 1 due this week"


def test_sorting_by_due_date_sorts_as_dates_with_undated_last(panel: PlanPanel, planned: MapDocument) -> None:
    planned.edit(lambda m: m.add_engagement(Engagement("s-fay", due=date(2025, 12, 31), id="e-4")))
    panel.table.sortByColumn(FIELD_COLUMN["stakeholder_id"], Qt.SortOrder.AscendingOrder)
    assert shown_ids(panel) == ["e-3", "e-1", "e-2", "e-4"]  # Carla, Dana, Eli, Fay
    panel.table.sortByColumn(FIELD_COLUMN["due"], Qt.SortOrder.AscendingOrder)
    assert shown_ids(panel) == ["e-4", "e-1", "e-2", "e-3"]  # 31 Dec before 15 Jan: dates, not text


@pytest.mark.parametrize(
    ("show", "expected"),
    [("overdue", ["e-1"]), ("soon", ["e-2"]), ("open", ["e-1", "e-2", "e-3"]), ("done", []), ("all", None)],
)
def test_the_show_filter(panel: PlanPanel, show: str, expected: list[str] | None) -> None:
    panel.show_combo.setCurrentIndex(panel.show_combo.findData(show))
    assert shown_ids(panel) == (expected if expected is not None else ["e-1", "e-2", "e-3"])


def test_search_covers_every_column_and_whole_texts(panel: PlanPanel, selection: Selection) -> None:
    panel.search.setText("budget")  # on the second line of e-3's reason, not shown in the cell
    assert shown_ids(panel) == ["e-3"]
    assert panel.counts.text().startswith("1 of 3 engagements shown")
    panel.search.setText("ann eli")  # owner and person, both words must match
    assert shown_ids(panel) == ["e-2"]
    panel.search.clear()
    panel.only_selected.setChecked(True)
    selection.set(["s-eli"])
    assert shown_ids(panel) == ["e-2"]
    selection.set(["s-eli", "s-dana"])
    assert shown_ids(panel) == ["e-1", "e-2"]


def test_a_new_method_joins_the_map_list_in_the_same_undo_entry(
    panel: PlanPanel, planned: MapDocument, map_file: Path
) -> None:
    assert edit(panel, "e-1", "method", "  Walk-and-talk ")
    m = stored(map_file)
    assert m.engagements["e-1"].method == "Walk-and-talk"
    assert m.info.engagement_methods == ("Walk-and-talk",)
    assert planned.undo_stack.count() == 1
    assert panel.model.methods()[-1] == "Walk-and-talk"
    planned.undo_stack.undo()
    m = stored(map_file)
    assert m.info.engagement_methods == ()
    assert m.engagements["e-1"].method == "Casual conversation"


def test_a_known_method_in_other_case_is_not_added_again(panel: PlanPanel, map_file: Path) -> None:
    assert edit(panel, "e-1", "method", "email")
    m = stored(map_file)
    assert m.engagements["e-1"].method == "Email"
    assert m.info.engagement_methods == ()


def test_selecting_a_row_selects_the_person_and_edits_elsewhere_leave_the_selection_alone(
    panel: PlanPanel, planned: MapDocument, selection: Selection
) -> None:
    panel.focus_engagement("e-2")
    assert selection.stakeholder_ids == ("s-eli",)
    assert "Eli" in panel.reference.toPlainText()
    selection.set(["s-ceo"])  # the user clicks someone else on the canvas
    assert panel.selected_ids() == []  # the table no longer claims Eli's row
    planned.edit(lambda m: m.update_stakeholder("s-dana", role="Lead engineer"))
    planned.edit(lambda m: m.update_engagement("e-2", owner="Bo"))
    assert selection.stakeholder_ids == ("s-ceo",)
    assert "Carla <CEO>" in panel.reference.toPlainText()  # the selected person's reference


def test_undo_and_redo_keep_the_selected_row(panel: PlanPanel, planned: MapDocument) -> None:
    panel.focus_engagement("e-2")
    edit(panel, "e-1", "owner", "Zed")
    planned.edit(lambda m: m.add_engagement(Engagement("s-fay", id="e-4")))
    planned.undo_stack.undo()
    planned.undo_stack.undo()
    planned.undo_stack.redo()
    assert panel.selected_ids() == ["e-2"]
    assert cell(panel, "e-1", "owner") == "Zed"


def test_add_for_the_selected_person_then_delete_and_undo(
    panel: PlanPanel, planned: MapDocument, selection: Selection, map_file: Path
) -> None:
    selection.set(["s-fay"])
    new_id = panel.add_engagement()
    assert new_id is not None
    assert stored(map_file).engagements[new_id].stakeholder_id == "s-fay"
    assert planned.undo_stack.undoText() == "Add engagement with Fay"
    assert panel.selected_ids() == [new_id]
    panel.focus_engagement("e-1")
    panel.table.selectionModel().select(
        panel.proxy.index(shown_ids(panel).index("e-2"), 0),
        panel.table.selectionModel().SelectionFlag.Select | panel.table.selectionModel().SelectionFlag.Rows,
    )
    panel.delete_selected()
    assert planned.undo_stack.count() == 2  # one entry for the two rows
    assert {"e-1", "e-2"}.isdisjoint(stored(map_file).engagements)
    planned.undo_stack.undo()
    assert {"e-1", "e-2"} <= set(stored(map_file).engagements)
    assert set(shown_ids(panel)) == {"e-1", "e-2", "e-3", new_id}


def test_add_without_a_selected_person_offers_the_people(panel: PlanPanel, planned: MapDocument) -> None:
    assert panel.add_engagement() is None
    panel._fill_people_menu()
    titles = [a.text() for a in panel.people_menu.actions()]
    assert titles == ["With Carla <CEO>…", "With Dana…", "With Eli…", "With Fay…"]
    panel.people_menu.actions()[2].trigger()
    assert [e.stakeholder_id for e in planned.map.engagements.values()].count("s-eli") == 2
    panel.people_menu.hide()


def test_the_delete_key_deletes_rows_but_not_while_another_widget_has_the_focus(
    planned: MapDocument, selection: Selection, qtbot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    canvas_like = QWidget()  # stands in for the canvas: its own Delete, for its own focus only
    canvas_like.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    deleted_there: list[bool] = []
    action = QAction("Delete", canvas_like)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: deleted_there.append(True))
    canvas_like.addAction(action)
    panel = PlanPanel(planned, selection, today=TODAY)
    layout.addWidget(canvas_like)
    layout.addWidget(panel)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    panel.focus_engagement("e-2")
    canvas_like.setFocus()
    QTest.keyClick(canvas_like, Qt.Key.Key_Delete)
    assert deleted_there == [True]  # no ambiguous shortcut: the other widget got its Delete
    assert "e-2" in planned.map.engagements
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "e-2" not in planned.map.engagements
    planned.undo_stack.undo()
    assert "e-2" in planned.map.engagements


def test_focus_engagement_shows_a_filtered_out_row(panel: PlanPanel) -> None:
    panel.show_combo.setCurrentIndex(panel.show_combo.findData("overdue"))
    panel.focus_engagement("e-3")
    assert panel.show_combo.currentData() == "all"
    assert panel.selected_ids() == ["e-3"]


def test_a_read_only_map_shows_the_plan_without_editing(map_file: Path, selection: Selection, qtbot) -> None:
    document = MapDocument(open_map(map_file, read_only=True))
    try:
        panel = PlanPanel(document, selection, today=TODAY)
        qtbot.addWidget(panel)
        index = panel.proxy.index(0, FIELD_COLUMN["reason"])
        assert index.data() == "Joint goals"
        assert not panel.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
        panel.focus_engagement("e-1")
        assert not panel.add_action.isEnabled()
        assert not panel.delete_action.isEnabled()
        assert "Insert" not in panel.reference.toHtml()
    finally:
        document.close()
