"""Helpers shared by the inspector tests: build the panel, type like a user, read the file back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.inspector import InspectorPanel


def make_panel(document: MapDocument, qtbot) -> tuple[InspectorPanel, Selection]:
    selection = Selection()
    panel = InspectorPanel(document, selection)
    qtbot.addWidget(panel)
    return panel, selection


def type_line(qtbot, line: QWidget, text: str, *, finish: bool = True) -> None:
    """Replace a line edit's text by typing, then press Enter (the user finishing)."""
    assert isinstance(line, QLineEdit)
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    if finish:
        qtbot.keyClick(line, Qt.Key.Key_Return)


def leave(widget: QWidget) -> None:
    """The focus leaves the widget (the user tabbed or clicked elsewhere)."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def pick(combo: QWidget, data: object) -> None:
    """Choose the entry holding ``data`` as a user would (``activated`` fires only for user choices)."""
    assert isinstance(combo, QComboBox)
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def visible_text(rich: str) -> str:
    """What a rich-text label shows on screen."""
    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()
