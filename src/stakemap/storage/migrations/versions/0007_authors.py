"""Notes and planned engagements record who wrote them (``author``).

On a server the column defaults to ``session_user``: the database, not the app, says who wrote a
row, and row-level security on notes (``storage.note_security``) relies on it. In a map file, which
has one writer, it stays empty. Rows written before this revision have no author ("").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("note", "engagement")


def upgrade() -> None:
    for table in TABLES:
        # Existing rows get "" (their author is unknown), not the administrator running the upgrade.
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("author", sa.String(200), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.alter_column(table, "author", server_default=sa.text("session_user"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("author")
