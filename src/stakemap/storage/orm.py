"""Tables of a map database and the conversion of their rows to and from core entities (storage layer).

One map per database. Enums are stored as their string values and times as UTC,
so the same schema works on SQLite and PostgreSQL.

The schema is declared as typed ORM classes (the project's chosen stack); loading
and writing use their tables with Core statements, which is several times faster
for whole-map reads than materialising ORM instances.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
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
    QuadrantCadences,
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
#: Marks (in ``Column.info``) a column the server fills and the entity does not carry: who wrote a
#: note or planned an engagement (migration 0007).
RECORDED = "recorded"


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
    cadence_key_players: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cadence_keep_satisfied: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cadence_keep_informed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cadence_monitor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    assessment_every_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


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
    email: Mapped[str] = mapped_column(NAME, default="", server_default="")
    phone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    cadence_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class RelationshipRow(Base):
    __tablename__ = "relationship"
    __table_args__ = (
        CheckConstraint("strength >= 1 AND strength <= 5", name="strength_range"),
        # Migration 0006: two users linking the same pair at once cannot store the tie twice.
        UniqueConstraint("source_id", "target_id", "kind"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    source_id: Mapped[str] = mapped_column(ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ID, ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    directed: Mapped[bool] = mapped_column(Boolean)
    strength: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


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
    # Migration 0007: who wrote it, set by the server (``session_user``); never written by the app.
    author: Mapped[str] = mapped_column(NAME, server_default="", info={RECORDED: True})
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


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
    # Migration 0007: who planned it, set by the server (``session_user``); never written by the app.
    author: Mapped[str] = mapped_column(NAME, server_default="", info={RECORDED: True})
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class SnapshotRow(Base):
    __tablename__ = "snapshot"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
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
    # Whether the person was confidential then: audience output never names them (migration 0004).
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)


metadata = Base.metadata

#: Every entity table carries ``version``: the repository names it in each UPDATE and DELETE, so a
#: row changed by anyone else (another writer, a restore) makes the write fail instead of land blind.
VERSION = "version"

# The repository reads and writes through the mapped tables with Core statements (bulk inserts and
# updates, rows as tuples): the classes define the schema, typed; Core moves the rows. Column order
# matters: the ``to_*`` functions below unpack rows by position (much faster than by name).
map_info_table: Table = MapInfoRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
stakeholder_table: Table = StakeholderRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
relationship_table: Table = RelationshipRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
note_table: Table = NoteRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
engagement_table: Table = EngagementRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
snapshot_table: Table = SnapshotRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause
snapshot_entry_table: Table = SnapshotEntryRow.__table__  # type: ignore[assignment]  # a declarative class's __table__ is typed as FromClause


def entity_columns(table: Table) -> list[Any]:
    """The columns an entity is made of, in order: neither the version nor the recorded author."""
    return [c for c in table.c if c.name != VERSION and not c.info.get(RECORDED)]


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
            "cadence_key_players": entity.cadences.key_players,
            "cadence_keep_satisfied": entity.cadences.keep_satisfied,
            "cadence_keep_informed": entity.cadences.keep_informed,
            "cadence_monitor": entity.cadences.monitor,
            "assessment_every_days": entity.assessment_every_days,
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
            "confidential": e.confidential,
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
     key_players, keep_satisfied, keep_informed, monitor, me_id, methods,
     cadence_kp, cadence_ks, cadence_ki, cadence_mo, assessment_every_days) = row  # fmt: skip
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
        cadences=QuadrantCadences(cadence_kp, cadence_ks, cadence_ki, cadence_mo),
        assessment_every_days=assessment_every_days,
    )


def to_stakeholder(row: Sequence[Any]) -> Stakeholder:
    (id_, name, role, unit, constituency, rank, influence, interest, attitude, desired_attitude, trust,
     drivers_long_term, drivers_short_term, pain_points, offer, past_service, tags, colour,
     contact_permitted, confidential, in_focus, email, phone, cadence_days) = row  # fmt: skip
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
        email=email,
        phone=phone,
        cadence_days=cadence_days,
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
    try:
        entries = tuple(_entry(*entry[2:]) for entry in entry_rows)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"in the snapshot “{name}”: {exc}") from exc
    return Snapshot(id=id_, name=name, taken_at=taken_at, entries=entries)


def _entry(
    stakeholder_id: str,
    name: str,
    influence: float,
    interest: float,
    attitude: str,
    trust: str,
    confidential: bool,
) -> SnapshotEntry:
    """A snapshot entry, held to the same rules as a live person (a 50 MB name or an influence of
    1e300 would load, then break comparisons and the PDF)."""
    entry = SnapshotEntry(
        stakeholder_id, name, influence, interest, Attitude(attitude), Trust(trust), bool(confidential)
    )
    Stakeholder(name, influence=influence, interest=interest, id=stakeholder_id)  # raises if invalid
    return entry


#: Every table and index Stakemap's schema has; anything else in a file was made by another program.
OWN_SCHEMA_OBJECTS: frozenset[str] = frozenset(
    {"alembic_version"}
    | {table.name for table in metadata.sorted_tables}
    | {index.name for table in metadata.sorted_tables for index in table.indexes if index.name}
)

#: Our own indexes: name -> (table, columns, unique), to tell one another program redefined.
OWN_INDEXES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    str(index.name): (table.name, tuple(c.name for c in index.columns), bool(index.unique))
    for table in metadata.sorted_tables
    for index in table.indexes
    if index.name
}

ROW_OF: dict[type, Table] = {
    MapInfo: map_info_table,
    Stakeholder: stakeholder_table,
    Relationship: relationship_table,
    Note: note_table,
    Engagement: engagement_table,
    Snapshot: snapshot_table,
}

#: Row (without its version) back to an entity, for the kinds whose rows stand alone (a snapshot
#: needs its entries too): how a stale write reads what the other writer left.
ENTITY_OF_ROW: dict[type, Callable[[Sequence[Any]], Entity]] = {
    MapInfo: to_map_info,
    Stakeholder: to_stakeholder,
    Relationship: to_relationship,
    Note: to_note,
    Engagement: to_engagement,
}
