"""Drop an .ics invitation or .eml message on a person's card to log the interaction (gui layer).

An event filter on the canvas's viewport, so the canvas code stays as it is: files of other kinds
pass through untouched, and a drop on empty grid logs for whoever the addresses match.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from stakemap.exchange.interactions import SUFFIXES
from stakemap.gui.canvas.stakeholder_item import StakeholderItem
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.rhythm.actions import log_interaction_file


def interaction_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in SUFFIXES]


class InteractionDrop(QObject):
    def __init__(self, view: QGraphicsView, document: MapDocument, dialogs_parent: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._document = document
        self._parent = dialogs_parent
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def person_at(self, event: QDropEvent | QDragMoveEvent) -> str | None:
        item = self._view.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, StakeholderItem):
            item = item.parentItem()
        return item.stakeholder_id if isinstance(item, StakeholderItem) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent | QDragEnterEvent | QDragMoveEvent)
        files = interaction_files(event)
        if not files or self._document.read_only:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            person = self.person_at(event)
            for path in files:
                log_interaction_file(self._parent, self._document, path, person)
        return True
