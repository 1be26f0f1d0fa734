"""Live updates of a server map: who changed what since a revision, and a listening connection (storage layer).

The change-log trigger (``change_log.install_change_log``) calls ``pg_notify('stakemap_<map>', id)``
for every entry: only the entry's number, since a notification is visible to every user of the
database. A client listens on a connection of its own (``Listener``, autocommit, ``LISTEN``) and,
told something changed, pulls the rows changed since the last revision it has (``pull_changes``):
the change log names them, and they are read from their tables, so row-level security decides what
this user gets, in one REPEATABLE READ snapshot.

Log ids are handed out when a row is written, not when its transaction commits: a transaction that
started first may commit after a later one, with a lower id. A pull therefore looks back ``LOOK_BACK``
entries behind the last revision; taking a row that is already on screen changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import select as select_module
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select, text

from stakemap.core.changes import EntityKey
from stakemap.core.entities import Entity, Snapshot
from stakemap.storage.orm import (
    ENTITY_OF_ROW,
    ROW_OF,
    VERSION,
    entity_columns,
    snapshot_entry_table,
    to_snapshot,
)
from stakemap.storage.server_address import ServerAddress, with_known_password

if TYPE_CHECKING:
    from stakemap.storage.repository import MapRepository

#: How far behind the last revision a pull looks for entries committed out of order.
LOOK_BACK = 100
#: The listening connection's application_name: how others see who has the map open.
PRESENCE_PREFIX = "stakemap:"
KIND_OF_TABLE: dict[str, type] = {table.name: kind for kind, table in ROW_OF.items()}


def channel_of(map_name: str) -> str:
    return f"stakemap_{map_name}"


def person_tag(stakeholder_id: str) -> str:
    """A short tag for the person a user has selected, as others see it in ``pg_stat_activity``.

    Hashed: an application_name holds 63 bytes, and every user of the database can read it; the
    others recognise the tag by hashing the ids on their own screen.
    """
    return hashlib.sha256(stakeholder_id.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Present:
    """Someone else with the map open, and the tag of the person they have selected ("" if none)."""

    user: str
    person_tag: str = ""


@dataclass
class RemoteChanges:
    """Rows others changed since a revision, as the server holds them now (for this user)."""

    #: Rows changed, as they are now.
    rows: list[Entity] = field(default_factory=list)
    #: Rows changed that are gone (deleted, or no longer visible to this user).
    gone: list[EntityKey] = field(default_factory=list)
    #: Their row versions, for later writes to name.
    versions: dict[EntityKey, int] = field(default_factory=dict)
    #: Who last changed each row (login role), from the change log.
    authors: dict[EntityKey, str] = field(default_factory=dict)
    #: The last log entry seen: the next pull starts from here.
    revision: int = 0


def current_revision(connection: Connection) -> int:
    """The last change-log entry this user may see (0 for a map file, which has no log)."""
    if connection.dialect.name != "postgresql":
        return 0
    if connection.execute(text("SELECT to_regclass('change_log')")).scalar() is None:
        return 0
    return int(connection.execute(text("SELECT coalesce(max(id), 0) FROM change_log")).scalar() or 0)


def pull_changes(repository: MapRepository, since: int) -> RemoteChanges:
    """The rows changed since revision ``since``, read in one snapshot (REPEATABLE READ, read-only)."""
    result = RemoteChanges(revision=since)
    with repository.read_scope() as s:
        entries = s.execute(
            text(
                "SELECT DISTINCT ON (table_name, row_id) table_name, row_id, id, changed_by FROM change_log "
                "WHERE id > :since ORDER BY table_name, row_id, id DESC"
            ),
            {"since": max(since - LOOK_BACK, 0)},
        ).all()
        wanted: dict[type, dict[str, str]] = defaultdict(dict)
        for table_name, row_id, entry_id, changed_by in entries:
            result.revision = max(result.revision, int(entry_id))
            kind = KIND_OF_TABLE.get(table_name)
            if kind is not None:
                wanted[kind][row_id] = changed_by
        for kind, authors in wanted.items():
            table = ROW_OF[kind]
            ids = list(authors)
            rows = s.execute(
                select(*entity_columns(table), table.c[VERSION]).where(table.c.id.in_(ids))
            ).all()
            found = {row[0]: row for row in rows}
            entries_of = _snapshot_entries(s, list(found)) if kind is Snapshot else {}
            for row_id, author in authors.items():
                key: EntityKey = (kind, row_id)
                result.authors[key] = author
                row = found.get(row_id)
                if row is None:
                    result.gone.append(key)
                    continue
                entity = (
                    to_snapshot(row[:-1], entries_of.get(row_id, ()))
                    if kind is Snapshot
                    else ENTITY_OF_ROW[kind](row[:-1])
                )
                result.rows.append(entity)
                result.versions[key] = int(row[-1])
    return result


def _snapshot_entries(s: Connection, ids: list[str]) -> dict[str, list[Sequence[Any]]]:
    entries: dict[str, list[Sequence[Any]]] = defaultdict(list)
    statement = (
        select(snapshot_entry_table)
        .where(snapshot_entry_table.c.snapshot_id.in_(ids))
        .order_by(snapshot_entry_table.c.snapshot_id, snapshot_entry_table.c.position)
    )
    for entry in s.execute(statement):
        entries[entry[0]].append(entry)
    return entries


class ListenerLost(ConnectionError):
    """The listening connection is gone (server stopped, network down): reconnect and catch up."""


class Listener:
    """A connection of its own that LISTENs for a map's changes; its socket tells when one arrived.

    Autocommit, so notifications are delivered as they come (never held by an open transaction).
    Its application_name tells others who has the map open (``who_is_here``).
    """

    def __init__(self, address: ServerAddress) -> None:
        import psycopg  # only a server map pays for the driver

        assert address.map is not None
        self.address = address
        self.map_name = address.map
        known = with_known_password(address)
        try:
            self._connection = self._connect(psycopg, known)
        except psycopg.Error as exc:
            raise ListenerLost(
                known.redact(str(exc).strip().splitlines()[0] if str(exc).strip() else "")
            ) from None
        self._error = psycopg.Error

    def _connect(self, psycopg: Any, known: ServerAddress) -> Any:
        connection = psycopg.connect(
            host=known.host or None,
            port=known.port,
            dbname=known.database,
            user=known.user,
            password=known.password,
            sslmode=known.effective_sslmode,
            application_name=f"{PRESENCE_PREFIX}{self.map_name}",
            connect_timeout=5,
            # A server that vanished (a cable pulled) is noticed in about 20 s, not hours.
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=3,
            keepalives_count=3,
            autocommit=True,
        )
        connection.execute(f'LISTEN "{channel_of(self.map_name)}"')
        return connection

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def drain(self) -> list[int]:
        """The revisions notified since the last call, without waiting; raises if the connection is gone.

        ``ListenerLost`` is the caller's cue to reconnect.
        """
        revisions = []
        try:
            for notify in self._connection.notifies(timeout=0):
                try:
                    revisions.append(int(notify.payload))
                except ValueError:
                    continue  # not ours (anyone may NOTIFY any channel): a pull would be harmless anyway
        except self._error as exc:
            raise ListenerLost(self.address.redact(str(exc).strip())) from None
        if self._connection.closed or self._connection.broken:
            raise ListenerLost("the listening connection was closed")
        return revisions

    def wait(self, timeout: float) -> list[int]:
        """Block up to ``timeout`` seconds for notifications (for scripts and tests; the GUI uses the socket)."""
        select_module.select([self.fileno()], [], [], timeout)
        return self.drain()

    def who_is_here(self) -> list[str]:
        """Login roles of everyone else who has this map open (from ``pg_stat_activity``), sorted."""
        return sorted({p.user for p in self.present()})

    def present(self) -> list[Present]:
        """Everyone else with this map open, with the (tag of the) person each has selected."""
        name = f"{PRESENCE_PREFIX}{self.map_name}"
        try:
            rows = self._connection.execute(
                "SELECT usename, substr(application_name, %s) FROM pg_stat_activity "
                "WHERE datname = current_database() AND (application_name = %s OR left(application_name, %s) = %s) "
                "AND pid <> pg_backend_pid() AND usename <> session_user",
                (len(name) + 2, name, len(name) + 1, f"{name}:"),
            ).fetchall()
        except self._error as exc:
            raise ListenerLost(self.address.redact(str(exc).strip())) from None
        return sorted(
            {Present(str(user), str(tag or "")) for user, tag in rows if user}, key=lambda p: p.user
        )

    def select_person(self, stakeholder_id: str | None) -> None:
        """Tell the others which person this user has selected (``None``: nobody)."""
        name = f"{PRESENCE_PREFIX}{self.map_name}"
        if stakeholder_id:
            name = f"{name}:{person_tag(stakeholder_id)}"
        try:
            self._connection.execute("SELECT set_config('application_name', %s, false)", (name,))
        except self._error as exc:
            raise ListenerLost(self.address.redact(str(exc).strip())) from None

    def close(self) -> None:
        with contextlib.suppress(self._error):
            self._connection.close()
