"""Change records: what one edit did to a map, as entities before and after (core layer).

Every mutation of a ``Map`` returns a ``Change``. The same record drives three
things: the storage layer writes exactly these rows in one transaction, undo is
``change.inverted()``, and views refresh only when a kind they show changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from stakemap.core.entities import (
    Engagement,
    Entity,
    MapInfo,
    Note,
    Relationship,
    Snapshot,
    Stakeholder,
)

#: Parents before children: the order to insert in; deletes go the other way.
ENTITY_ORDER: tuple[type, ...] = (MapInfo, Stakeholder, Relationship, Note, Engagement, Snapshot)

EntityKey = tuple[type, str]


def key_of(entity: Entity) -> EntityKey:
    return type(entity), entity.id


@dataclass(frozen=True)
class Change:
    """Entities as they were (``before``) and as they are now (``after``).

    An entity only in ``before`` was removed, only in ``after`` was added, in both
    was modified. ``label`` is the user-facing name of the edit ("Move Dana").
    """

    label: str
    before: tuple[Entity, ...] = ()
    after: tuple[Entity, ...] = ()

    @classmethod
    def of(cls, label: str, before: Iterable[Entity], after: Iterable[Entity]) -> Change:
        return cls(label, tuple(before), tuple(after))

    def inverted(self) -> Change:
        return Change(self.label, self.after, self.before)

    @property
    def is_empty(self) -> bool:
        return self.before == self.after

    @property
    def kinds(self) -> frozenset[type]:
        """The entity types this change touched, for views that refresh selectively."""
        return frozenset(type(e) for e in (*self.before, *self.after))

    def touches(self, *kinds: type) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def ids(self, kind: type) -> frozenset[str]:
        return frozenset(e.id for e in (*self.before, *self.after) if isinstance(e, kind))

    def removed(self) -> list[Entity]:
        """Entities gone after this change, children first (the order to delete in)."""
        kept = {key_of(e) for e in self.after}
        gone = [e for e in self.before if key_of(e) not in kept]
        return sorted(gone, key=lambda e: -ENTITY_ORDER.index(type(e)))

    def written(self) -> list[Entity]:
        """Entities present after this change, parents first (the order to insert in)."""
        return sorted(self.after, key=lambda e: ENTITY_ORDER.index(type(e)))

    def only_positions(self) -> bool:
        """True if nothing but stakeholders' influence/interest changed (a move)."""
        before = [e for e in self.before if not isinstance(e, MapInfo)]
        after = [e for e in self.after if not isinstance(e, MapInfo)]
        if not before or len(before) != len(after):
            return False
        for old, new in zip(before, after, strict=True):
            if not isinstance(old, Stakeholder) or not isinstance(new, Stakeholder) or old.id != new.id:
                return False
            if _without_position(old) != _without_position(new):
                return False
        return True


def _without_position(s: Stakeholder) -> Stakeholder:
    return replace(s, influence=0.0, interest=0.0)
