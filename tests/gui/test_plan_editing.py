"""Editing the plan in its cells as a user does: dates that can be cleared, multi-line text, methods,
and reference text that only enters the plan when the user inserts it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.plan.editors import DateCellEditor, TextCellEditor
from stakemap.gui.widgets.plan.model import FIELD_COLUMN, ID_ROLE
from stakemap.gui.widgets.plan.panel import PlanPanel
from tests.conftest import stored

TODAY = date(2026, 2, 1)
DRIVER = "Be seen as the <b>go-to</b> team & win the Q3 review"


@pytest.fixture
def panel(document: MapDocument, qtbot) -> PlanPanel:
    document.edit(
        lambda m: m.update_stakeholder(
            "s-dana", drivers_long_term=DRIVER, pain_points="Late data", offer="A weekly digest"
        )
    )
    document.undo_stack.clear()
    widget = PlanPanel(document, Selection(), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 500)
    widget.show()
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)
    return widget


def enter(widget) -> None:
    """Press Enter; the delegate writes the value from a queued call, so let it run."""
    QTest.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def open_editor(panel: PlanPanel, engagement_id: str, field: str):
    panel.focus_engagement(engagement_id, edit_field=field)
    editor = panel.table.focusWidget()
    while editor is not None and editor.parentWidget() is not panel.table.viewport():
        editor = editor.parentWidget()
    assert editor is not None, "no editor opened"
    return editor


def test_the_due_date_editor_sets_and_clears_the_date(panel: PlanPanel, map_file: Path) -> None:
    editor = open_editor(panel, "e-1", "due")
    assert isinstance(editor, DateCellEditor)
    assert editor.date_edit.date() == QDate(2026, 1, 15)
    editor.date_edit.setDate(QDate(2026, 3, 2))
    enter(editor.date_edit)
    assert stored(map_file).engagements["e-1"].due == date(2026, 3, 2)
    editor = open_editor(panel, "e-1", "due")
    QTest.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert stored(map_file).engagements["e-1"].due is None
    assert panel.proxy.index(0, FIELD_COLUMN["due"]).data() == "no date"
    assert panel.model.counts() == (0, 0)


def test_text_cells_take_several_lines_and_escape_cancels(
    panel: PlanPanel, document: MapDocument, map_file: Path
) -> None:
    editor = open_editor(panel, "e-1", "spiel")
    assert isinstance(editor, TextCellEditor)
    assert editor.placeholderText().startswith("Ask, don't tell or sell (yet)")
    QTest.keyClicks(editor, "What slows you down?")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(editor, "And then?")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert stored(map_file).engagements["e-1"].spiel == "What slows you down?\nAnd then?"
    assert document.undo_stack.count() == 1
    editor = open_editor(panel, "e-1", "reason")
    QTest.keyClicks(editor, " and more")  # typing adds to the end; it never wipes the text
    assert editor.toPlainText() == "Joint goals and more"
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert stored(map_file).engagements["e-1"].reason == "Joint goals"
    assert document.undo_stack.count() == 1


def test_typing_a_new_method_in_the_method_cell(
    panel: PlanPanel, document: MapDocument, map_file: Path
) -> None:
    editor = open_editor(panel, "e-1", "method")
    assert isinstance(editor, QComboBox)
    assert editor.findText("Committee presentation") >= 0
    editor.setCurrentText("Coffee after the all-hands")
    enter(editor)
    m = stored(map_file)
    assert m.engagements["e-1"].method == "Coffee after the all-hands"
    assert m.info.engagement_methods == ("Coffee after the all-hands",)
    assert document.undo_stack.count() == 1
    assert open_editor(panel, "e-1", "method").findText("Coffee after the all-hands") >= 0


def test_reference_is_shown_escaped_and_insert_copies_one_driver_as_one_undo_entry(
    panel: PlanPanel, document: MapDocument, map_file: Path
) -> None:
    panel.focus_engagement("e-1")
    text = panel.reference.toPlainText()
    assert DRIVER in text  # markup in the profile is shown as typed, not interpreted
    assert "Manage closely" in text  # Dana is a key player
    assert "not part of the plan" in text
    assert stored(map_file).engagements["e-1"].reason == "Joint goals"  # nothing copied by itself
    panel.reference.anchorClicked.emit(QUrl("insert:drivers_long_term:reason"))
    assert stored(map_file).engagements["e-1"].reason == f"Joint goals\n{DRIVER}"
    assert document.undo_stack.count() == 1
    panel.reference.anchorClicked.emit(QUrl("insert:drivers_long_term:reason"))  # already there
    panel.reference.anchorClicked.emit(QUrl("insert:name:reason"))  # not a reference link
    assert document.undo_stack.count() == 1
    panel.reference.anchorClicked.emit(QUrl("insert:offer:offer"))
    assert stored(map_file).engagements["e-1"].offer == "A weekly digest"
    document.undo_stack.undo()
    assert stored(map_file).engagements["e-1"].offer == ""


def test_insert_while_editing_keeps_what_was_typed(panel: PlanPanel, map_file: Path) -> None:
    editor = open_editor(panel, "e-1", "reason")
    QTest.keyClicks(editor, " for Q3")
    panel.reference.anchorClicked.emit(QUrl("insert:pain_points:reason"))
    assert stored(map_file).engagements["e-1"].reason == "Joint goals for Q3\nLate data"
    assert panel.proxy.index(0, 0).data(ID_ROLE) == "e-1"


def test_a_very_long_text_is_edited_whole_and_its_tooltip_is_bounded(
    panel: PlanPanel, document: MapDocument, map_file: Path
) -> None:
    long_text = "مرحبا 你好 <&> " * 900
    document.edit(lambda m: m.update_engagement("e-1", outcome=long_text))
    tip = panel.proxy.index(0, FIELD_COLUMN["outcome"]).data(Qt.ItemDataRole.ToolTipRole)
    assert len(tip) == 2001
    assert tip.endswith("…")
    editor = open_editor(panel, "e-1", "outcome")
    assert editor.toPlainText() == long_text
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert stored(map_file).engagements["e-1"].outcome == long_text  # unchanged, nothing trimmed


def test_the_method_list_is_wide_enough_for_its_longest_method(panel: PlanPanel) -> None:
    panel.table.setColumnWidth(FIELD_COLUMN["method"], 60)  # a narrow column
    editor = open_editor(panel, "e-1", "method")
    longest = max(
        (editor.itemText(i) for i in range(editor.count())), key=editor.fontMetrics().horizontalAdvance
    )
    assert editor.view().minimumWidth() >= editor.fontMetrics().horizontalAdvance(longest)


def test_the_owner_cell_offers_the_owners_already_named_and_takes_a_new_one(
    panel: PlanPanel, document: MapDocument, map_file: Path
) -> None:
    document.edit(lambda m: m.update_engagement("e-1", owner="Ann"))
    editor = open_editor(panel, "e-1", "owner")
    assert isinstance(editor, QComboBox)
    assert editor.findText("Ann") >= 0  # a map file has no members: the owners it names
    editor.setCurrentText("Bo")
    enter(editor)
    assert stored(map_file).engagements["e-1"].owner == "Bo"
