"""Opening a map as a user meets it: the storage layer's message in a dialog, and the lock choice (gui layer).

Nothing here modifies a file the storage layer refused; the user only ever
chooses between read-only, taking over, and leaving it alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.storage.database import OpenedMap, open_map
from stakemap.storage.errors import MapFileError, MapInUseError, MapLockedError


def open_interactively(parent: QWidget, path: Path) -> OpenedMap | None:
    """Open ``path``, asking the user what to do if another Stakemap has it; None if not opened."""
    try:
        return open_map(path)
    except MapLockedError as locked:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Map already open")
        box.setText(f"“{path.name}” is already open in another Stakemap.")
        box.setInformativeText(
            f"Opened by {locked.holder.describe()}.\n\n"
            "Open it read-only to look without changing anything, or take it over: the other window "
            "will stop saving, and edits made there from now on will be refused."
        )
        read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
        take_over = box.addButton("Take Over", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        try:
            if box.clickedButton() is read_only:
                return open_map(path, read_only=True)
            if box.clickedButton() is take_over:
                return open_map(path, take_over=True)
        except MapFileError as exc:
            show_open_error(parent, path, exc)
        return None
    except MapInUseError as busy:
        return _when_in_use(parent, path, busy)
    except MapFileError as exc:
        show_open_error(parent, path, exc)
        return None


def _when_in_use(parent: QWidget, path: Path, busy: MapInUseError) -> OpenedMap | None:
    """Another program holds the file: try again once it is closed, or look at it read-only now."""
    while True:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Map in use")
        box.setText(f"“{path.name}” is in use by another program.")
        box.setInformativeText(f"{busy}\n\nThe file was not changed.")
        retry = box.addButton("Try Again", QMessageBox.ButtonRole.AcceptRole)
        read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.exec()
        try:
            if box.clickedButton() is retry:
                return open_map(path)
            if box.clickedButton() is read_only:
                return open_map(path, read_only=True)
            return None
        except MapInUseError as still:
            busy = still
        except MapFileError as exc:
            show_open_error(parent, path, exc)
            return None


def show_open_error(parent: QWidget, path: Path, error: Exception) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Cannot open map")
    box.setText(f"Stakemap could not open “{path.name}”.")
    box.setInformativeText(f"{error}\n\nThe file was not changed.")
    box.exec()
