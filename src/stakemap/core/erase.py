"""Erase people everywhere: from the map and from every snapshot that remembers them (core layer).

Deleting a person keeps them in snapshots (a snapshot is a record of then); erasing removes every
trace Stakemap holds, for someone who asked to be forgotten. One change, so one undo entry: undoable
until the map is closed, then gone (the storage overwrites deleted rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from stakemap.core.changes import Change
from stakemap.core.entities import Entity
from stakemap.core.model import Map


def erase_from_snapshots(m: Map, stakeholder_ids: Iterable[str]) -> Change:
    """Remove the entries of these people from every snapshot."""
    ids = set(stakeholder_ids)
    before: list[Entity] = []
    after: list[Entity] = []
    for snapshot in m.snapshots.values():
        kept = tuple(e for e in snapshot.entries if e.stakeholder_id not in ids)
        if len(kept) != len(snapshot.entries):
            before.append(snapshot)
            after.append(replace(snapshot, entries=kept))
    change = Change.of("Erase from snapshots", before, after)
    m.apply(change)
    return change


def erase_everywhere(m: Map, stakeholder_ids: Iterable[str]) -> Change:
    """Delete these people (with their ties, notes and plans) and remove them from every snapshot."""
    ids = list(stakeholder_ids)
    names = [m.stakeholder(sid).name for sid in ids]
    label = (
        f"Erase {names[0]} everywhere" if len(names) == 1 else f"Erase {len(names)} stakeholders everywhere"
    )
    return m.combined(
        label,
        lambda mm: mm.remove_stakeholders(ids),
        lambda mm: erase_from_snapshots(mm, ids),
    )


@dataclass(frozen=True)
class Attached:
    """What goes with a set of people when they are deleted, and where else they are remembered."""

    notes: int = 0
    engagements: int = 0
    relationships: int = 0
    snapshots: int = 0

    @property
    def goes_with(self) -> bool:
        """Something besides the people themselves is deleted with them."""
        return bool(self.notes or self.engagements or self.relationships)

    def sentence(self) -> str:
        """ "3 notes, 1 planned engagement and 2 relationships" (empty when nothing goes with them)."""
        parts = [
            _count(self.notes, "note"),
            _count(self.engagements, "planned engagement"),
            _count(self.relationships, "relationship"),
        ]
        return _join([p for p in parts if p])


def attached_to(m: Map, stakeholder_ids: Iterable[str]) -> Attached:
    """Count what deleting these people takes with them (as ``Map.remove_stakeholders`` does)."""
    ids = set(stakeholder_ids) & set(m.stakeholders)
    ties = {r.id for r in m.relationships.values() if r.source_id in ids or r.target_id in ids}
    return Attached(
        notes=sum(1 for n in m.notes.values() if n.stakeholder_id in ids or n.relationship_id in ties),
        engagements=sum(1 for e in m.engagements.values() if e.stakeholder_id in ids),
        relationships=len(ties),
        snapshots=sum(1 for s in m.snapshots.values() if any(e.stakeholder_id in ids for e in s.entries)),
    )


def _count(n: int, noun: str) -> str:
    if n == 0:
        return ""
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
