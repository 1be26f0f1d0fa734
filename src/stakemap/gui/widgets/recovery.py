"""Untitled maps left behind by an earlier session, offered back at start: Open, Discard, Later (gui layer).

Untitled maps are stored from the first edit, so a crash or a Close without Save As leaves them in the
data folder. The offer is a window beside the main one, not a modal question: the user can keep working
and answer later (File > Recover Untitled Maps… brings it back). Discard deletes the file and everything
beside it, after one confirmation, because discarded must mean gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.storage.database import open_map
from stakemap.storage.errors import MapFileError
from stakemap.storage.leftovers import discard

PATH_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class LeftBehind:
    path: Path
    title: str
    people: int
    modified: datetime
    readable: bool = True

    def line(self) -> str:
        when = f"{self.modified:%d %b %Y %H:%M}"
        if not self.readable:
            return f"{self.path.name} (cannot be read), last changed {when}"
        who = "1 person" if self.people == 1 else f"{self.people} people"
        return f"{self.title}: {who}, last changed {when}"


def describe(path: Path) -> LeftBehind:
    """What the user needs to recognise a left-behind map, read without changing it."""
    modified = datetime.fromtimestamp(path.stat().st_mtime)
    try:
        opened = open_map(path, read_only=True)
    except (MapFileError, OSError):
        return LeftBehind(path, path.stem, 0, modified, readable=False)
    try:
        the_map = opened.load()
    except (MapFileError, OSError):
        return LeftBehind(path, path.stem, 0, modified, readable=False)
    finally:
        opened.close()
    return LeftBehind(path, the_map.info.title or path.stem, len(the_map.stakeholders), modified)


class RecoveryDialog(QDialog):
    """Lists left-behind untitled maps; each can be opened or discarded, or all left for later."""

    def __init__(
        self, paths: list[Path], open_map_at: Callable[[Path], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover Untitled Maps")
        self.setModal(False)
        self._open_map_at = open_map_at
        #: Seam: how to confirm a discard (tests answer without a dialog).
        self.confirm_discard: Callable[[LeftBehind], bool] = self._ask_discard
        layout = QVBoxLayout(self)
        intro = QLabel(
            "These maps were never given a name, and were left behind when Stakemap last closed or stopped. "
            "Open one to keep working on it (File > Save As gives it a name), or discard it for good."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Untitled maps left behind")
        for path in paths:
            entry = describe(path)
            item = QListWidgetItem(entry.line())
            item.setData(PATH_ROLE, entry)
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton("Open")
        self.discard_button = QPushButton("Discard…")
        self.later_button = QPushButton("Later")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.open_current)
        self.discard_button.clicked.connect(self.discard_current)
        self.later_button.clicked.connect(self.reject)
        self.open_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(560, 300)
        self._update_buttons()

    def entries(self) -> list[LeftBehind]:
        return [self.list.item(i).data(PATH_ROLE) for i in range(self.list.count())]

    def _current(self) -> LeftBehind | None:
        item = self.list.currentItem()
        return None if item is None else item.data(PATH_ROLE)

    def _remove_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        self._update_buttons()
        if self.list.count() == 0:
            self.accept()

    def _update_buttons(self) -> None:
        entry = self._current()
        self.open_button.setEnabled(entry is not None and entry.readable)
        self.discard_button.setEnabled(entry is not None)

    def open_current(self) -> None:
        entry = self._current()
        if entry is None or not entry.readable:
            return
        if self._open_map_at(entry.path):
            self._remove_current()

    def discard_current(self) -> None:
        entry = self._current()
        if entry is None or not self.confirm_discard(entry):
            return
        try:
            discard(entry.path)
        except OSError as exc:
            QMessageBox.warning(self, "Discard", f"“{entry.path.name}” could not be deleted: {exc.strerror}.")
            return
        self._remove_current()

    def _ask_discard(self, entry: LeftBehind) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Discard Untitled Map")
        box.setTextFormat(Qt.TextFormat.PlainText)  # titles are user text
        box.setText(f"Delete “{entry.title}” for good?\n\nIt cannot be recovered afterwards.")
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is delete
