"""What the window shows with no map open: a way in, not an empty grey square (gui layer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from stakemap.gui.widgets.main_window import MainWindow


class WelcomePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel("<h1>Stakemap</h1>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        blurb = QLabel(
            "Map who matters to your work: place people by influence and interest,\n"
            "link who listens to whom, and plan each conversation."
        )
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(blurb)
        for text, slot in (
            ("New Map", window.new_map),
            ("Open Map…", window.open_dialog),
            ("Open the Sample Map", window.open_sample),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(260)
            button.clicked.connect(slot)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        for path in window.recent.paths()[:5]:
            if path.exists():
                button = QPushButton(f"Open recent: {path.name}")
                button.setFlat(True)
                button.setToolTip(str(path))
                button.clicked.connect(lambda _checked=False, p=path: window.open_path(p))
                layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
