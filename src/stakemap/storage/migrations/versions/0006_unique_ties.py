"""Ties are unique per (from, to, kind): two users linking the same pair at once store one tie.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A map that already held such a pair could not be opened (the load refuses duplicate ties), so
    # no file that opens today fails this.
    with op.batch_alter_table("relationship") as batch_op:
        batch_op.create_unique_constraint("uq_relationship_source_id", ["source_id", "target_id", "kind"])


def downgrade() -> None:
    with op.batch_alter_table("relationship") as batch_op:
        batch_op.drop_constraint("uq_relationship_source_id", type_="unique")
