"""Row versions: every entity row carries an integer version that each update and delete names.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ENTITY_TABLES = ("map_info", "stakeholder", "relationship", "note", "engagement", "snapshot")


def upgrade() -> None:
    for table in ENTITY_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in ENTITY_TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
