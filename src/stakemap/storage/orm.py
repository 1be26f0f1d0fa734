"""Tables of a map database and the conversion of their rows to and from core entities (storage layer).

One map per database. Enums are stored as their string values and times as UTC,
so the same schema works on SQLite and PostgreSQL.

Plain Core tables, not ORM classes: the repository reads rows as tuples and writes
with bulk statements, so the ORM would add nothing but ~80 ms to every cold start
(importing ``sqlalchemy.orm`` and mapping the classes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect

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


metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _required(name: str, type_: Any, *args: Any, **kwargs: Any) -> Column[Any]:
    return Column(name, type_, *args, nullable=False, **kwargs)


def _optional(name: str, type_: Any, *args: Any, **kwargs: Any) -> Column[Any]:
    return Column(name, type_, *args, nullable=True, **kwargs)


# Column order matters: the ``to_*`` functions below unpack rows by position (much faster than by name).
map_info_table = Table(
    "map_info",
    metadata,
    _required("id", ID, primary_key=True),
    _required("title", NAME),
    _required("organisation", NAME),
    _required("purpose", Text),
    _required("author", NAME),
    _required("created_at", UTCDateTime),
    _required("modified_at", UTCDateTime),
    _required("label_key_players", NAME),
    _required("label_keep_satisfied", NAME),
    _required("label_keep_informed", NAME),
    _required("label_monitor", NAME),
    # No foreign key: the core keeps me_id valid, and a key would order deletes awkwardly.
    _optional("me_id", ID),
    _required("engagement_methods", JSON),
)

stakeholder_table = Table(
    "stakeholder",
    metadata,
    _required("id", ID, primary_key=True),
    _required("name", NAME),
    _required("role", NAME),
    _required("unit", NAME),
    _required("constituency", NAME),
    _optional("rank", Integer),
    _required("influence", Float),
    _required("interest", Float),
    _required("attitude", String(20)),
    _required("desired_attitude", String(20)),
    _required("trust", String(20)),
    _required("drivers_long_term", Text),
    _required("drivers_short_term", Text),
    _required("pain_points", Text),
    _required("offer", Text),
    _required("past_service", Text),
    _required("tags", JSON),
    _required("colour", String(7)),
    _required("contact_permitted", Boolean),
    _required("confidential", Boolean),
    _required("in_focus", Boolean),
    CheckConstraint("influence >= 0 AND influence <= 100", name="influence_range"),
    CheckConstraint("interest >= 0 AND interest <= 100", name="interest_range"),
)

relationship_table = Table(
    "relationship",
    metadata,
    _required("id", ID, primary_key=True),
    _required("source_id", ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True),
    _required("target_id", ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True),
    _required("kind", String(20)),
    _required("directed", Boolean),
    _required("strength", Integer),
    _required("confidence", String(20)),
    _required("note", Text),
    CheckConstraint("strength >= 1 AND strength <= 5", name="strength_range"),
)

note_table = Table(
    "note",
    metadata,
    _required("id", ID, primary_key=True),
    _required("text", Text),
    _required("kind", String(20)),
    _optional("stakeholder_id", ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True),
    _optional("relationship_id", ID, ForeignKey("relationship.id", ondelete="CASCADE"), index=True),
    _required("confidential", Boolean),
    _required("created_at", UTCDateTime),
)

engagement_table = Table(
    "engagement",
    metadata,
    _required("id", ID, primary_key=True),
    _required("stakeholder_id", ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True),
    _required("reason", Text),
    _required("method", NAME),
    _required("spiel", Text),
    _required("offer", Text),
    _required("owner", NAME),
    _optional("due", Date),
    _required("status", String(20)),
    _required("outcome", Text),
)

snapshot_table = Table(
    "snapshot",
    metadata,
    _required("id", ID, primary_key=True),
    _required("name", NAME),
    _required("taken_at", UTCDateTime),
)

snapshot_entry_table = Table(
    "snapshot_entry",
    metadata,
    _required("snapshot_id", ID, ForeignKey("snapshot.id", ondelete="CASCADE"), primary_key=True),
    _required("position", Integer, primary_key=True),
    # No foreign key: a snapshot remembers people who have since left the map.
    _required("stakeholder_id", ID),
    _required("name", NAME),
    _required("influence", Float),
    _required("interest", Float),
    _required("attitude", String(20)),
    _required("trust", String(20)),
)


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


# Rows come in as tuples in the column order of the tables above (``select(table)``): unpacking by
# position costs a fraction of attribute access by name, which dominated loading a big map. Every
# value still goes through the entity's own validation.
def to_map_info(row: Sequence[Any]) -> MapInfo:
    (_id, title, organisation, purpose, author, created_at, modified_at,
     key_players, keep_satisfied, keep_informed, monitor, me_id, methods) = row  # fmt: skip
    return MapInfo(
        title=title,
        organisation=organisation,
        purpose=purpose,
        author=author,
        created_at=created_at,
        modified_at=modified_at,
        quadrant_labels=QuadrantLabels(key_players, keep_satisfied, keep_informed, monitor),
        me_id=me_id,
        engagement_methods=tuple(methods or ()),
    )


def to_stakeholder(row: Sequence[Any]) -> Stakeholder:
    (id_, name, role, unit, constituency, rank, influence, interest, attitude, desired_attitude, trust,
     drivers_long_term, drivers_short_term, pain_points, offer, past_service, tags, colour,
     contact_permitted, confidential, in_focus) = row  # fmt: skip
    return Stakeholder(
        id=id_,
        name=name,
        role=role,
        unit=unit,
        constituency=constituency,
        rank=rank,
        influence=influence,
        interest=interest,
        attitude=Attitude(attitude),
        desired_attitude=Attitude(desired_attitude),
        trust=Trust(trust),
        drivers_long_term=drivers_long_term,
        drivers_short_term=drivers_short_term,
        pain_points=pain_points,
        offer=offer,
        past_service=past_service,
        tags=tuple(tags or ()),
        colour=colour,
        contact_permitted=bool(contact_permitted),
        confidential=bool(confidential),
        in_focus=bool(in_focus),
    )


def to_relationship(row: Sequence[Any]) -> Relationship:
    id_, source_id, target_id, kind, directed, strength, confidence, note = row
    return Relationship(
        id=id_,
        source_id=source_id,
        target_id=target_id,
        kind=RelationshipKind(kind),
        directed=bool(directed),
        strength=strength,
        confidence=Confidence(confidence),
        note=note,
    )


def to_note(row: Sequence[Any]) -> Note:
    id_, text, kind, stakeholder_id, relationship_id, confidential, created_at = row
    return Note(
        id=id_,
        text=text,
        kind=NoteKind(kind),
        stakeholder_id=stakeholder_id,
        relationship_id=relationship_id,
        confidential=bool(confidential),
        created_at=created_at,
    )


def to_engagement(row: Sequence[Any]) -> Engagement:
    id_, stakeholder_id, reason, method, spiel, offer, owner, due, status, outcome = row
    return Engagement(
        id=id_,
        stakeholder_id=stakeholder_id,
        reason=reason,
        method=method,
        spiel=spiel,
        offer=offer,
        owner=owner,
        due=due,
        status=EngagementStatus(status),
        outcome=outcome,
    )


def to_snapshot(row: Sequence[Any], entry_rows: Iterable[Sequence[Any]]) -> Snapshot:
    """A snapshot from its row and its entry rows (``snapshot_entry`` columns, in position order)."""
    id_, name, taken_at = row
    return Snapshot(
        id=id_,
        name=name,
        taken_at=taken_at,
        entries=tuple(
            SnapshotEntry(stakeholder_id, entry_name, influence, interest, Attitude(attitude), Trust(trust))
            for _snapshot_id, _position, stakeholder_id, entry_name, influence, interest, attitude, trust in entry_rows
        ),
    )


ROW_OF: dict[type, Table] = {
    MapInfo: map_info_table,
    Stakeholder: stakeholder_table,
    Relationship: relationship_table,
    Note: note_table,
    Engagement: engagement_table,
    Snapshot: snapshot_table,
}
