"""A read-only stand-in for ``MapDocument`` holding the map an audience may see (gui layer).

Presenter mode and audience images build their canvas on this, never on the
real document: the scene then cannot show what ``for_audience`` removed, and
no gesture can reach the map file (every edit is refused, nothing is stored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from stakemap.core.audience import AudienceSettings, for_audience
from stakemap.core.changes import Change
from stakemap.core.model import Map
from stakemap.gui.commands import Mutation
from stakemap.gui.document import EditRejected

READ_ONLY_REASON = "it is shown to an audience"


class AudienceDocument(QObject):
    """What a ``MapView`` needs of a document (``map``, ``changed``, ``read_only``, ``edit``), read-only."""

    changed = Signal(object)
    storage_status = Signal(str)
    write_failed = Signal(str)

    def __init__(self, the_map: Map, settings: AudienceSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._map = for_audience(the_map, settings)
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.untitled = False
        self.read_only = True
        self.read_only_reason = READ_ONLY_REASON

    @property
    def map(self) -> Map:
        return self._map

    @property
    def path(self) -> Path | None:
        return None

    @property
    def title(self) -> str:
        return self._map.info.title

    def edit(self, mutation: Mutation, label: str | None = None) -> Change:
        raise EditRejected(f"This map is read-only: {READ_ONLY_REASON}")

    def try_edit(self, mutation: Mutation, label: str | None = None) -> Change | None:
        return None  # silently: no message box may open over a presentation
