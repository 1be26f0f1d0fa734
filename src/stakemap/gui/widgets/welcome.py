"""What the window shows with no map open: a way in, not an empty grey square (gui layer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


@dataclass(frozen=True)
class WelcomeActions:
    """What the page can do: the ways in it offers, handed to it by the window."""

    new_map: Callable[[], None]
    open_dialog: Callable[[], None]
    open_sample: Callable[[], None]
    open_path: Callable[[Path], object]
    recent_paths: Callable[[], list[Path]]


class WelcomePage(QWidget):
    def __init__(self, actions: WelcomeActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
            ("New Map", actions.new_map),
            ("Open Map…", actions.open_dialog),
            ("Open the Sample Map", actions.open_sample),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(260)
            button.clicked.connect(slot)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        for path in actions.recent_paths()[:5]:
            if path.exists():
                button = QPushButton(f"Open recent: {path.name}")
                button.setFlat(True)
                button.setToolTip(str(path))
                button.clicked.connect(lambda _checked=False, p=path: actions.open_path(p))
                layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
