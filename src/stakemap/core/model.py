"""The Map aggregate: every person, tie, note, engagement and snapshot of one map (core layer).

All edits go through the methods here. Each validates first and only then
mutates, so a failed edit leaves the map as it was, and each returns the
``Change`` it made (see ``changes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import (
    Engagement,
    Entity,
    MapInfo,
    Note,
    Relationship,
    Snapshot,
    SnapshotEntry,
    Stakeholder,
    utc_now,
)


@dataclass
class Map:
    info: MapInfo = field(default_factory=MapInfo)
    stakeholders: dict[str, Stakeholder] = field(default_factory=dict)
    relationships: dict[str, Relationship] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    engagements: dict[str, Engagement] = field(default_factory=dict)
    snapshots: dict[str, Snapshot] = field(default_factory=dict)

    # ----------------------------------------------------------------- queries
    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        try:
            return self.stakeholders[stakeholder_id]
        except KeyError:
            raise KeyError(f"No stakeholder with id {stakeholder_id}") from None

    def relationships_of(self, stakeholder_id: str) -> list[Relationship]:
        return [r for r in self.relationships.values() if stakeholder_id in (r.source_id, r.target_id)]

    def notes_on(
        self, *, stakeholder_id: str | None = None, relationship_id: str | None = None
    ) -> list[Note]:
        """Notes on a person, a relationship, or (neither given) the map itself; newest first."""
        found = [n for n in self.notes.values()
                 if n.stakeholder_id == stakeholder_id and n.relationship_id == relationship_id]  # fmt: skip
        return sorted(found, key=lambda n: n.created_at, reverse=True)

    def engagements_of(self, stakeholder_id: str) -> list[Engagement]:
        found = [e for e in self.engagements.values() if e.stakeholder_id == stakeholder_id]
        return sorted(found, key=_due_key)

    def plan(self) -> list[Engagement]:
        """Every engagement, by due date (undated last)."""
        return sorted(self.engagements.values(), key=_due_key)

    def overdue(self, today: date) -> list[Engagement]:
        return [e for e in self.plan() if e.is_overdue(today)]

    def entity(self, kind: type, entity_id: str) -> Entity | None:
        if kind is MapInfo:
            return self.info
        return self._table(kind).get(entity_id)

    # ---------------------------------------------------------------- map info
    def update_info(self, **fields: Any) -> Change:
        new = replace(self.info, **fields)
        return self._commit("Edit map details", [self.info], [new])

    # ------------------------------------------------------------ stakeholders
    def add_stakeholders(self, people: Iterable[Stakeholder], label: str | None = None) -> Change:
        people = list(people)
        for person in people:
            if person.id in self.stakeholders:
                raise ValueError(f"A stakeholder with id {person.id} is already on the map")
        if label is None:
            label = f"Add {people[0].name}" if len(people) == 1 else f"Add {len(people)} stakeholders"
        return self._commit(label, [], people)

    def add_stakeholder(self, person: Stakeholder) -> Change:
        return self.add_stakeholders([person])

    def update_stakeholder(self, stakeholder_id: str, **fields: Any) -> Change:
        old = self.stakeholder(stakeholder_id)
        new = replace(old, **fields)
        names = ", ".join(sorted(f.replace("_", " ") for f in fields))
        return self._commit(f"Edit {names} of {old.name}", [old], [new])

    def move_stakeholders(self, positions: Mapping[str, tuple[float, float]]) -> Change:
        """Set (influence, interest) of several people at once: one drag, one change."""
        olds = [self.stakeholder(sid) for sid in positions]
        news = [replace(old, influence=positions[old.id][0], interest=positions[old.id][1]) for old in olds]
        label = f"Move {olds[0].name}" if len(olds) == 1 else f"Move {len(olds)} stakeholders"
        return self._commit(label, olds, news)

    def remove_stakeholders(self, stakeholder_ids: Iterable[str]) -> Change:
        """Remove people together with their ties, notes and engagements."""
        ids = set(stakeholder_ids)
        people = [self.stakeholder(sid) for sid in ids]
        ties = [r for r in self.relationships.values() if r.source_id in ids or r.target_id in ids]
        tie_ids = {r.id for r in ties}
        notes = [n for n in self.notes.values() if n.stakeholder_id in ids or n.relationship_id in tie_ids]
        plans = [e for e in self.engagements.values() if e.stakeholder_id in ids]
        before: list[Entity] = [*people, *ties, *notes, *plans]
        after: list[Entity] = []
        if self.info.me_id in ids:
            before.append(self.info)
            after.append(replace(self.info, me_id=None))
        label = f"Delete {people[0].name}" if len(people) == 1 else f"Delete {len(people)} stakeholders"
        return self._commit(label, before, after)

    # ----------------------------------------------------------- relationships
    def add_relationship(self, tie: Relationship) -> Change:
        if tie.id in self.relationships:
            raise ValueError(f"A relationship with id {tie.id} is already on the map")
        return self._commit(f"Link {self._name(tie.source_id)} and {self._name(tie.target_id)}", [], [tie])

    def update_relationship(self, relationship_id: str, **fields: Any) -> Change:
        old = self._get(Relationship, relationship_id)
        return self._commit("Edit relationship", [old], [replace(old, **fields)])

    def remove_relationships(self, relationship_ids: Iterable[str]) -> Change:
        ids = set(relationship_ids)
        ties = [self._get(Relationship, rid) for rid in ids]
        notes = [n for n in self.notes.values() if n.relationship_id in ids]
        label = "Delete relationship" if len(ties) == 1 else f"Delete {len(ties)} relationships"
        return self._commit(label, [*ties, *notes], [])

    # ------------------------------------------------------------------- notes
    def add_note(self, note: Note) -> Change:
        return self._commit("Add note", [], [note])

    def update_note(self, note_id: str, **fields: Any) -> Change:
        old = self._get(Note, note_id)
        return self._commit("Edit note", [old], [replace(old, **fields)])

    def remove_note(self, note_id: str) -> Change:
        return self._commit("Delete note", [self._get(Note, note_id)], [])

    # ------------------------------------------------------------- engagements
    def add_engagement(self, engagement: Engagement) -> Change:
        return self._commit(f"Plan engagement with {self._name(engagement.stakeholder_id)}", [], [engagement])

    def update_engagement(self, engagement_id: str, **fields: Any) -> Change:
        old = self._get(Engagement, engagement_id)
        return self._commit("Edit engagement", [old], [replace(old, **fields)])

    def remove_engagement(self, engagement_id: str) -> Change:
        return self._commit("Delete engagement", [self._get(Engagement, engagement_id)], [])

    # --------------------------------------------------------------- snapshots
    def take_snapshot(self, name: str) -> Change:
        entries = tuple(
            SnapshotEntry(s.id, s.name, s.influence, s.interest, s.attitude, s.trust, s.confidential)
            for s in sorted(self.stakeholders.values(), key=lambda s: s.name.casefold())
        )
        return self._commit(f"Take snapshot {name}", [], [Snapshot(name=name, entries=entries)])

    def remove_snapshot(self, snapshot_id: str) -> Change:
        return self._commit("Delete snapshot", [self._get(Snapshot, snapshot_id)], [])

    # ------------------------------------------------------------------- batch
    def add_entities(self, entities: Iterable[Entity], label: str) -> Change:
        """Add a mixed batch (people, then their ties, notes, engagements) as one change: an import."""
        entities = list(entities)
        for entity in entities:
            if isinstance(entity, MapInfo) or entity.id in self._table(type(entity)):
                raise ValueError(f"{type(entity).__name__} {entity.id} is already on the map")
        return self._commit(label, [], entities)

    def combined(self, label: str, *steps: Callable[[Map], Change]) -> Change:
        """Run several edits as one change (one undo entry); if one is refused, the earlier ones are undone."""
        done: list[Change] = []
        try:
            for step in steps:
                done.append(step(self))
        except Exception:
            for change in reversed(done):
                self.apply(change.inverted())
            raise
        first: dict[EntityKey, Entity | None] = {}
        last: dict[EntityKey, Entity | None] = {}
        for change in done:
            after_keys = {key_of(e) for e in change.after}
            for entity in change.before:
                first.setdefault(key_of(entity), entity)
                if key_of(entity) not in after_keys:
                    last[key_of(entity)] = None
            for entity in change.after:
                first.setdefault(key_of(entity), None)
                last[key_of(entity)] = entity
        before = [e for e in first.values() if e is not None]
        after = [e for e in last.values() if e is not None]
        return Change.of(label, before, after)

    # ------------------------------------------------------------------- apply
    def apply(self, change: Change) -> None:
        """Make the map match ``change.after`` (used for redo, and with ``inverted()`` for undo)."""
        self._check(change)
        for entity in change.removed():
            self._table(type(entity)).pop(entity.id, None)
        for entity in change.written():
            if isinstance(entity, MapInfo):
                self.info = entity
            else:
                self._table(type(entity))[entity.id] = entity

    # ---------------------------------------------------------------- internal
    def _commit(self, label: str, before: Iterable[Entity], after: Iterable[Entity]) -> Change:
        before, after = list(before), list(after)
        if after and not any(isinstance(e, MapInfo) for e in (*before, *after)):
            # Any real edit moves the map's modified time; it rides in the same change.
            before.append(self.info)
            after.append(replace(self.info, modified_at=utc_now()))
        change = Change.of(label, before, after)
        self.apply(change)
        return change

    def _check(self, change: Change) -> None:
        """Refuse a change that would leave dangling references, self-links or duplicate ties."""
        gone = {key_of(e) for e in change.removed()}
        written = {key_of(e): e for e in change.written()}

        def exists(kind: type, entity_id: str) -> bool:
            return (kind, entity_id) in written or (
                (kind, entity_id) not in gone and entity_id in self._table(kind)
            )

        for entity in change.written():
            if isinstance(entity, Relationship):
                for end in (entity.source_id, entity.target_id):
                    if not exists(Stakeholder, end):
                        raise ValueError("A relationship must link two people on the map")
                for other in self.relationships.values():
                    if (
                        other.id != entity.id
                        and (Relationship, other.id) not in gone
                        and other.same_tie(entity)
                    ):
                        raise ValueError(
                            f"{self._name(entity.source_id)} and {self._name(entity.target_id)} "
                            f"are already linked as '{entity.kind.label}'"
                        )
            elif isinstance(entity, Note):
                if entity.stakeholder_id is not None and not exists(Stakeholder, entity.stakeholder_id):
                    raise ValueError("A note must be on a person who is on the map")
                if entity.relationship_id is not None and not exists(Relationship, entity.relationship_id):
                    raise ValueError("A note must be on a relationship that is on the map")
            elif isinstance(entity, Engagement):
                if not exists(Stakeholder, entity.stakeholder_id):
                    raise ValueError("An engagement must be with a person who is on the map")
            elif isinstance(entity, MapInfo):
                if entity.me_id is not None and not exists(Stakeholder, entity.me_id):
                    raise ValueError("'Me' must be a person on the map")
        for kind, entity_id in gone:
            if kind is Stakeholder and (kind, entity_id) not in written:
                for r in self.relationships.values():
                    if entity_id in (r.source_id, r.target_id) and (Relationship, r.id) not in gone:
                        raise ValueError("Remove a person's relationships before the person")

    def _table(self, kind: type) -> dict[str, Any]:
        tables: dict[type, dict[str, Any]] = {
            Stakeholder: self.stakeholders,
            Relationship: self.relationships,
            Note: self.notes,
            Engagement: self.engagements,
            Snapshot: self.snapshots,
        }
        return tables[kind]

    def _get(self, kind: type, entity_id: str) -> Any:
        try:
            return self._table(kind)[entity_id]
        except KeyError:
            raise KeyError(f"No {kind.__name__.lower()} with id {entity_id}") from None

    def _name(self, stakeholder_id: str) -> str:
        person = self.stakeholders.get(stakeholder_id)
        return person.name if person else "?"


def _due_key(e: Engagement) -> tuple[bool, date]:
    return (e.due is None, e.due or date.max)
