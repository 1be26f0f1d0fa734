"""Contact rhythm: a person's email, phone and contact cadence; per-quadrant default cadences and an
assessment interval on the map.

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02 18:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_MAP_COLUMNS = (
    "cadence_key_players",
    "cadence_keep_satisfied",
    "cadence_keep_informed",
    "cadence_monitor",
    "assessment_every_days",
)


def upgrade() -> None:
    with op.batch_alter_table("stakeholder") as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("phone", sa.String(length=64), nullable=False, server_default=""))
        # NULL: the person follows their quadrant's default cadence.
        batch_op.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("map_info") as batch_op:
        for name in _MAP_COLUMNS:
            # 0: no rhythm / no reminder, so an upgraded map flags nobody until the user asks.
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("map_info") as batch_op:
        for name in reversed(_MAP_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("stakeholder") as batch_op:
        batch_op.drop_column("cadence_days")
        batch_op.drop_column("phone")
        batch_op.drop_column("email")
