"""A both-ways tie is unique whichever end is written first: A–B allies and B–A allies are one tie.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:10:00

0006 made (from, to, kind) unique, which left two users free to store the same both-ways tie with
its ends the other way round; the map then refused to load ("duplicate ties"). This expression
index keys both-ways ties by their ends in sorted order. Server maps only: a map file has one
writer, whose model already refuses the same tie twice, and a map file's own schema is checked
against the ORM's (an index it does not know would mark the file as altered by another program).
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "uq_relationship_both_ways"


def upgrade() -> None:
    # A map holding such a pair could not be opened (the model refuses the same tie twice), so no
    # map that opens today fails this.
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE UNIQUE INDEX {NAME} ON relationship "
        "(LEAST(source_id, target_id), GREATEST(source_id, target_id), kind) WHERE NOT directed"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {NAME}")
