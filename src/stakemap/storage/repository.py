"""MapRepository: load a whole map, and write each change in its own transaction (storage layer).

Write-through: the document calls ``write(change)`` for every edit, so what the
user saw on screen is on disk. One generic write path serves every kind of edit
because a ``Change`` already lists the exact rows to delete and to upsert. Each
UPDATE and DELETE names the row version it expects (``versioned``): a row changed
or removed outside this repository fails the whole transaction loudly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Select, Table, delete, insert, literal, select
from sqlalchemy.exc import IntegrityError, ProgrammingError, SQLAlchemyError

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import (
    UNSTORABLE_CHARACTER,
    Engagement,
    Entity,
    MapInfo,
    Note,
    Relationship,
    Snapshot,
    Stakeholder,
)
from stakemap.core.model import Map
from stakemap.storage.errors import (
    DuplicateTieError,
    MapFileError,
    MapInUseError,
    ProtectedNotesError,
    ReadOnlyMapError,
    StaleWriteError,
    StorageWriteError,
)
from stakemap.storage.file_check import is_busy
from stakemap.storage.live import RemoteChanges, current_revision, pull_changes
from stakemap.storage.load_checks import refuse_duplicate_ties, required_check
from stakemap.storage.note_security import PROTECTED_MARK
from stakemap.storage.one_trip import CHECK_FUNCTION, eligible, write_in_one_statement
from stakemap.storage.orm import (
    ROW_OF,
    VERSION,
    entity_columns,
    map_info_table,
    snapshot_entry_table,
    snapshot_entry_values,
    to_engagement,
    to_map_info,
    to_note,
    to_relationship,
    to_snapshot,
    to_stakeholder,
)
from stakemap.storage.server_errors import server_meaning
from stakemap.storage.sqlite_errors import sqlite_meaning
from stakemap.storage.versioned import RowCountMismatch, RowVersions, VersionedWrite, subject_of

#: How often a write merged with others' changes is retried before giving up (each retry means
#: someone wrote the same row again in between).
MERGE_ATTEMPTS = 5


class MapRepository:
    def __init__(
        self,
        engine: Engine,
        *,
        read_only_reason: str | None = None,
        before_write: Callable[[], None] | None = None,
        row_versions: bool = True,
    ) -> None:
        self.engine = engine
        self.read_only_reason = read_only_reason
        self._before_write = before_write
        self._versions = RowVersions()
        #: Rows the last write merged with others' changes, as they are now stored: the caller shows them.
        self.merged: dict[EntityKey, Entity] = {}
        #: Several writers (a server): stale writes merge, deletes refuse what others attached.
        self.shared = engine.dialect.name != "sqlite"
        #: Small edits on PostgreSQL go as one statement: one round trip (``one_trip``).
        self.one_trip = engine.dialect.name == "postgresql"
        #: False for a map of a schema before row versions, opened read-only (so never upgraded).
        self._row_versions = row_versions
        #: The server's change-log entry the map was read at, or last pulled to (0: a map file).
        self.revision = 0

    def set_before_write(self, check: Callable[[], None]) -> None:
        """Run ``check`` before every write (it raises to refuse the write)."""
        self._before_write = check

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @contextmanager
    def session_scope(self) -> Iterator[Connection]:
        """One transaction: commit on success, roll back and re-raise on error.

        A Core connection, not an ORM session: every read and write here is a bulk statement.
        """
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def read_scope(self) -> Iterator[Connection]:
        """One snapshot to read from: on a server, a REPEATABLE READ, read-only transaction.

        The seven loading SELECTs then see one state of the map, however busy the others are.
        (SQLite's transactions are already serialisable.)
        """
        if self.engine.dialect.name == "sqlite":
            with self.session_scope() as connection:
                yield connection
            return
        connection = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with connection, connection.begin():
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield connection

    # ------------------------------------------------------------------- read
    def load(self) -> Map:
        """The whole map in one query per table (never one per row).

        Rows are read as plain tuples (Core, not ORM instances): a third of the time for big maps.
        """
        try:
            with self.read_scope() as s:
                info_row = s.execute(
                    self._select(map_info_table).where(map_info_table.c.id == MapInfo.id)
                ).first()
                if info_row is None:
                    raise MapFileError(
                        "The map file has no map details: it is damaged or not a Stakemap map."
                    )
                required_check(map_info_table)(info_row)
                entries: dict[str, list[Sequence[Any]]] = defaultdict(list)
                check_entry = required_check(snapshot_entry_table)
                for entry in s.execute(
                    select(snapshot_entry_table).order_by(
                        snapshot_entry_table.c.snapshot_id, snapshot_entry_table.c.position
                    )
                ):
                    check_entry(entry)
                    entries[entry[0]].append(entry)
                versions = RowVersions()
                versions.remember(MapInfo, [(info_row[0], info_row[-1])])
                # In the same snapshot: live updates pull what others changed after this (``live``).
                revision = current_revision(s)

                def rows_of(kind: type) -> Iterator[Sequence[Any]]:
                    # ``version`` is the last column of every entity table: kept here, not in the entity.
                    check = required_check(ROW_OF[kind])
                    for row in s.execute(self._select(ROW_OF[kind])):
                        check(row)
                        versions.known[(kind, row[0])] = row[-1]
                        yield row[:-1]

                rows: list[Entity] = [
                    to_map_info(info_row[:-1]),
                    *(to_stakeholder(r) for r in rows_of(Stakeholder)),
                    *(to_relationship(r) for r in rows_of(Relationship)),
                    *(to_note(r) for r in rows_of(Note)),
                    *(to_engagement(r) for r in rows_of(Engagement)),
                    *(to_snapshot(r, entries.get(r[0], ())) for r in rows_of(Snapshot)),
                ]
            # Through the model's own checks: a tie to a missing person, written by another
            # program, is refused here rather than crashing a view later.
            refuse_duplicate_ties(r for r in rows if isinstance(r, Relationship))
            result = Map()
            result.apply(Change.of("Open", [], rows))
            self._versions = versions
            self.revision = revision
        except (ValueError, TypeError) as exc:  # a number where text belongs, written by another program
            raise MapFileError(f"The map file holds invalid data: {exc}") from exc
        except RecursionError as exc:  # nesting the checks did not foresee: refused all the same
            raise MapFileError("The map file holds invalid data: it is nested too deeply") from exc
        except SQLAlchemyError as exc:
            if self.engine.dialect.name == "sqlite" and is_busy(getattr(exc, "orig", exc)):
                raise MapInUseError() from exc
            raise MapFileError(f"The map file could not be read: {_reason(exc)}") from exc
        return result

    def _select(self, table: Table) -> Select[Any]:
        # The entity's columns then the version (never the author the server records: not the entity's).
        if self._row_versions:
            return select(*entity_columns(table), table.c[VERSION])
        # An older schema has no version column: every row reads as version 1 (it is never written).
        return select(*entity_columns(table), literal(1).label(VERSION))

    # ------------------------------------------------------------------ write
    def initialise(self, the_map: Map) -> None:
        """Write a whole map into an empty database (new file, Save As of a new map)."""
        everything: list[Entity] = [
            the_map.info,
            *the_map.stakeholders.values(),
            *the_map.relationships.values(),
            *the_map.notes.values(),
            *the_map.engagements.values(),
            *the_map.snapshots.values(),
        ]
        self.write(Change.of("Create map", [], everything))

    def write(self, change: Change) -> None:
        """Persist one change atomically; on failure nothing of it is stored and the reason is raised."""
        if self.read_only_reason is not None:
            raise ReadOnlyMapError(f"This map is open read-only: {self.read_only_reason}")
        if self._before_write is not None:
            self._before_write()
        self.merged = {}
        for _attempt in range(MERGE_ATTEMPTS):
            plan = VersionedWrite(change, self._versions, shared=self.shared)
            try:
                if self.one_trip and eligible(plan):
                    if not self._write_in_one_trip(plan):
                        continue
                else:
                    with self.session_scope() as s:
                        snapshots = plan.run(s)
                        if snapshots:
                            self._write_snapshot_entries(s, list(snapshots))
            except RowCountMismatch as mismatch:
                # Rolled back by now. A map file has one writer: anything else changing it is a
                # stranger (a sync client, a restore), so refuse. On a server, merge with what a
                # colleague left, or say who changed what.
                if not self.shared:
                    raise self._diagnose(plan, mismatch) from None
                self._reconcile(plan, mismatch)
                continue
            except IntegrityError as exc:
                if any(
                    name in str(exc.orig)
                    for name in ("uq_relationship_source_id", "uq_relationship_both_ways")
                ):
                    raise DuplicateTieError(
                        f"The change “{change.label}” was not saved: those two people are already linked "
                        "that way (someone else may just have linked them). Refresh the map to see it."
                    ) from None
                raise StorageWriteError(
                    f"The change “{change.label}” could not be saved: {_reason(exc)}"
                ) from exc
            except SQLAlchemyError as exc:
                if PROTECTED_MARK in str(getattr(exc, "orig", exc)):
                    gone = sorted(
                        (e for e in change.removed() if isinstance(e, (Stakeholder, Relationship))),
                        key=lambda e: not isinstance(e, Stakeholder),
                    )
                    subject = subject_of(gone[0]) if gone else "This"
                    person = not gone or isinstance(gone[0], Stakeholder)
                    raise ProtectedNotesError(subject, person=person) from None
                raise StorageWriteError(
                    f"The change “{change.label}” could not be saved: {_reason(exc)}"
                ) from exc
            except UnicodeEncodeError as exc:
                # Raised by the driver while binding, before SQL sees the text; the session has already
                # rolled the transaction back. Callers other than the GUI (the CLI import) rely on this.
                raise StorageWriteError(
                    f"The change “{change.label}” could not be saved: it contains {UNSTORABLE_CHARACTER}"
                ) from exc
            break
        else:
            raise StaleWriteError(
                "This edit",
                f"The change “{change.label}” was not saved: others kept changing the same rows. Try again.",
            )
        # Only once committed: a rolled-back write leaves the versions as the file still has them.
        for key, version in plan.outcome.items():
            if version is None:
                self._versions.known.pop(key, None)
            else:
                self._versions.known[key] = version

    def _write_in_one_trip(self, plan: VersionedWrite) -> bool:
        """A small edit on a server as one statement (``one_trip``); False: retry the ordinary way."""
        with self.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            try:
                write_in_one_statement(connection, plan)
            except ProgrammingError as exc:
                if CHECK_FUNCTION not in str(exc.orig):
                    raise
                # A map made before the function existed (``stakemap server upgrade`` adds it).
                self.one_trip = False
                plan.outcome.clear()
                return False
        return True

    def _diagnose(self, plan: VersionedWrite, mismatch: RowCountMismatch) -> StorageWriteError:
        try:
            with self.session_scope() as s:
                return plan.diagnose(s, mismatch)
        except SQLAlchemyError as exc:
            return StorageWriteError(f"The change “{plan.change.label}” could not be saved: {_reason(exc)}")

    def _reconcile(self, plan: VersionedWrite, mismatch: RowCountMismatch) -> None:
        """Merge a stale write with others' changes (see ``VersionedWrite.reconcile``) or raise why not."""
        try:
            with self.session_scope() as s:
                self.merged.update(plan.reconcile(s, mismatch))
        except SQLAlchemyError as exc:
            raise StorageWriteError(
                f"The change “{plan.change.label}” could not be saved: {_reason(exc)}"
            ) from None

    def pull(self) -> RemoteChanges:
        """What others changed since ``revision`` (``live.pull_changes``); nothing is taken yet."""
        try:
            return pull_changes(self, self.revision)
        except SQLAlchemyError as exc:
            raise MapFileError(f"The changes of others could not be read: {_reason(exc)}") from exc

    def take_pulled(self, pulled: RemoteChanges) -> None:
        """The pulled rows are on screen now: later writes name their versions."""
        for key in pulled.gone:
            self._versions.known.pop(key, None)
        self._versions.known.update(pulled.versions)
        self.revision = max(self.revision, pulled.revision)

    def accept(self, entity: Entity, version: int) -> None:
        """Take a row as the server holds it (Keep theirs): later writes name its version."""
        self._versions.known[key_of(entity)] = version

    @staticmethod
    def _write_snapshot_entries(s: Connection, snapshots: list[Entity]) -> None:
        ids = [snap.id for snap in snapshots]
        s.execute(delete(snapshot_entry_table).where(snapshot_entry_table.c.snapshot_id.in_(ids)))
        rows = [v for snap in snapshots if isinstance(snap, Snapshot) for v in snapshot_entry_values(snap)]
        if rows:
            s.execute(insert(snapshot_entry_table), rows)

    def dispose(self) -> None:
        self.engine.dispose()


def _reason(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    meaning = sqlite_meaning(original) or server_meaning(exc)
    if meaning is not None:
        return meaning
    text = str(original or exc).strip()  # a server's message, or a SQLite error we do not name
    return text.splitlines()[0] if text else type(exc).__name__
