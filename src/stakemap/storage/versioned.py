"""Versioned row writes: every UPDATE and DELETE names the row version it expects (storage layer).

The repository remembers the version of every row it read or wrote (``RowVersions``). A change is
written as statements of the form ``UPDATE t SET <changed columns>, version = v + 1 WHERE id = :id
AND version = v``; if any statement touches fewer rows than it should, the row was changed or removed
by someone else (another writer, a sync client, a restore) and the whole transaction is rolled back
with a ``StaleWriteError`` naming the entity. Writes set only the columns the change altered, so two
writers editing different people (or different maps details) never overwrite each other: the design
the server maps (several writers) rely on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import Engagement, Entity, MapInfo, Note, Relationship, Snapshot, Stakeholder
from stakemap.storage.errors import RowGoneError, StaleWriteError
from stakemap.storage.orm import ROW_OF, VERSION, row_values

#: Columns where the last writer is right by nature: changing only these neither checks nor bumps the
#: version, so every edit moving the map's modified time does not make every other writer stale.
LAST_WRITER_WINS: dict[type, frozenset[str]] = {MapInfo: frozenset({"modified_at"})}


def subject_of(entity: Entity) -> str:
    """The entity as the user knows it, to start a sentence with."""
    if isinstance(entity, Stakeholder):
        return entity.name
    if isinstance(entity, Snapshot):
        return f"The snapshot “{entity.name}”"
    if isinstance(entity, MapInfo):
        return "The map details"
    if isinstance(entity, Relationship):
        return "A relationship"
    if isinstance(entity, Note):
        return "A note"
    if isinstance(entity, Engagement):
        return "A planned engagement"
    return "A part of the map"


@dataclass
class RowVersions:
    """The version of each row as this repository last saw it on disk."""

    known: dict[EntityKey, int] = field(default_factory=dict)

    def remember(self, kind: type, rows: Iterable[tuple[str, int]]) -> None:
        self.known.update(((kind, row_id), int(version)) for row_id, version in rows)

    def expected(self, entity: Entity) -> int:
        version = self.known.get(key_of(entity))
        if version is None:
            # A row we never read cannot be changed blind: whatever is on disk is not what we saw.
            raise StaleWriteError(subject_of(entity))
        return version


class RowCountMismatch(Exception):
    """A statement touched fewer rows than it named; raised inside the transaction so it rolls back."""

    def __init__(self, table: Table, entities: list[Entity]) -> None:
        super().__init__(table.name)
        self.table = table
        self.entities = entities


@dataclass
class _Update:
    entity: Entity
    values: dict[str, Any]
    versioned: bool


@dataclass
class VersionedWrite:
    """One change turned into versioned statements; ``run`` raises before commit if any row is stale."""

    change: Change
    versions: RowVersions
    #: Versions the rows will have once the transaction commits (``None``: the row is gone).
    outcome: dict[EntityKey, int | None] = field(default_factory=dict)

    def run(self, s: Connection) -> list[Snapshot]:
        """Delete, insert and update the change's rows; return the snapshots whose entries need writing."""
        before = {key_of(e): e for e in self.change.before}
        self._delete(s, self.change.removed())
        inserts: dict[type, list[Entity]] = defaultdict(list)
        updates: dict[type, list[_Update]] = defaultdict(list)
        entries_changed: list[Snapshot] = []
        for entity in self.change.written():
            old = before.get(key_of(entity))
            if old is None:
                inserts[type(entity)].append(entity)
                if isinstance(entity, Snapshot):
                    entries_changed.append(entity)
                continue
            planned = self._plan_update(old, entity)
            if planned is not None:
                updates[type(entity)].append(planned)
            if isinstance(entity, Snapshot) and isinstance(old, Snapshot) and old.entries != entity.entries:
                entries_changed.append(entity)
        for kind in ROW_OF:
            if inserts.get(kind):
                table = ROW_OF[kind]
                s.execute(insert(table), [{**row_values(e), VERSION: 1} for e in inserts[kind]])
                self.outcome.update((key_of(e), 1) for e in inserts[kind])
            if updates.get(kind):
                self._update(s, ROW_OF[kind], updates[kind])
        return entries_changed

    # ---------------------------------------------------------------- internal
    def _plan_update(self, old: Entity, new: Entity) -> _Update | None:
        old_values, new_values = row_values(old), row_values(new)
        changed = {k: v for k, v in new_values.items() if old_values.get(k) != v}
        entries_moved = isinstance(new, Snapshot) and isinstance(old, Snapshot) and old.entries != new.entries
        if not changed and not entries_moved:
            return None
        versioned = entries_moved or not set(changed) <= LAST_WRITER_WINS.get(type(new), frozenset())
        return _Update(new, changed, versioned)

    def _delete(self, s: Connection, gone: Sequence[Entity]) -> None:
        by_kind: dict[type, list[Entity]] = defaultdict(list)
        for entity in gone:
            by_kind[type(entity)].append(entity)
        for kind, entities in by_kind.items():
            table = ROW_OF[kind]
            params = [{"_key": e.id, "_expected": self.versions.expected(e)} for e in entities]
            statement = delete(table).where(
                table.c.id == bindparam("_key"), table.c[VERSION] == bindparam("_expected")
            )
            if s.execute(statement, params).rowcount != len(params):
                self._raise_stale(s, table, entities)
            self.outcome.update((key_of(e), None) for e in entities)

    def _update(self, s: Connection, table: Table, planned: list[_Update]) -> None:
        # One executemany per set of changed columns: each statement sets only what its rows changed.
        groups: dict[tuple[frozenset[str], bool], list[_Update]] = defaultdict(list)
        for item in planned:
            groups[(frozenset(item.values), item.versioned)].append(item)
        for (columns, versioned), items in groups.items():
            statement = update(table).where(table.c.id == bindparam("_key"))
            if versioned:
                statement = statement.where(table.c[VERSION] == bindparam("_expected"))
            params = []
            for item in items:
                row: dict[str, Any] = {name: item.values[name] for name in columns}
                row["_key"] = item.entity.id
                if versioned:
                    expected = self.versions.expected(item.entity)
                    row["_expected"] = expected
                    row[VERSION] = expected + 1
                    self.outcome[key_of(item.entity)] = expected + 1
                params.append(row)
            if s.execute(statement, params).rowcount != len(params):
                self._raise_stale(s, table, [item.entity for item in items])

    def _raise_stale(self, _s: Connection, table: Table, entities: list[Entity]) -> None:
        raise RowCountMismatch(table, entities)

    def diagnose(self, s: Connection, mismatch: RowCountMismatch) -> StaleWriteError:
        """After the rollback: name the first entity whose row is gone or has moved on."""
        table, entities = mismatch.table, mismatch.entities
        ids = [e.id for e in entities]
        on_disk = dict(s.execute(select(table.c.id, table.c[VERSION]).where(table.c.id.in_(ids))).all())
        for entity in entities:
            if entity.id not in on_disk:
                return RowGoneError(subject_of(entity))
        for entity in entities:
            if on_disk[entity.id] != self.versions.known.get(key_of(entity)):
                return StaleWriteError(subject_of(entity))
        return StaleWriteError(subject_of(entities[0]))
