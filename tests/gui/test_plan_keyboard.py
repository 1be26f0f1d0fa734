"""The plan table under the keyboard (issue 14): typing replaces a method, rows stay put while edited,
Tab from the last column leaves the table."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from stakemap.core.entities import Engagement
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.plan.model import COLUMNS, FIELD_COLUMN, ID_ROLE
from stakemap.gui.widgets.plan.panel import PlanPanel


@pytest.fixture
def panel(document: MapDocument, qtbot) -> PlanPanel:
    document.edit(
        lambda m: m.add_engagement(Engagement("s-eli", reason="Later", due=date(2026, 6, 1), id="e-2"))
    )
    widget = PlanPanel(document, Selection(), today=date(2026, 2, 1))
    qtbot.addWidget(widget)
    widget.resize(1400, 500)
    widget.show()
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)
    return widget


def focus_cell(panel: PlanPanel, engagement_id: str, field: str) -> None:
    row = panel.model.row_of(engagement_id)
    index = panel.proxy.mapFromSource(panel.model.index(row, FIELD_COLUMN[field]))
    panel.table.setFocus()
    panel.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def type_text(text: str) -> None:
    """Type as a user does: every key goes to whatever has the focus at that moment."""
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def test_typing_into_a_focused_method_cell_replaces_the_method(
    panel: PlanPanel, document: MapDocument
) -> None:
    focus_cell(panel, "e-1", "method")
    type_text("Lunch with HR")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    assert editor.currentText() == "Lunch with HR"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert document.map.engagements["e-1"].method == "Lunch with HR"
    assert not any(
        "conversation" in m.casefold() and "Lunch" in m for m in document.map.info.engagement_methods
    )


def test_a_row_stays_where_it_is_while_its_date_is_edited(panel: PlanPanel, document: MapDocument) -> None:
    first = panel.proxy.index(0, 0).data(ID_ROLE)
    assert first == "e-1"  # sorted by due date: January before June
    document.edit(lambda m: m.update_engagement("e-1", due=date(2026, 12, 1)))
    assert panel.proxy.index(0, 0).data(ID_ROLE) == "e-1"


def test_tab_from_the_last_column_leaves_the_table(panel: PlanPanel) -> None:
    focus_cell(panel, "e-1", COLUMNS[-1].field)
    before = panel.table.currentIndex()
    QTest.keyClick(panel.table, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert panel.table.currentIndex().row() == before.row()
    assert not panel.table.hasFocus()
