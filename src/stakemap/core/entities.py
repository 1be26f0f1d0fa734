"""Domain entities of a stakeholder map (core layer: no Qt, no SQL).

Entities are frozen dataclasses that validate themselves on construction, so an
invalid value can never sit in a map: edits build a new entity with
``dataclasses.replace`` and either it is valid or a ``ValueError`` says why.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)

MAX_NAME = 200
MAX_TEXT = 20_000
MAX_TAGS = 50


def new_id() -> str:
    """A fresh entity id: random, so maps can be merged and imported without clashes."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    # Microseconds kept: notes added in the same second must still sort newest first.
    return datetime.now(UTC)


class Attitude(Enum):
    """Where a person stands toward our work, from active blocker to champion."""

    ACTIVE_BLOCKER = "active_blocker"
    BLOCKER = "blocker"
    NEUTRAL = "neutral"
    SUPPORTER = "supporter"
    CHAMPION = "champion"

    @property
    def score(self) -> int:
        """-2 (active blocker) .. +2 (champion): lets comparisons say who moved toward support."""
        return _ATTITUDE_ORDER.index(self) - 2

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


_ATTITUDE_ORDER = list(Attitude)


class Trust(Enum):
    """Do we enjoy this person's trust and respect?"""

    UNKNOWN = "unknown"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class RelationshipKind(Enum):
    REPORTS_TO = "reports_to"
    ADVISES = "advises"
    ALLIES_WITH = "allies_with"
    CONFLICTS_WITH = "conflicts_with"
    INFORMAL = "informal"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    RelationshipKind.REPORTS_TO: "reports to",
    RelationshipKind.ADVISES: "advises / is listened to by",
    RelationshipKind.ALLIES_WITH: "allies with",
    RelationshipKind.CONFLICTS_WITH: "conflicts with",
    RelationshipKind.INFORMAL: "informal / friendship",
}


class Confidence(Enum):
    """Whether a tie was seen or is only assumed; assumed ties count less in analysis."""

    OBSERVED = "observed"
    ASSUMED = "assumed"


class NoteKind(Enum):
    MEETING = "meeting"
    CONVERSATION = "conversation"
    OBSERVATION = "observation"
    EMAIL = "email"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EngagementStatus(Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self in (EngagementStatus.PLANNED, EngagementStatus.IN_PROGRESS, EngagementStatus.POSTPONED)


#: The methods the method names; the user may type any other.
ENGAGEMENT_METHODS: tuple[str, ...] = (
    "Email",
    "Interview request",
    "Casual conversation",
    "Committee presentation",
    "Lunch event",
    "Corporate social",
    "Other",
)


#: The one wording for text no database can hold (the model, the storage and the window all say it).
UNSTORABLE_CHARACTER = "a broken character (an unpaired surrogate code point) that cannot be stored"


def _text(value: str, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{what} is too long ({len(value):,} characters; at most {limit:,})")
    if "\x00" in value:
        raise ValueError(f"{what} contains a NUL character")
    if not value.isascii() and _has_lone_surrogate(value):
        raise ValueError(f"{what} contains {UNSTORABLE_CHARACTER}")
    return value


def _has_lone_surrogate(value: str) -> bool:
    # Such text (e.g. from a badly decoded file name or clipboard) cannot be encoded as UTF-8, so no
    # database can hold it; encoding is a C-speed test, and ASCII text never gets here.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _name(value: str, what: str) -> str:
    _text(value, what, MAX_NAME)
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
    return value


def _score(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number from 0 to 100")
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError(f"{what} must be from 0 to 100, not {value}")
    return float(value)


def _enum(value: E, cls: type[E], what: str) -> E:
    if not isinstance(value, cls):
        raise ValueError(f"{what} must be one of {', '.join(m.value for m in cls)}")
    return value


def _int_range(value: int, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _flag(value: bool, what: str) -> bool:
    # A None or "yes" would show one thing on screen and store another: only true or false.
    if not isinstance(value, bool):
        raise ValueError(f"{what} must be true or false, not {value!r}")
    return value


def _colour(value: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"colour must look like #3a7bd5, not {value!r}")
    if value and not (
        len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    ):
        raise ValueError(f"colour must look like #3a7bd5, not {value!r}")
    return value


@dataclass(frozen=True)
class QuadrantLabels:
    """Editable names of the four quadrants of the influence x interest grid."""

    key_players: str = "Key players"
    keep_satisfied: str = "Keep satisfied"
    keep_informed: str = "Keep informed"
    monitor: str = "Monitor"

    def __post_init__(self) -> None:
        for label in (self.key_players, self.keep_satisfied, self.keep_informed, self.monitor):
            _name(label, "A quadrant label")


#: The longest contact cadence or assessment interval, in days (ten years): a typo guard.
MAX_INTERVAL_DAYS = 3660


def _interval(value: int, what: str) -> int:
    return _int_range(value, 0, MAX_INTERVAL_DAYS, what)


@dataclass(frozen=True)
class QuadrantCadences:
    """Default contact cadence (days; 0 = none) of each quadrant, for people without their own."""

    key_players: int = 0
    keep_satisfied: int = 0
    keep_informed: int = 0
    monitor: int = 0

    def __post_init__(self) -> None:
        for days in (self.key_players, self.keep_satisfied, self.keep_informed, self.monitor):
            _interval(days, "A quadrant's contact cadence (days)")


@dataclass(frozen=True)
class MapInfo:
    """The map's own fields: what it is about and who made it."""

    title: str = "Untitled map"
    organisation: str = ""
    purpose: str = ""
    author: str = ""
    created_at: datetime = field(default_factory=utc_now)
    modified_at: datetime = field(default_factory=utc_now)
    quadrant_labels: QuadrantLabels = field(default_factory=QuadrantLabels)
    me_id: str | None = None  # the stakeholder who is "me": the default start of paths
    engagement_methods: tuple[str, ...] = ()  # the user's own methods, beyond ENGAGEMENT_METHODS
    cadences: QuadrantCadences = field(default_factory=QuadrantCadences)
    assessment_every_days: int = 0  # re-assess (take a snapshot) this often; 0 = no reminder

    id = "map"  # a singleton, keyed like the other entities

    def __post_init__(self) -> None:
        _name(self.title, "The map title")
        _text(self.organisation, "The organisation", MAX_NAME)
        _text(self.purpose, "The purpose")
        _text(self.author, "The author", MAX_NAME)
        if not isinstance(self.engagement_methods, tuple) or len(self.engagement_methods) > MAX_TAGS:
            raise ValueError(f"Engagement methods must be a tuple of at most {MAX_TAGS} names")
        for method in self.engagement_methods:
            _name(method, "An engagement method")
        if not isinstance(self.cadences, QuadrantCadences):
            raise ValueError("The quadrant cadences must be a QuadrantCadences")
        _interval(self.assessment_every_days, "The assessment interval (days)")


@dataclass(frozen=True)
class Stakeholder:
    name: str
    role: str = ""
    unit: str = ""
    constituency: str = ""
    rank: int | None = None  # formal level: 1 is the top of the hierarchy
    influence: float = 50.0
    interest: float = 50.0
    attitude: Attitude = Attitude.NEUTRAL
    desired_attitude: Attitude = Attitude.SUPPORTER
    trust: Trust = Trust.UNKNOWN
    drivers_long_term: str = ""
    drivers_short_term: str = ""
    pain_points: str = ""  # "where they are hurting"
    offer: str = ""  # what we can give first
    past_service: str = ""  # how we served them before; what went well or badly
    tags: tuple[str, ...] = ()
    colour: str = ""
    contact_permitted: bool = True
    confidential: bool = False
    in_focus: bool = False  # gets a conversation card in the plan
    email: str = ""  # private, like notes: audiences never see it
    phone: str = ""  # private, like notes
    cadence_days: int | None = None  # contact every N days; 0 = no rhythm; None = the quadrant's default
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _name(self.name, "A stakeholder's name")
        for value, what in (
            (self.role, "The role"),
            (self.unit, "The unit"),
            (self.constituency, "The constituency"),
        ):
            _text(value, what, MAX_NAME)
        if self.rank is not None:
            _int_range(self.rank, 1, 99, "The formal rank")
        _score(self.influence, "Influence")
        _score(self.interest, "Interest")
        object.__setattr__(self, "influence", float(self.influence))
        object.__setattr__(self, "interest", float(self.interest))
        _enum(self.attitude, Attitude, "Attitude")
        _enum(self.desired_attitude, Attitude, "Desired attitude")
        _enum(self.trust, Trust, "Trust")
        for value, what in (
            (self.drivers_long_term, "Long-term drivers"),
            (self.drivers_short_term, "Short-term drivers"),
            (self.pain_points, "Where they are hurting"),
            (self.offer, "What we can offer"),
            (self.past_service, "How we served them"),
        ):
            _text(value, what)
        if not isinstance(self.tags, tuple) or len(self.tags) > MAX_TAGS:
            raise ValueError(f"Tags must be a tuple of at most {MAX_TAGS} names")
        for tag in self.tags:
            _name(tag, "A tag")
        _colour(self.colour)
        _flag(self.contact_permitted, "Contact permitted")
        _flag(self.confidential, "Confidential")
        _flag(self.in_focus, "In focus")
        _email(self.email)
        _text(self.phone, "The phone number", MAX_PHONE)
        if self.cadence_days is not None:
            _interval(self.cadence_days, "The contact cadence (days)")
        _id(self.id)


@dataclass(frozen=True)
class Relationship:
    """A tie between two people: who reports to, advises, allies or conflicts with whom."""

    source_id: str
    target_id: str
    kind: RelationshipKind = RelationshipKind.ADVISES
    directed: bool = True  # False: the tie goes both ways (e.g. allies, friendship)
    strength: int = 3  # 1 weak .. 5 strong
    confidence: Confidence = Confidence.OBSERVED
    note: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _id(self.source_id)
        _id(self.target_id)
        if self.source_id == self.target_id:
            raise ValueError("A relationship must link two different people")
        _enum(self.kind, RelationshipKind, "The relationship kind")
        _enum(self.confidence, Confidence, "Confidence")
        _int_range(self.strength, 1, 5, "Strength")
        _flag(self.directed, "Direction (one way)")
        _text(self.note, "The relationship note")
        _id(self.id)

    def same_tie(self, other: Relationship) -> bool:
        """True if both describe the same tie (same people, same kind, same direction)."""
        if self.kind != other.kind:
            return False
        if (self.source_id, self.target_id) == (other.source_id, other.target_id):
            return True
        undirected = not self.directed or not other.directed
        return undirected and (self.source_id, self.target_id) == (other.target_id, other.source_id)


@dataclass(frozen=True)
class Note:
    """A timestamped note on a person, a relationship, or (neither given) the whole map."""

    text: str
    kind: NoteKind = NoteKind.OBSERVATION
    stakeholder_id: str | None = None
    relationship_id: str | None = None
    confidential: bool = False
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _text(self.text, "The note")
        if not self.text.strip():
            raise ValueError("A note must not be empty")
        _enum(self.kind, NoteKind, "The note kind")
        if self.stakeholder_id is not None and self.relationship_id is not None:
            raise ValueError("A note belongs to a person or a relationship, not both")
        _flag(self.confidential, "Confidential")
        _aware(self.created_at, "The note time")
        _id(self.id)


@dataclass(frozen=True)
class Engagement:
    """One planned contact in the communications plan."""

    stakeholder_id: str
    reason: str = ""
    method: str = "Casual conversation"
    spiel: str = ""  # the key question: ask, don't tell or sell (yet)
    offer: str = ""
    owner: str = ""
    due: date | None = None
    status: EngagementStatus = EngagementStatus.PLANNED
    outcome: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _id(self.stakeholder_id)
        for value, what in (
            (self.reason, "The reason"),
            (self.spiel, "The spiel"),
            (self.offer, "The offer"),
        ):
            _text(value, what)
        _text(self.method, "The method", MAX_NAME)
        _text(self.owner, "The owner", MAX_NAME)
        _text(self.outcome, "The outcome")
        if self.due is not None and (not isinstance(self.due, date) or isinstance(self.due, datetime)):
            raise ValueError("The due date must be a date")
        _enum(self.status, EngagementStatus, "The status")
        _id(self.id)

    def is_overdue(self, today: date) -> bool:
        return self.status.is_open and self.due is not None and self.due < today

    def is_upcoming(self, today: date, days: int = 7) -> bool:
        return self.status.is_open and self.due is not None and 0 <= (self.due - today).days <= days


@dataclass(frozen=True)
class SnapshotEntry:
    stakeholder_id: str
    name: str
    influence: float
    interest: float
    attitude: Attitude
    trust: Trust
    confidential: bool = False  # whether the person was confidential when the snapshot was taken


@dataclass(frozen=True)
class Snapshot:
    """A named, dated copy of where everyone stood, to compare then and now."""

    name: str
    entries: tuple[SnapshotEntry, ...] = ()
    taken_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _name(self.name, "The snapshot name")
        _aware(self.taken_at, "The snapshot time")
        _id(self.id)


MAX_PHONE = 64


def _email(value: str) -> str:
    _text(value, "The email address", MAX_NAME)
    # Only the shape an address must have to be matched against invitations: one @, no spaces.
    if value and (value.count("@") != 1 or any(c.isspace() for c in value) or value.startswith("@")
                  or value.endswith("@")):  # fmt: skip
        raise ValueError(f"The email address must look like name@example.org, not {value!r}")
    return value


def _id(value: str) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= 64:
        raise ValueError(f"Not a valid id: {value!r}")


def _aware(value: datetime, what: str) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError(f"{what} must be a date and time with a time zone")


Entity = MapInfo | Stakeholder | Relationship | Note | Engagement | Snapshot
