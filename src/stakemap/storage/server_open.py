"""Open one map of a PostgreSQL server with the user's own privileges (storage layer).

Nothing here changes a schema: the map must exist (``stakemap server`` made it) and be of this
Stakemap's schema revision. What the user may do is read from the server on opening
(``has_table_privilege``), so a viewer is told "read-only: you have view access" instead of
meeting a failed edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from stakemap.storage.errors import MapFileError
from stakemap.storage.repository import MapRepository
from stakemap.storage.server import (
    ENTITY_TABLES,
    ServerError,
    connection_error,
    describe_error,
    is_initialised,
    schema_of,
    server_engine,
)
from stakemap.storage.server_address import ServerAddress, with_known_password

if TYPE_CHECKING:
    from stakemap.storage.database import OpenedMap

VIEW_ONLY = "you have view access"


def open_server_map(address: ServerAddress, *, read_only: bool = False) -> OpenedMap:
    """Open the map the address names; raises ``ServerError`` (``PasswordNeededError``) or opens."""
    from stakemap.storage.database import OpenedMap, head_revision, known_revisions

    if address.map is None:
        raise ServerError(
            f"The address names a database but no map: add ?map=NAME, for example "
            f"{address.with_map('outreach').display()}. “stakemap server list "
            f"{address.display()}” shows the maps."
        )
    address = with_known_password(address)
    assert address.map is not None  # refused just above
    schema = schema_of(address.map)
    engine = server_engine(address, schema=schema)
    try:
        try:
            connection = engine.connect()
        except DBAPIError as exc:
            raise connection_error(exc, address) from None
        with connection:
            revision, reason = _inspect(connection, address, schema)
        if revision not in known_revisions():
            reason = reason or (
                f"the map on the server uses a newer schema ({revision}) than this Stakemap "
                f"({head_revision()}); update Stakemap to edit it"
            )
        elif revision != head_revision():
            raise ServerError(
                f"The map “{address.map}” on the server uses an older schema ({revision}) than this "
                f"Stakemap ({head_revision()}). An administrator must first run: "
                f"stakemap server upgrade {address.with_map(None).display()}"
            )
        if read_only and reason is None:
            reason = "you chose to open it read-only"
        repository = MapRepository(engine, read_only_reason=reason)
        opened = OpenedMap(repository, None, read_only_reason=reason, revision=revision, address=address)
        try:
            opened.verified = repository.load()
        except MapFileError as exc:
            raise ServerError(address.redact(str(exc))) from None
        return opened
    except BaseException:
        engine.dispose()
        raise


def _inspect(connection: Connection, address: ServerAddress, schema: str) -> tuple[str | None, str | None]:
    """The map's schema revision, and why this user may only read it (``None``: may edit)."""
    assert address.map is not None
    try:
        if not is_initialised(connection):
            raise ServerError(
                f"The database “{address.database}” holds no Stakemap maps. An administrator can "
                f"prepare it with: stakemap server init {address.with_map(None).display()}"
            )
        registered = connection.execute(
            text("SELECT schema_name FROM stakemap.maps WHERE name = :n"), {"n": address.map}
        ).scalar()
        if registered != schema:
            raise ServerError(f"There is no map named “{address.map}” in the database “{address.database}”.")
        can_read = connection.execute(
            text("SELECT has_schema_privilege(:s, 'USAGE') AND has_table_privilege(:t, 'SELECT')"),
            {"s": schema, "t": f"{schema}.stakeholder"},
        ).scalar()
        if not can_read:
            raise ServerError(
                f"You ({address.user or 'this user'}) have no access to the map “{address.map}”: ask one "
                "of its owners to share it with you."
            )
        revision = connection.execute(text(f"SELECT version_num FROM {schema}.alembic_version")).scalar()
        # has_table_privilege with several privileges is true if any is held: ask for each.
        checks = " AND ".join(
            f"has_table_privilege('{schema}.{table}', '{privilege}')"
            for table in ENTITY_TABLES
            for privilege in ("INSERT", "UPDATE", "DELETE")
        )
        can_edit = connection.execute(text(f"SELECT {checks}")).scalar()
    except SQLAlchemyError as exc:
        raise ServerError(f"Cannot open the map “{address.map}”: {describe_error(exc, address)}") from None
    return revision, None if can_edit else VIEW_ONLY
