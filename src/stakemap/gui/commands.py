"""Undo commands (gui layer). They change the model through ``MapDocument`` and never touch items.

One generic command serves every edit: its first ``redo`` runs the mutation and
keeps the ``Change`` it returned; later redos replay that change and undo
replays its inverse, so undo restores exactly what was there (ids included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from stakemap.core.changes import Change
from stakemap.core.model import Map

if TYPE_CHECKING:
    from stakemap.gui.document import MapDocument

Mutation = Callable[[Map], Change]


class EditCommand(QUndoCommand):
    def __init__(self, document: MapDocument, mutation: Mutation, label: str | None = None) -> None:
        super().__init__(label or "Edit")
        self._document = document
        self._mutation: Mutation | None = mutation
        self._label = label
        self.change: Change | None = None
        self.error: Exception | None = None

    def redo(self) -> None:
        if self.change is None:
            assert self._mutation is not None
            try:
                self.change = self._document.execute(self._mutation)
            except Exception as exc:  # shown by the caller; a failed edit must not enter the history
                self.error = exc
                self.setObsolete(True)
                return
            self._mutation = None
            self.setText(self._label or self.change.label)
            if self.change.is_empty:
                self.setObsolete(True)
        else:
            self._document.replay(self.change)

    def undo(self) -> None:
        if self.change is not None:
            self._document.replay(self.change.inverted())
