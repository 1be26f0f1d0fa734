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
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, or_, select, text, update

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import Engagement, Entity, MapInfo, Note, Relationship, Snapshot, Stakeholder
from stakemap.storage.errors import (
    AttachedError,
    EditConflictError,
    ProtectedNotesError,
    RefusedByServerError,
    RowGoneError,
    StaleWriteError,
)
from stakemap.storage.orm import (
    ENTITY_OF_ROW,
    ROW_OF,
    VERSION,
    engagement_table,
    entity_columns,
    note_table,
    relationship_table,
    row_values,
    stakeholder_table,
)

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
    #: Several writers share the database: refuse deleting what others attached (``_refuse_attached``).
    shared: bool = False
    #: Versions the rows will have once the transaction commits (``None``: the row is gone).
    outcome: dict[EntityKey, int | None] = field(default_factory=dict)

    def run(self, s: Connection) -> list[Snapshot]:
        """Delete, insert and update the change's rows; return the snapshots whose entries need writing."""
        before = {key_of(e): e for e in self.change.before}
        if self.shared:
            self._refuse_attached(s, self.change.removed())
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
    def _refuse_attached(self, s: Connection, gone: Sequence[Entity]) -> None:
        """Refuse to delete people or ties that others attached rows to since we read them.

        The foreign keys cascade (a map file has one writer, whose change lists every dependent), so
        on a shared server a delete would silently take a colleague's new note with it. The parents
        are locked first: a concurrent insert of a child waits for this transaction, and one that
        committed before is counted.
        """
        gone_keys = {key_of(e) for e in gone}
        people = [e.id for e in gone if isinstance(e, Stakeholder)]
        ties = [e.id for e in gone if isinstance(e, Relationship)]
        if not people and not ties:
            return
        if s.dialect.name == "postgresql":
            if people:
                s.execute(
                    select(stakeholder_table.c.id).where(stakeholder_table.c.id.in_(people)).with_for_update()
                )
            if ties:
                s.execute(
                    select(relationship_table.c.id).where(relationship_table.c.id.in_(ties)).with_for_update()
                )
        if (
            s.dialect.name == "postgresql"
            and s.execute(
                text("SELECT protected_notes(CAST(:p AS text[]), CAST(:t AS text[]))"),
                {"p": people, "t": ties},
            ).scalar()
        ):
            # Confidential notes of others (seen or not): the database would refuse the cascade anyway.
            first: Stakeholder | Relationship | None = next(
                (e for e in gone if isinstance(e, Stakeholder)), None
            )
            first = first or next(e for e in gone if isinstance(e, Relationship))
            raise ProtectedNotesError(subject_of(first), person=isinstance(first, Stakeholder))
        found: dict[str, int] = {}
        checks: list[tuple[type, str, Table, Any]] = []
        if people:
            checks += [
                (Relationship, "tie", relationship_table,
                 or_(relationship_table.c.source_id.in_(people), relationship_table.c.target_id.in_(people))),
                (Note, "note", note_table, note_table.c.stakeholder_id.in_(people)),
                (Engagement, "planned engagement", engagement_table, engagement_table.c.stakeholder_id.in_(people)),
            ]  # fmt: skip
        if ties:
            checks.append((Note, "note", note_table, note_table.c.relationship_id.in_(ties)))
        seen: set[EntityKey] = set()
        for kind, word, table, condition in checks:
            for row_id in s.execute(select(table.c.id).where(condition)).scalars():
                key = (kind, row_id)
                if key not in gone_keys and key not in seen:
                    seen.add(key)
                    found[word] = found.get(word, 0) + 1
        if found:
            subject = next(subject_of(e) for e in gone if isinstance(e, (Stakeholder, Relationship)))
            what = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for word, n in found.items())
            raise AttachedError(
                f"{subject} was not deleted: since this map was loaded, others attached {what} to it, "
                "which would have been deleted too. Refresh the map to see them, then decide.",
                found,
            )

    def plan_update(self, old: Entity, new: Entity) -> _Update | None:
        """The columns of ``new`` that differ from ``old``, and whether the write checks the version."""
        return self._plan_update(old, new)

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

    # ------------------------------------------------------------- reconcile
    def reconcile(self, s: Connection, mismatch: RowCountMismatch) -> dict[EntityKey, Entity]:
        """After the rollback: merge with what others wrote, or raise the error to show the user.

        A row whose fields changed by others do not overlap the fields this change sets is merged:
        its new version is adopted (the retry then names it) and the merged row is returned, for the
        caller to show. Overlapping fields raise ``EditConflictError`` saying who changed what; a row
        that is gone raises ``RowGoneError``; a row changed that this change deletes, ``StaleWriteError``.
        """
        table, entities = mismatch.table, mismatch.entities
        before = {key_of(e): e for e in self.change.before}
        removed = {key_of(e) for e in self.change.removed()}
        ids = [e.id for e in entities]
        columns = [*entity_columns(table), table.c[VERSION]]
        rows = {r[0]: r for r in s.execute(select(*columns).where(table.c.id.in_(ids)))}
        merged: dict[EntityKey, Entity] = {}
        adopted: dict[EntityKey, int] = {}
        for entity in entities:
            key = key_of(entity)
            row = rows.get(entity.id)
            if row is None:
                raise RowGoneError(subject_of(entity))
            version = int(row[-1])
            if version == self.versions.known.get(key):
                continue
            convert = ENTITY_OF_ROW.get(type(entity))
            old = before.get(key)
            if convert is None or old is None or key in removed:
                who = _who_changed(s, table, entity.id, None)
                raise StaleWriteError(
                    subject_of(entity),
                    f"{subject_of(entity)} was changed by {_by(who)} since this map was loaded, so this "
                    "edit was not saved. Refresh the map to see it as it is now.",
                )
            theirs = convert(row[:-1])
            old_v, mine_v, theirs_v = row_values(old), row_values(entity), row_values(theirs)
            last_writer = LAST_WRITER_WINS.get(type(entity), frozenset())
            mine_cols = {k for k, v in mine_v.items() if old_v.get(k) != v}
            theirs_cols = {k for k, v in theirs_v.items() if old_v.get(k) != v} - last_writer
            overlap = tuple(sorted(k for k in mine_cols & theirs_cols if theirs_v[k] != mine_v[k]))
            if overlap:
                raise _conflict(s, table, entity, theirs, version, overlap, mine_v, theirs_v)
            values = {**theirs_v, **{k: mine_v[k] for k in mine_cols}}
            merged[key] = convert(tuple(values[c.name] for c in entity_columns(table)))
            adopted[key] = version
        if not adopted:
            # Every row is there, as it was read, yet the statement touched fewer: the server's rules
            # (row-level security) kept this user from it. Retrying would fail the same way.
            first = entities[0]
            reason = " (only its author may change a confidential note)" if isinstance(first, Note) else ""
            raise RefusedByServerError(subject_of(first), reason)
        self.versions.known.update(adopted)
        return merged


def _by(who: tuple[str, datetime] | None) -> str:
    if who is None:
        return "someone else"
    name, when = who
    return f"{_person(name)} at {when.astimezone():%H:%M}"


def _person(role: str) -> str:
    return role[:1].upper() + role[1:]


def _who_changed(
    s: Connection, table: Table, row_id: str, fields: Sequence[str] | None
) -> tuple[str, datetime] | None:
    """The last author and time of a change to the row (to those fields), from a server's change log."""
    if s.dialect.name != "postgresql":
        return None
    if s.execute(text("SELECT to_regclass('change_log')")).scalar() is None:
        return None
    rows = s.execute(
        text(
            "SELECT changed_by, changed_at, changed FROM change_log WHERE table_name = :t AND row_id = :r "
            "ORDER BY id DESC LIMIT 50"
        ),
        {"t": table.name, "r": row_id},
    ).all()
    for changed_by, changed_at, changed in rows:
        if fields is None or (changed and any(f in changed for f in fields)):
            return str(changed_by), changed_at
    return None


def _field_words(name: str) -> str:
    return name.removeprefix("label_").replace("_", " ")


def shown_in_sentence(value: Any) -> str:
    """A value as a conflict sentence quotes it: a list joined, cut to 60 characters."""
    text_value = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text_value if len(text_value) <= 60 else text_value[:59] + "…"


def _conflict(
    s: Connection,
    table: Table,
    mine: Entity,
    theirs: Entity,
    version: int,
    fields: tuple[str, ...],
    mine_v: dict[str, Any],
    theirs_v: dict[str, Any],
) -> EditConflictError:
    who = _who_changed(s, table, mine.id, fields)
    owner = f"{mine.name}’s" if isinstance(mine, Stakeholder) else (
        "the map’s" if isinstance(mine, MapInfo) else f"{subject_of(mine).lower()}’s"
    )  # fmt: skip
    changed = ", ".join(f"{_field_words(f)} to “{shown_in_sentence(theirs_v[f])}”" for f in fields)
    yours = ", ".join(f"“{shown_in_sentence(mine_v[f])}”" for f in fields)
    author = _person(who[0]) if who else "Someone else"
    when = f" at {who[1].astimezone():%H:%M}" if who else " since this map was loaded"
    message = (
        f"{author} changed {owner} {changed}{when}; your {yours} was not saved. "
        "Choose Use mine or Keep theirs."
    )
    return EditConflictError(
        subject_of(mine),
        message,
        mine=mine,
        theirs=theirs,
        version=version,
        fields=fields,
        who=who[0] if who else None,
    )
