"""Which people and relationships are selected, shared by the canvas and the panels (gui layer).

Selection is view state, not document state: it never enters the undo history.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stakeholders: tuple[str, ...] = ()
        self._relationships: tuple[str, ...] = ()

    @property
    def stakeholder_ids(self) -> tuple[str, ...]:
        return self._stakeholders

    @property
    def relationship_ids(self) -> tuple[str, ...]:
        return self._relationships

    @property
    def current_stakeholder(self) -> str | None:
        """The one person the inspector shows: the single selected person, else None."""
        return self._stakeholders[0] if len(self._stakeholders) == 1 and not self._relationships else None

    @property
    def current_relationship(self) -> str | None:
        return self._relationships[0] if len(self._relationships) == 1 and not self._stakeholders else None

    def set(self, stakeholder_ids: Iterable[str] = (), relationship_ids: Iterable[str] = ()) -> None:
        people, ties = tuple(stakeholder_ids), tuple(relationship_ids)
        if (people, ties) != (self._stakeholders, self._relationships):
            self._stakeholders, self._relationships = people, ties
            self.changed.emit()

    def forget(self, stakeholder_ids: Iterable[str] = (), relationship_ids: Iterable[str] = ()) -> None:
        """Drop ids that no longer exist (after a delete or an undo of an add)."""
        gone_people, gone_ties = set(stakeholder_ids), set(relationship_ids)
        self.set(
            [s for s in self._stakeholders if s not in gone_people],
            [r for r in self._relationships if r not in gone_ties],
        )
