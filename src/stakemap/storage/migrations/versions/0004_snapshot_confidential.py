"""Snapshot entries remember whether the person was confidential then.

Existing entries take the person's current flag; a person no longer on the map
counts as confidential (nobody can tell any more, so audiences never see them).

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("snapshot_entry") as batch_op:
        batch_op.add_column(
            sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    entry = sa.table("snapshot_entry", sa.column("stakeholder_id"), sa.column("confidential", sa.Boolean()))
    person = sa.table("stakeholder", sa.column("id"), sa.column("confidential", sa.Boolean()))
    current = sa.select(person.c.confidential).where(person.c.id == entry.c.stakeholder_id).scalar_subquery()
    op.execute(entry.update().values(confidential=sa.func.coalesce(current, sa.true())))


def downgrade() -> None:
    with op.batch_alter_table("snapshot_entry") as batch_op:
        batch_op.drop_column("confidential")
