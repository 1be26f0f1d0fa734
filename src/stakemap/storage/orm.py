"""Table rows of a map database and their conversion to and from core entities (storage layer).

One map per database. Enums are stored as their string values and times as UTC,
so the same schema works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from stakemap.core.entities import (
    Attitude,
    Confidence,
    Engagement,
    EngagementStatus,
    Entity,
    MapInfo,
    Note,
    NoteKind,
    QuadrantLabels,
    Relationship,
    RelationshipKind,
    Snapshot,
    SnapshotEntry,
    Stakeholder,
    Trust,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(64)
NAME = String(200)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive storage) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MapInfoRow(Base):
    __tablename__ = "map_info"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(NAME)
    organisation: Mapped[str] = mapped_column(NAME, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(NAME, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    label_key_players: Mapped[str] = mapped_column(NAME)
    label_keep_satisfied: Mapped[str] = mapped_column(NAME)
    label_keep_informed: Mapped[str] = mapped_column(NAME)
    label_monitor: Mapped[str] = mapped_column(NAME)
    # No foreign key: the core keeps me_id valid, and a key would order deletes awkwardly.
    me_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    engagement_methods: Mapped[list[str]] = mapped_column(JSON, default=list)


class StakeholderRow(Base):
    __tablename__ = "stakeholder"
    __table_args__ = (
        CheckConstraint("influence >= 0 AND influence <= 100", name="influence_range"),
        CheckConstraint("interest >= 0 AND interest <= 100", name="interest_range"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    role: Mapped[str] = mapped_column(NAME, default="")
    unit: Mapped[str] = mapped_column(NAME, default="")
    constituency: Mapped[str] = mapped_column(NAME, default="")
    rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    influence: Mapped[float] = mapped_column(Float)
    interest: Mapped[float] = mapped_column(Float)
    attitude: Mapped[str] = mapped_column(String(20))
    desired_attitude: Mapped[str] = mapped_column(String(20))
    trust: Mapped[str] = mapped_column(String(20))
    drivers_long_term: Mapped[str] = mapped_column(Text, default="")
    drivers_short_term: Mapped[str] = mapped_column(Text, default="")
    pain_points: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    past_service: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    colour: Mapped[str] = mapped_column(String(7), default="")
    contact_permitted: Mapped[bool] = mapped_column(Boolean, default=True)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    in_focus: Mapped[bool] = mapped_column(Boolean, default=False)


class RelationshipRow(Base):
    __tablename__ = "relationship"
    __table_args__ = (CheckConstraint("strength >= 1 AND strength <= 5", name="strength_range"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    source_id: Mapped[str] = mapped_column(ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    directed: Mapped[bool] = mapped_column(Boolean)
    strength: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class NoteRow(Base):
    __tablename__ = "note"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    stakeholder_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), nullable=True, index=True
    )
    relationship_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("relationship.id", ondelete="CASCADE"), nullable=True, index=True
    )
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EngagementRow(Base):
    __tablename__ = "engagement"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    stakeholder_id: Mapped[str] = mapped_column(
        ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(NAME, default="")
    spiel: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(NAME, default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(Text, default="")


class SnapshotRow(Base):
    __tablename__ = "snapshot"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    entries: Mapped[list[SnapshotEntryRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SnapshotEntryRow.position"
    )


class SnapshotEntryRow(Base):
    __tablename__ = "snapshot_entry"

    snapshot_id: Mapped[str] = mapped_column(
        ID, ForeignKey("snapshot.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No foreign key: a snapshot remembers people who have since left the map.
    stakeholder_id: Mapped[str] = mapped_column(ID)
    name: Mapped[str] = mapped_column(NAME)
    influence: Mapped[float] = mapped_column(Float)
    interest: Mapped[float] = mapped_column(Float)
    attitude: Mapped[str] = mapped_column(String(20))
    trust: Mapped[str] = mapped_column(String(20))


# ------------------------------------------------------------------ conversion
def row_values(entity: Entity) -> dict[str, Any]:
    """Column values of an entity (snapshot entries excluded: see ``snapshot_entry_values``)."""
    if isinstance(entity, MapInfo):
        labels = entity.quadrant_labels
        return {
            "id": entity.id,
            "title": entity.title,
            "organisation": entity.organisation,
            "purpose": entity.purpose,
            "author": entity.author,
            "created_at": entity.created_at,
            "modified_at": entity.modified_at,
            "label_key_players": labels.key_players,
            "label_keep_satisfied": labels.keep_satisfied,
            "label_keep_informed": labels.keep_informed,
            "label_monitor": labels.monitor,
            "me_id": entity.me_id,
            "engagement_methods": list(entity.engagement_methods),
        }
    if isinstance(entity, Stakeholder):
        values = _plain_fields(entity)
        values.update(
            attitude=entity.attitude.value,
            desired_attitude=entity.desired_attitude.value,
            trust=entity.trust.value,
            tags=list(entity.tags),
        )
        return values
    if isinstance(entity, Relationship):
        values = _plain_fields(entity)
        values.update(kind=entity.kind.value, confidence=entity.confidence.value)
        return values
    if isinstance(entity, Note):
        values = _plain_fields(entity)
        values.update(kind=entity.kind.value)
        return values
    if isinstance(entity, Engagement):
        values = _plain_fields(entity)
        values.update(status=entity.status.value)
        return values
    if isinstance(entity, Snapshot):
        return {"id": entity.id, "name": entity.name, "taken_at": entity.taken_at}
    raise TypeError(f"Not an entity: {entity!r}")


def snapshot_entry_values(snapshot: Snapshot) -> list[dict[str, Any]]:
    return [
        {
            "snapshot_id": snapshot.id,
            "position": index,
            "stakeholder_id": e.stakeholder_id,
            "name": e.name,
            "influence": e.influence,
            "interest": e.interest,
            "attitude": e.attitude.value,
            "trust": e.trust.value,
        }
        for index, e in enumerate(snapshot.entries)
    ]


def _plain_fields(entity: Entity) -> dict[str, Any]:
    return dict(vars(entity))


def to_map_info(row: MapInfoRow) -> MapInfo:
    return MapInfo(
        title=row.title,
        organisation=row.organisation,
        purpose=row.purpose,
        author=row.author,
        created_at=row.created_at,
        modified_at=row.modified_at,
        quadrant_labels=QuadrantLabels(
            row.label_key_players, row.label_keep_satisfied, row.label_keep_informed, row.label_monitor
        ),
        me_id=row.me_id,
        engagement_methods=tuple(row.engagement_methods or ()),
    )


def to_stakeholder(row: StakeholderRow) -> Stakeholder:
    return Stakeholder(
        id=row.id,
        name=row.name,
        role=row.role,
        unit=row.unit,
        constituency=row.constituency,
        rank=row.rank,
        influence=row.influence,
        interest=row.interest,
        attitude=Attitude(row.attitude),
        desired_attitude=Attitude(row.desired_attitude),
        trust=Trust(row.trust),
        drivers_long_term=row.drivers_long_term,
        drivers_short_term=row.drivers_short_term,
        pain_points=row.pain_points,
        offer=row.offer,
        past_service=row.past_service,
        tags=tuple(row.tags or ()),
        colour=row.colour,
        contact_permitted=bool(row.contact_permitted),
        confidential=bool(row.confidential),
        in_focus=bool(row.in_focus),
    )


def to_relationship(row: RelationshipRow) -> Relationship:
    return Relationship(
        id=row.id,
        source_id=row.source_id,
        target_id=row.target_id,
        kind=RelationshipKind(row.kind),
        directed=bool(row.directed),
        strength=row.strength,
        confidence=Confidence(row.confidence),
        note=row.note,
    )


def to_note(row: NoteRow) -> Note:
    return Note(
        id=row.id,
        text=row.text,
        kind=NoteKind(row.kind),
        stakeholder_id=row.stakeholder_id,
        relationship_id=row.relationship_id,
        confidential=bool(row.confidential),
        created_at=row.created_at,
    )


def to_engagement(row: EngagementRow) -> Engagement:
    return Engagement(
        id=row.id,
        stakeholder_id=row.stakeholder_id,
        reason=row.reason,
        method=row.method,
        spiel=row.spiel,
        offer=row.offer,
        owner=row.owner,
        due=row.due,
        status=EngagementStatus(row.status),
        outcome=row.outcome,
    )


def to_snapshot(row: SnapshotRow) -> Snapshot:
    return Snapshot(
        id=row.id,
        name=row.name,
        taken_at=row.taken_at,
        entries=tuple(
            SnapshotEntry(
                e.stakeholder_id, e.name, e.influence, e.interest, Attitude(e.attitude), Trust(e.trust)
            )
            for e in row.entries
        ),
    )


ROW_OF: dict[type, type[Base]] = {
    MapInfo: MapInfoRow,
    Stakeholder: StakeholderRow,
    Relationship: RelationshipRow,
    Note: NoteRow,
    Engagement: EngagementRow,
    Snapshot: SnapshotRow,
}
