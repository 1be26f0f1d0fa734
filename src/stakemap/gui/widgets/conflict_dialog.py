"""Use mine / Keep theirs: settle an edit a colleague's newer change stood in the way of (server maps).

The storage refuses an edit whose fields someone else changed since the map was read, and says who
changed what ("Priya changed Dana's role to 'Lead engineer' at 14:03; your 'Architect' was not
saved"). This window puts that sentence in front of the user with the two ways on; both are ordinary
undoable edits of ``MapDocument``. Closing the window keeps theirs: nothing stored is overwritten
without a deliberate click. The inspector asks the same way when a field was changed by someone
else while the user was typing in it (``choose``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from stakemap.gui.document import EditRejected, MapDocument
from stakemap.storage.errors import EditConflictError

USE_MINE, KEEP_THEIRS = EditConflictError.CHOICES


def ask(parent: QWidget | None, conflict: EditConflictError) -> str:
    """Ask which value stands; returns one of ``EditConflictError.CHOICES``."""
    return choose(
        parent,
        str(conflict).replace(" Choose Use mine or Keep theirs.", ""),
        "Keep theirs shows their value; Use mine writes yours over it. Either can be undone (Ctrl+Z).",
    )


def choose(parent: QWidget | None, what_happened: str, what_each_does: str) -> str:
    """The "Changed by someone else" window: one sentence, what each way does, Keep theirs the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed by someone else")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and values are user text, never markup
    box.setText(what_happened)
    box.setInformativeText(what_each_does)
    keep = box.addButton(KEEP_THEIRS, QMessageBox.ButtonRole.RejectRole)
    mine = box.addButton(USE_MINE, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return USE_MINE if box.clickedButton() is mine else KEEP_THEIRS


class ConflictResolver(QObject):
    """Offers the choice after every refused edit of one document, once the refusing call has returned.

    The refusal is also reported through ``write_failed``; ``explains`` tells the window that this
    window will say it, so the user does not get the same sentence twice.
    """

    def __init__(self, document: MapDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._window = parent
        self._pending: EditConflictError | None = None
        document.conflict.connect(self._refused)

    def explains(self, message: str) -> bool:
        return self._pending is not None and str(self._pending) in message

    def _refused(self, conflict: object) -> None:
        if not isinstance(conflict, EditConflictError) or self._pending is not None:
            return
        self._pending = conflict
        # Not inside the edit that failed (an undo step, a field's commit): after it has unwound.
        QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        conflict, self._pending = self._pending, None
        if conflict is None:
            return
        choice = ask(self._window, conflict)
        try:
            if choice == USE_MINE:
                self._document.use_mine(conflict)
            else:
                self._document.keep_theirs(conflict)
        except EditRejected as exc:
            self._document.write_failed.emit(str(exc))
