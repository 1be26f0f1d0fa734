"""Alembic environment: runs on the connection that ``storage.database`` hands over (storage layer)."""

from __future__ import annotations

from alembic import context

from stakemap.storage.orm import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
