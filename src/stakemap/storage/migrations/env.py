"""Alembic environment: runs on the connection that ``storage.database`` hands over (storage layer)."""

from __future__ import annotations

from alembic import context

from stakemap.storage.orm import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # A server map lives in its own schema (``storage.server``): the caller set the connection's
    # search_path to it, so the tables land there, and the version table goes beside them.
    version_table_schema=context.config.attributes.get("version_table_schema"),
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
