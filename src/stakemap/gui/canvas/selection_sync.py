"""Keeps the canvas selection and the shared ``Selection`` in step, both ways (gui layer).

A click on a card selects it for the inspector; choosing a person in a panel
selects their card. A flag breaks the loop that would otherwise bounce
between the two.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem

from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.selection import Selection


class SelectionSync(QObject):
    def __init__(self, scene: MapScene, selection: Selection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scene = scene
        self._selection = selection
        self._busy = False
        scene.selectionChanged.connect(self._from_scene)
        selection.changed.connect(self._from_selection)
        self._from_selection()

    def _from_scene(self) -> None:
        # The scene clears its items while it is destroyed; by then there is nothing to sync.
        if self._busy or not shiboken6.isValid(self._scene) or not shiboken6.isValid(self._selection):
            return
        self._busy = True
        try:
            people = {c.stakeholder_id for c in self._scene.selected_cards()}
            ties = {link.relationship_id for link in self._scene.selected_links()}
            # Keep the order people were picked in; the first is the one the inspector shows.
            old_people, old_ties = self._selection.stakeholder_ids, self._selection.relationship_ids
            ordered_people = [s for s in old_people if s in people] + sorted(people - set(old_people))
            ordered_ties = [r for r in old_ties if r in ties] + sorted(ties - set(old_ties))
            self._selection.set(ordered_people, ordered_ties)
        finally:
            self._busy = False

    def _from_selection(self) -> None:
        if self._busy or not shiboken6.isValid(self._scene):
            return
        self._busy = True
        try:
            scene = self._scene
            wanted: list[QGraphicsItem] = [
                scene.cards[s] for s in self._selection.stakeholder_ids if s in scene.cards
            ]
            wanted += [scene.links[r] for r in self._selection.relationship_ids if r in scene.links]
            keep = {id(item) for item in wanted}
            # One selectionChanged for the whole batch, not one per item (Select All on a big map).
            blocked = scene.blockSignals(True)
            try:
                for item in scene.selectedItems():
                    if id(item) not in keep:
                        item.setSelected(False)
                for item in wanted:
                    if item.isVisible() and not item.isSelected():
                        item.setSelected(True)
            finally:
                scene.blockSignals(blocked)
            scene.selectionChanged.emit()
        finally:
            self._busy = False
