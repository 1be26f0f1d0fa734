"""Opening a map as a user meets it: the storage layer's message in a dialog, and the lock choice (gui layer).

Nothing here modifies a file the storage layer refused; the user only ever
chooses between read-only, taking over, and leaving it alone.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.storage.database import OpenedMap, open_map
from stakemap.storage.errors import MapFileError, MapInUseError, MapLockedError

READ_ONLY, TAKE_OVER, TRY_AGAIN = "Open Read-Only", "Take Over", "Try Again"


def open_interactively(parent: QWidget, path: Path) -> OpenedMap | None:
    """Open ``path``, asking the user what to do if another Stakemap or program has it; None if not opened."""
    try:
        return open_map(path)
    except MapLockedError as locked:
        choice = _ask(
            parent,
            "Map already open",
            f"“{path.name}” is already open in another Stakemap.",
            f"Opened by {locked.holder.describe()}.\n\n"
            "Open it read-only to look without changing anything, or take it over: the other window "
            "will stop saving, and edits made there from now on will be refused.",
            [
                (READ_ONLY, QMessageBox.ButtonRole.AcceptRole),
                (TAKE_OVER, QMessageBox.ButtonRole.DestructiveRole),
            ],
        )
        try:
            if choice == READ_ONLY:
                return open_map(path, read_only=True)
            if choice == TAKE_OVER:
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
        choice = _ask(
            parent,
            "Map in use",
            f"“{path.name}” is in use by another program.",
            f"{busy}\n\nThe file was not changed.",
            [(TRY_AGAIN, QMessageBox.ButtonRole.AcceptRole), (READ_ONLY, QMessageBox.ButtonRole.ActionRole)],
        )
        try:
            if choice == TRY_AGAIN:
                return open_map(path)
            if choice == READ_ONLY:
                return open_map(path, read_only=True)
            return None
        except MapInUseError as still:
            busy = still
        except MapFileError as exc:
            show_open_error(parent, path, exc)
            return None


def _ask(
    parent: QWidget, title: str, text: str, detail: str, choices: list[tuple[str, QMessageBox.ButtonRole]]
) -> str | None:
    """A warning offering ``choices`` (the first is the default) and Cancel: the chosen label, or None."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = [(box.addButton(label, role), label) for label, role in choices]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[0][0])
    box.exec()
    return next((label for button, label in buttons if button is box.clickedButton()), None)


def show_open_error(parent: QWidget, path: Path, error: Exception) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Cannot open map")
    box.setText(f"Stakemap could not open “{path.name}”.")
    box.setInformativeText(f"{error}\n\nThe file was not changed.")
    box.exec()
