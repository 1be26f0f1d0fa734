"""Initial schema: map details, stakeholders, relationships, notes, engagements, snapshots.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 18:50:52.840732
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "map_info",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("label_key_players", sa.String(length=200), nullable=False),
        sa.Column("label_keep_satisfied", sa.String(length=200), nullable=False),
        sa.Column("label_keep_informed", sa.String(length=200), nullable=False),
        sa.Column("label_monitor", sa.String(length=200), nullable=False),
        sa.Column("me_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_map_info")),
    )
    op.create_table(
        "snapshot",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshot")),
    )
    op.create_table(
        "stakeholder",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("constituency", sa.String(length=200), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("influence", sa.Float(), nullable=False),
        sa.Column("interest", sa.Float(), nullable=False),
        sa.Column("attitude", sa.String(length=20), nullable=False),
        sa.Column("desired_attitude", sa.String(length=20), nullable=False),
        sa.Column("trust", sa.String(length=20), nullable=False),
        sa.Column("drivers_long_term", sa.Text(), nullable=False),
        sa.Column("drivers_short_term", sa.Text(), nullable=False),
        sa.Column("pain_points", sa.Text(), nullable=False),
        sa.Column("offer", sa.Text(), nullable=False),
        sa.Column("past_service", sa.Text(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("contact_permitted", sa.Boolean(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("in_focus", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "influence >= 0 AND influence <= 100", name=op.f("ck_stakeholder_influence_range")
        ),
        sa.CheckConstraint("interest >= 0 AND interest <= 100", name=op.f("ck_stakeholder_interest_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder")),
    )
    op.create_table(
        "engagement",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("stakeholder_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=200), nullable=False),
        sa.Column("spiel", sa.Text(), nullable=False),
        sa.Column("offer", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_engagement_stakeholder_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement")),
    )
    with op.batch_alter_table("engagement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_engagement_stakeholder_id"), ["stakeholder_id"], unique=False)

    op.create_table(
        "relationship",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("directed", sa.Boolean(), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("strength >= 1 AND strength <= 5", name=op.f("ck_relationship_strength_range")),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["stakeholder.id"],
            name=op.f("fk_relationship_source_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["stakeholder.id"],
            name=op.f("fk_relationship_target_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship")),
    )
    with op.batch_alter_table("relationship", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relationship_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_relationship_target_id"), ["target_id"], unique=False)

    op.create_table(
        "snapshot_entry",
        sa.Column("snapshot_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("influence", sa.Float(), nullable=False),
        sa.Column("interest", sa.Float(), nullable=False),
        sa.Column("attitude", sa.String(length=20), nullable=False),
        sa.Column("trust", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["snapshot.id"],
            name=op.f("fk_snapshot_entry_snapshot_id_snapshot"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snapshot_id", "position", name=op.f("pk_snapshot_entry")),
    )
    op.create_table(
        "note",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stakeholder_id", sa.String(length=64), nullable=True),
        sa.Column("relationship_id", sa.String(length=64), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationship.id"],
            name=op.f("fk_note_relationship_id_relationship"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_note_stakeholder_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_relationship_id"), ["relationship_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_note_stakeholder_id"), ["stakeholder_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_note_relationship_id"))

    op.drop_table("note")
    op.drop_table("snapshot_entry")
    with op.batch_alter_table("relationship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relationship_target_id"))
        batch_op.drop_index(batch_op.f("ix_relationship_source_id"))

    op.drop_table("relationship")
    with op.batch_alter_table("engagement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_engagement_stakeholder_id"))

    op.drop_table("engagement")
    op.drop_table("stakeholder")
    op.drop_table("snapshot")
    op.drop_table("map_info")
