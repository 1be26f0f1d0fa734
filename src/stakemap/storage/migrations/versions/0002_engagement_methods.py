"""Per-map engagement methods: the user's own additions to the method choice list.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("map_info") as batch_op:
        batch_op.add_column(sa.Column("engagement_methods", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("map_info") as batch_op:
        batch_op.drop_column("engagement_methods")
