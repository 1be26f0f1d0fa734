"""A titled part of an inspector page that folds away with a click on its header (gui layer).

The inspector dock is often short; folding "Profile" brings the notes into view
without scrolling past every field. Which sections are folded is view state,
kept per page while the app runs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QSizePolicy, QToolButton, QVBoxLayout, QWidget


class Section(QWidget):
    toggled = Signal(bool)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.header = QToolButton(self)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.header.font())
        font.setBold(True)
        self.header.setFont(font)
        self.header.setToolTip("Click to fold or unfold this section")
        # Not in the Tab chain: Tab goes from field to field, and Space typed in a form never folds one.
        self.header.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header.toggled.connect(self._toggled)
        layout.addWidget(self.header)
        self.body = QFrame(self)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.body)
        self.set_count(None)

    @property
    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, open_: bool) -> None:
        self.header.setChecked(open_)

    def set_count(self, count: int | None) -> None:
        """Show how many entries the section holds ("Notes (3)"); None or 0 for the bare title."""
        self.header.setText(f"{self.title} ({count})" if count else self.title)

    def _toggled(self, open_: bool) -> None:
        self.body.setVisible(open_)
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.toggled.emit(open_)
