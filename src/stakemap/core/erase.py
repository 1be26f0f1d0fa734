"""Erase people everywhere: from the map and from every snapshot that remembers them (core layer).

Deleting a person keeps them in snapshots (a snapshot is a record of then); erasing removes every
trace Stakemap holds, for someone who asked to be forgotten. One change, so one undo entry: undoable
until the map is closed, then gone (the storage overwrites deleted rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

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
