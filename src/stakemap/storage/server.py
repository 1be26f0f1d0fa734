"""Team maps on a PostgreSQL server: the registry, one schema per map, roles and upgrades (storage layer).

Layout of a Stakemap database:

- schema ``stakemap``: table ``registry`` (marks the database as Stakemap's) and ``maps`` (one row per
  map: its name, schema and title);
- schema ``map_<name>`` per map: the same tables as a map file, its own ``alembic_version``, and a
  ``change_log`` filled by a trigger (who changed which fields of which row, and when);
- roles ``<name>_viewer`` (read), ``<name>_editor`` (read and write rows), ``<name>_owner`` (editor,
  and may grant the three to others), and ``<name>_confidential`` (may also read others' confidential
  notes: ``note_security``). Users are the server's login roles.

Only an administrator (a role with CREATEROLE that owns the database) runs ``init``, ``create_map``
and ``upgrade``; each takes an advisory lock so that two at once cannot race. Clients never change a
server's schema: opening a map whose schema is not this Stakemap's opens read-only or is refused,
with what the administrator must run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from stakemap.core.model import Map
from stakemap.storage.change_log import hide_confidential_entries, install_change_log
from stakemap.storage.errors import MapFileError
from stakemap.storage.load_checks import safe_json_loads
from stakemap.storage.note_security import confidential_role, install_note_security
from stakemap.storage.one_trip import CHECK_ROWS_SQL
from stakemap.storage.server_address import ServerAddress, check_map_name, redact

REGISTRY_SCHEMA = "stakemap"
REGISTRY_FORMAT = "1"
#: Key of the advisory lock every schema change on a server takes ("STAK" in ASCII).
SCHEMA_LOCK = 0x5354414B
#: Tables a map's editors write; ``alembic_version`` and ``change_log`` are never theirs to change.
ENTITY_TABLES = (
    "map_info",
    "stakeholder",
    "relationship",
    "note",
    "engagement",
    "snapshot",
    "snapshot_entry",
)
LEVELS = ("viewer", "editor", "owner")
#: Granted beside a level: may read others' confidential notes (``note_security``).
CONFIDENTIAL = "confidential"


class ServerError(MapFileError):
    """The server refused or could not do something; the message never holds a password."""


class PasswordNeededError(ServerError):
    """The server wants a password this address did not come with (the caller may prompt and retry)."""


def schema_of(name: str) -> str:
    return f"map_{check_map_name(name)}"


def role_of(name: str, level: str) -> str:
    if level not in LEVELS:
        raise ServerError(f"“{level}” is not an access level: use viewer, editor or owner.")
    return f"{check_map_name(name)}_{level}"


# ------------------------------------------------------------------ connecting
def server_engine(address: ServerAddress, *, schema: str | None = None) -> Engine:
    """An engine on the server; with ``schema``, every connection sees only that map's tables."""
    connect_args: dict[str, object] = {"connect_timeout": 10}
    if schema is not None:
        # Names are checked identifiers (``check_map_name``): nothing here needs quoting.
        connect_args["options"] = f"-c search_path={schema}"
    return create_engine(
        address.sqlalchemy_url(),
        connect_args=connect_args,
        json_deserializer=safe_json_loads,
        hide_parameters=True,  # values of a failed statement are map data: never in a message
        # A pooled connection dies when the server restarts; without a ping before it is lent, the
        # next save after the restart fails ("terminating connection due to administrator command").
        pool_pre_ping=True,
    )


def describe_error(exc: BaseException, address: ServerAddress) -> str:
    """The driver's reason, first line only, with the password scrubbed."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(exc).__name__
    # libpq: 'connection to server at "h" (...), port 5432 failed: FATAL:  password ...'
    if "failed:" in reason:
        reason = reason.rsplit("failed:", 1)[1].strip()
    reason = reason.removeprefix("FATAL:").strip()
    return redact(reason, address.password)


def connection_error(exc: BaseException, address: ServerAddress) -> ServerError:
    reason = describe_error(exc, address)
    lowered = reason.lower()
    where = f"{address.user or 'you'} on {address.host}:{address.port}/{address.database}"
    if "no password supplied" in lowered or "password authentication failed" in lowered:
        return PasswordNeededError(
            f"The server did not accept the password for {where}. Enter it when asked, or keep it in "
            "your keyring, ~/.pgpass or PGPASSWORD."
        )
    return ServerError(f"Cannot reach the map server ({where}): {reason}")


@contextmanager
def admin_connection(address: ServerAddress) -> Iterator[Connection]:
    """One connection for an administrative command, holding the schema advisory lock throughout."""
    engine = server_engine(address)
    try:
        try:
            connection = engine.connect()
        except DBAPIError as exc:
            raise connection_error(exc, address) from None
        try:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": SCHEMA_LOCK})
            connection.commit()
            yield connection
        finally:
            try:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SCHEMA_LOCK})
                connection.commit()
            finally:
                connection.close()
    finally:
        engine.dispose()


# --------------------------------------------------------------------- registry
def is_initialised(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT to_regclass('stakemap.registry') IS NOT NULL AND to_regclass('stakemap.maps') IS NOT NULL"
            )
        ).scalar()
    )


def foreign_objects(connection: Connection, limit: int = 3) -> list[str]:
    """Tables, views and sequences in the database that are not Stakemap's."""
    rows = connection.execute(
        text(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
            "AND n.nspname <> :registry AND n.nspname NOT IN (SELECT schema_name FROM stakemap.maps) "
            "ORDER BY 1 LIMIT :limit"
            if is_initialised(connection)
            else "SELECT n.nspname || '.' || c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
            "ORDER BY 1 LIMIT :limit"
        ),
        {"registry": REGISTRY_SCHEMA, "limit": limit},
    ).scalars()
    return list(rows)


def init_server(address: ServerAddress) -> bool:
    """Make the database Stakemap's: create the registry. False if it already was.

    Refuses a database holding anything else: Stakemap does not add its tables to another
    application's database.
    """
    with admin_connection(address) as connection:
        try:
            if is_initialised(connection):
                return False
            found = foreign_objects(connection)
            if found:
                raise ServerError(
                    f"The database “{address.database}” already holds tables that are not Stakemap's "
                    f"({', '.join(found)}), so Stakemap will not add its own to it. Use an empty "
                    "database for Stakemap's maps."
                )
            for statement in _REGISTRY_DDL:
                connection.execute(text(statement), {"format": REGISTRY_FORMAT})
            connection.commit()
        except SQLAlchemyError as exc:
            raise ServerError(f"Cannot prepare the database: {describe_error(exc, address)}") from None
    return True


_REGISTRY_DDL = (
    "CREATE SCHEMA stakemap",
    "CREATE TABLE stakemap.registry (key text PRIMARY KEY, value text NOT NULL)",
    "INSERT INTO stakemap.registry VALUES ('format', :format)",
    "CREATE TABLE stakemap.maps (name text PRIMARY KEY, schema_name text NOT NULL UNIQUE, "
    "title text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now(), "
    "created_by text NOT NULL DEFAULT session_user)",
    # Any login role of this database may see which maps exist; opening one needs its roles.
    "GRANT USAGE ON SCHEMA stakemap TO PUBLIC",
    "GRANT SELECT ON stakemap.registry, stakemap.maps TO PUBLIC",
)


def _require_registry(connection: Connection, address: ServerAddress) -> None:
    if not is_initialised(connection):
        raise ServerError(
            f"The database “{address.database}” holds no Stakemap maps yet: an administrator must first "
            f"run: stakemap server init {address.with_map(None).display()}"
        )


@dataclass(frozen=True)
class ServerMap:
    name: str
    title: str
    #: "owner", "editor", "viewer", or "" (listed, but this user may not open it).
    access: str
    revision: str | None = None
    created_at: datetime | None = None


def list_maps(address: ServerAddress) -> list[ServerMap]:
    """The maps of the database, with this user's access to each."""
    engine = server_engine(address)
    try:
        with engine.connect() as connection:
            _require_registry(connection, address)
            rows = connection.execute(
                text("SELECT name, schema_name, title, created_at FROM stakemap.maps ORDER BY name")
            ).all()
            result = []
            for name, schema, title, created in rows:
                access = _access(connection, schema)
                revision = None
                if access:
                    revision = connection.execute(
                        text(f"SELECT version_num FROM {schema}.alembic_version")
                    ).scalar()
                result.append(ServerMap(name, title, access, revision, created))
            return result
    except DBAPIError as exc:
        raise connection_error(exc, address) from None
    except SQLAlchemyError as exc:
        raise ServerError(f"Cannot list the maps: {describe_error(exc, address)}") from None
    finally:
        engine.dispose()


def _access(connection: Connection, schema: str) -> str:
    can = connection.execute(
        text(
            "SELECT has_schema_privilege(:s, 'USAGE') AND has_table_privilege(:t, 'SELECT'), "
            "has_schema_privilege(:s, 'USAGE') AND has_table_privilege(:t, 'UPDATE')"
        ),
        {"s": schema, "t": f"{schema}.stakeholder"},
    ).one()
    if not can[0]:
        return ""
    if not can[1]:
        return "viewer"
    # Owners may hand the map's roles on; has ADMIN OPTION on the owner role, or owns the tables.
    name = schema.removeprefix("map_")
    owner = connection.execute(
        text(
            "SELECT pg_has_role(:r, 'MEMBER') OR pg_has_role("
            "(SELECT nspowner FROM pg_namespace WHERE nspname = :s), 'MEMBER')"
        ),
        {"r": f"{name}_owner", "s": schema},
    ).scalar()
    return "owner" if owner else "editor"


# ------------------------------------------------------------------ map schemas
def migrate_schema(connection: Connection, schema: str) -> None:
    """Run this Stakemap's migrations on one map schema (admin only, under the advisory lock)."""
    from alembic import command

    from stakemap.storage.database import alembic_config

    connection.execute(text(f"SET search_path TO {schema}"))
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    cfg.attributes["version_table_schema"] = schema
    command.upgrade(cfg, "head")
    # snapshot_entry has no id column: a snapshot's entries change with the snapshot row.
    install_change_log(connection, schema, [t for t in ENTITY_TABLES if t != "snapshot_entry"])
    connection.execute(text(CHECK_ROWS_SQL.format(schema=schema)))
    connection.execute(text("RESET search_path"))


def _grant_roles(connection: Connection, name: str, schema: str) -> None:
    viewer, editor, owner = (role_of(name, level) for level in LEVELS)
    for role in (viewer, editor, owner):
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {role} NOLOGIN"))
    connection.execute(text(f"GRANT {viewer} TO {editor}"))
    connection.execute(text(f"GRANT {editor} TO {owner}"))
    # Owners hand on every level of their map (and no other map's).
    connection.execute(text(f"GRANT {viewer}, {editor} TO {owner} WITH ADMIN OPTION"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {viewer}"))
    connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {viewer}"))
    tables = ", ".join(f"{schema}.{t}" for t in ENTITY_TABLES)
    connection.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {tables} TO {editor}"))
    readers = confidential_role(name)
    if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": readers}).first() is None:
        connection.execute(text(f"CREATE ROLE {readers} NOLOGIN"))
    # Not handed to owners, not even to pass on (on PostgreSQL 15 that would make them readers):
    # an administrator names the readers. Being a reader by itself opens nothing.
    connection.execute(text(f"REVOKE {readers} FROM {owner}"))
    install_note_security(connection, name, schema)
    hide_confidential_entries(connection, schema, readers)


def create_server_map(address: ServerAddress, name: str, the_map: Map | None = None) -> None:
    """Create the map ``name`` (schema, tables, roles) holding ``the_map`` or an empty map. Admin only."""
    from stakemap.storage.repository import MapRepository

    schema = schema_of(name)
    with admin_connection(address) as connection:
        try:
            _require_registry(connection, address)
            taken = (
                connection.execute(text("SELECT 1 FROM stakemap.maps WHERE name = :n"), {"n": name}).first()
                or connection.execute(text("SELECT to_regnamespace(:s)"), {"s": schema}).scalar()
            )
            if taken:
                raise ServerError(f"There is already a map named “{name}” on this server.")
            connection.execute(text(f"CREATE SCHEMA {schema}"))
            migrate_schema(connection, schema)
            _grant_roles(connection, name, schema)
            title = (the_map.info.title if the_map is not None else "") or name
            connection.execute(
                text("INSERT INTO stakemap.maps (name, schema_name, title) VALUES (:n, :s, :t)"),
                {"n": name, "s": schema, "t": title},
            )
            connection.commit()
        except SQLAlchemyError as exc:
            raise ServerError(f"Cannot create the map “{name}”: {describe_error(exc, address)}") from None
    engine = server_engine(address, schema=schema)
    try:
        contents = the_map or Map()
        if the_map is None:
            from dataclasses import replace

            contents = Map(info=replace(contents.info, title=name))
        MapRepository(engine).initialise(contents)
    except SQLAlchemyError as exc:
        raise ServerError(f"Cannot fill the map “{name}”: {describe_error(exc, address)}") from None
    finally:
        engine.dispose()


def upgrade_server(address: ServerAddress) -> list[tuple[str, str | None, str]]:
    """Migrate every map of the database to this Stakemap's schema: (name, from, to) for each."""
    from stakemap.storage.database import head_revision

    done: list[tuple[str, str | None, str]] = []
    with admin_connection(address) as connection:
        try:
            _require_registry(connection, address)
            rows = connection.execute(text("SELECT name, schema_name FROM stakemap.maps ORDER BY name")).all()
            for name, schema in rows:
                before = connection.execute(
                    text(f"SELECT version_num FROM {schema}.alembic_version")
                ).scalar()
                migrate_schema(connection, schema)
                _grant_roles(connection, name, schema)  # tables a migration added get the same grants
                connection.commit()
                done.append((name, before, head_revision()))
        except SQLAlchemyError as exc:
            raise ServerError(f"Cannot upgrade the maps: {describe_error(exc, address)}") from None
    return done


def grant(address: ServerAddress, name: str, user: str, level: str) -> None:
    """Give ``user`` (a login role) ``level`` access to the map, replacing any other level.

    ``confidential`` is not a level but an addition: the user may also read others' confidential
    notes (with whatever level they have).
    """
    role = confidential_role(check_map_name(name)) if level == CONFIDENTIAL else role_of(name, level)
    _check_user(user)
    engine = server_engine(address)
    try:
        with engine.begin() as connection:
            _require_map(connection, address, name)
            if level == CONFIDENTIAL:
                if not _may_name_readers(connection, role):
                    raise ServerError(
                        f"Only an administrator of the server decides who reads the confidential notes of "
                        f"“{name}” (owners of the map cannot)."
                    )
                connection.execute(text(f'GRANT {role} TO "{user}"'))
                return
            for other in LEVELS:
                if other != level:
                    connection.execute(text(f'REVOKE {role_of(name, other)} FROM "{user}"'))
            option = " WITH ADMIN OPTION" if level == "owner" else ""
            connection.execute(text(f'GRANT {role} TO "{user}"{option}'))
    except DBAPIError as exc:
        raise ServerError(f"Cannot share the map “{name}”: {describe_error(exc, address)}") from None
    finally:
        engine.dispose()


def revoke(address: ServerAddress, name: str, user: str, *, only_confidential: bool = False) -> None:
    """Take every level of access to the map away from ``user`` (or only reading confidential notes)."""
    _check_user(user)
    engine = server_engine(address)
    try:
        with engine.begin() as connection:
            _require_map(connection, address, name)
            readers = confidential_role(check_map_name(name))
            # Only an administrator names readers; an owner's revoke leaves that (harmless alone) be.
            if only_confidential or _may_name_readers(connection, readers):
                connection.execute(text(f'REVOKE {readers} FROM "{user}"'))
            if only_confidential:
                return
            for level in LEVELS:
                connection.execute(text(f'REVOKE {role_of(name, level)} FROM "{user}"'))
    except DBAPIError as exc:
        raise ServerError(f"Cannot revoke access to “{name}”: {describe_error(exc, address)}") from None
    finally:
        engine.dispose()


def _may_name_readers(connection: Connection, readers: str) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT pg_has_role(current_user, :r, 'MEMBER WITH ADMIN OPTION') OR "
                "(SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user)"
            ),
            {"r": readers},
        ).scalar()
    )


def _check_user(user: str) -> None:
    if not user or '"' in user or len(user) > 63:
        raise ServerError(f"“{user[:63]}” is not a user name of the server.")


def _require_map(connection: Connection, address: ServerAddress, name: str) -> None:
    _require_registry(connection, address)
    if connection.execute(text("SELECT 1 FROM stakemap.maps WHERE name = :n"), {"n": name}).first() is None:
        raise ServerError(f"There is no map named “{name}” on this server.")


def drop_server_map(address: ServerAddress, name: str) -> None:
    """Remove a map, its schema and its roles (tests and administrators)."""
    schema = schema_of(name)
    with admin_connection(address) as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        if is_initialised(connection):
            connection.execute(text("DELETE FROM stakemap.maps WHERE name = :n"), {"n": name})
        connection.execute(text(f"DROP ROLE IF EXISTS {confidential_role(check_map_name(name))}"))
        for level in reversed(LEVELS):
            connection.execute(text(f"DROP ROLE IF EXISTS {role_of(name, level)}"))
        connection.commit()
