"""MapDocument: the in-memory map, its storage and its undo stack, behind one set of signals (gui layer).

Every edit travels the same way: an ``EditCommand`` on the undo stack calls
``execute`` (or ``replay`` on undo/redo); the document applies the change to the
in-memory ``Map``, writes it through the repository in one transaction, and
emits ``changed``. If the write fails, the in-memory map is put back, so the
screen never shows what the disk does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from stakemap.core.changes import Change
from stakemap.core.erase import erase_everywhere
from stakemap.core.model import Map
from stakemap.gui.commands import EditCommand, Mutation
from stakemap.storage.database import OpenedMap
from stakemap.storage.errors import MapFileError, StorageWriteError


class EditRejected(Exception):
    """An edit the model refused (invalid value) or the disk could not take; the message says why."""


class MapDocument(QObject):
    #: Emitted after every change that reached the disk (edits, undo, redo).
    changed = Signal(object)
    #: "Saved at 14:03:12" or "Read-only: ...": what the status bar tells the user about storage.
    storage_status = Signal(str)
    #: A write failed; the map on screen was put back to what is stored.
    write_failed = Signal(str)

    def __init__(self, opened: OpenedMap, *, untitled: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opened = opened
        self._map = opened.load()
        self.untitled = untitled
        self.undo_stack = QUndoStack(self)
        self.last_saved: datetime | None = None

    # --------------------------------------------------------------- queries
    @property
    def map(self) -> Map:
        return self._map

    @property
    def path(self) -> Path | None:
        return self._opened.path

    @property
    def opened(self) -> OpenedMap:
        return self._opened

    @property
    def read_only_reason(self) -> str | None:
        return self._opened.read_only_reason

    @property
    def read_only(self) -> bool:
        return self._opened.read_only

    @property
    def title(self) -> str:
        return self._map.info.title

    # ----------------------------------------------------------------- edits
    def edit(self, mutation: Mutation, label: str | None = None) -> Change:
        """Run ``mutation`` as one undo entry; raise ``EditRejected`` (with nothing changed) if it fails."""
        if self.read_only:
            raise EditRejected(f"This map is open read-only: {self.read_only_reason}")
        command = EditCommand(self, mutation, label)
        self.undo_stack.push(command)
        if command.error is not None:
            raise EditRejected(str(command.error)) from command.error
        assert command.change is not None
        return command.change

    def try_edit(self, mutation: Mutation, label: str | None = None) -> Change | None:
        """Like ``edit``, but report a refusal through ``write_failed`` instead of raising (for UI slots)."""
        try:
            return self.edit(mutation, label)
        except EditRejected as exc:
            self.write_failed.emit(str(exc))
            return None

    def erase_everywhere(self, stakeholder_ids: Iterable[str]) -> Change:
        """Delete people and remove them from every snapshot too (undoable until the map is closed)."""
        ids = list(stakeholder_ids)
        return self.edit(lambda m: erase_everywhere(m, ids))

    def execute(self, mutation: Callable[[Map], Change]) -> Change:
        """Apply a new edit: mutate the map, write it through, notify. Called by ``EditCommand.redo``."""
        change = mutation(self._map)  # raises ValueError before touching anything if invalid
        if change.is_empty:
            return change
        try:
            self._opened.repository.write(change)
        except Exception as exc:
            # Whatever failed (disk, lock, or a value the database cannot hold), the screen must not
            # show what the file does not hold.
            self._map.apply(change.inverted())
            self._after_failed_write()
            error = _as_write_error(exc, change)
            if error is exc:
                raise
            raise error from exc
        self._announce(change)
        return change

    def replay(self, change: Change) -> None:
        """Apply a recorded change (undo and redo take the same write-through path as edits)."""
        self._map.apply(change)
        try:
            self._opened.repository.write(change)
        except Exception as exc:
            self._map.apply(change.inverted())
            self._after_failed_write()
            error = _as_write_error(exc, change)
            self.write_failed.emit(f"{error} The undo history was cleared to stay in step with the file.")
            # Clearing inside undo()/redo() would delete the running command; do it right after.
            QTimer.singleShot(0, self.undo_stack.clear)
            return
        self._announce(change)

    def _after_failed_write(self) -> None:
        # A connection opened while the disk was read-only or failing stays that way after the disk
        # recovers; dropping it lets the next edit start afresh instead of failing until a reopen.
        self._opened.repository.dispose()
        # The status bar must not go on saying "All changes saved" from the edit before.
        saved = f" (last saved {self.last_saved:%H:%M:%S})" if self.last_saved else ""
        self.storage_status.emit(f"Last change not saved{saved}")

    def _announce(self, change: Change) -> None:
        self.last_saved = datetime.now()
        self.storage_status.emit(f"All changes saved · {self.last_saved:%H:%M:%S}")
        self.changed.emit(change)

    # ------------------------------------------------------------- lifecycle
    def switch_file(self, opened: OpenedMap) -> None:
        """Save As: go on in ``opened`` (a copy of this map), keeping the undo history; the old file closes."""
        old, self._opened = self._opened, opened
        self.untitled = False
        old.close()

    def close(self) -> None:
        self.undo_stack.clear()
        self._opened.close()


def _as_write_error(exc: Exception, change: Change) -> MapFileError:
    """A storage error as it is; anything else the storage let through, as a message a user can act on."""
    if isinstance(exc, MapFileError):
        return exc
    if isinstance(exc, UnicodeEncodeError):
        reason = "it contains a character that cannot be stored (a broken, unpaired surrogate code point)"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return StorageWriteError(f"The change “{change.label}” could not be saved: {reason}")
