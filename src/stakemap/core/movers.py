"""Who moved most between two times, and who is furthest from where we want them (core layer).

Movers compare two *standings* of everyone: a snapshot, or the map as it is now. "Since a date"
uses the latest snapshot taken on or before that date. The attitude gap ranks people by how far
their attitude is from the desired one, with the open engagement that addresses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from stakemap.core.compare import PersonShift
from stakemap.core.entities import Attitude, Engagement, Snapshot, SnapshotEntry, Trust
from stakemap.core.model import Map

_TRUST_LEVEL = {Trust.UNKNOWN: None, Trust.LOW: 0, Trust.MEDIUM: 1, Trust.HIGH: 2}

#: How many grid points one step of attitude or trust counts as in the combined ranking: a move of
#: one attitude step (neutral -> supporter) matters about as much as crossing a quarter of the grid.
ATTITUDE_STEP_POINTS = 25.0
TRUST_STEP_POINTS = 15.0


def current_entries(the_map: Map) -> tuple[SnapshotEntry, ...]:
    """The map now, as snapshot entries, so "now" compares like any snapshot."""
    return tuple(
        SnapshotEntry(s.id, s.name, s.influence, s.interest, s.attitude, s.trust)
        for s in the_map.stakeholders.values()
    )


@dataclass(frozen=True)
class Mover(PersonShift):
    """A person's shift between two standings, with trust and one score to rank the movers by."""

    @property
    def trust_delta(self) -> int:
        """Steps of trust gained (negative: lost); 0 when either side is unknown."""
        old, new = _TRUST_LEVEL[self.old_trust], _TRUST_LEVEL[self.new_trust]
        return 0 if old is None or new is None else new - old

    @property
    def score(self) -> float:
        return (
            self.distance
            + ATTITUDE_STEP_POINTS * abs(self.attitude_delta)
            + TRUST_STEP_POINTS * abs(self.trust_delta)
            + (TRUST_STEP_POINTS / 2 if self.old_trust != self.new_trust and self.trust_delta == 0 else 0.0)
        )

    def describe(self) -> str:
        parts: list[str] = []
        (oi, on), (ni, nn) = self.old_position, self.new_position
        moves = [f"{axis} {old:.0f}→{new:.0f}" for axis, old, new in (("influence", oi, ni), ("interest", on, nn))
                 if round(old) != round(new)]  # fmt: skip
        if moves:
            parts.append(", ".join(moves))
        if self.attitude_delta:
            parts.append(f"{self.old_attitude.label} → {self.new_attitude.label}")
        if self.old_trust != self.new_trust:
            parts.append(f"trust {self.old_trust.label.lower()} → {self.new_trust.label.lower()}")
        return "; ".join(parts) or "no change"


def movers(
    before: tuple[SnapshotEntry, ...], after: tuple[SnapshotEntry, ...], *, limit: int | None = None
) -> list[Mover]:
    """People in both standings who changed, biggest movers first (ties by name)."""
    then = {e.stakeholder_id: e for e in before}
    found = [
        Mover(
            e.stakeholder_id,
            e.name,
            (then[e.stakeholder_id].influence, then[e.stakeholder_id].interest),
            (e.influence, e.interest),
            then[e.stakeholder_id].attitude,
            e.attitude,
            then[e.stakeholder_id].trust,
            e.trust,
        )
        for e in after
        if e.stakeholder_id in then
    ]
    ranked = sorted((m for m in found if m.score > 0), key=lambda m: (-m.score, m.name.casefold()))
    return ranked[:limit] if limit is not None else ranked


def snapshot_on_or_before(the_map: Map, day: date) -> Snapshot | None:
    """The latest snapshot taken on or before ``day`` (UTC), or None."""
    eligible = [s for s in the_map.snapshots.values() if s.taken_at.date() <= day]
    return max(eligible, key=lambda s: s.taken_at, default=None)


def movers_since(the_map: Map, day: date, *, limit: int | None = None) -> tuple[Snapshot | None, list[Mover]]:
    """Movers from the latest snapshot on or before ``day`` to now; (None, []) if there is none."""
    snap = snapshot_on_or_before(the_map, day)
    if snap is None:
        return None, []
    return snap, movers(snap.entries, current_entries(the_map), limit=limit)


def snapshots_by_time(the_map: Map) -> list[Snapshot]:
    return sorted(the_map.snapshots.values(), key=lambda s: s.taken_at)


@dataclass(frozen=True)
class AttitudeGap:
    stakeholder_id: str
    name: str
    attitude: Attitude
    desired: Attitude
    plan: Engagement | None  # the next open engagement with them, or None: no plan yet

    @property
    def gap(self) -> int:
        return self.desired.score - self.attitude.score

    def plan_text(self) -> str:
        if self.plan is None:
            return "No plan yet"
        e = self.plan
        when = f" by {e.due:%d %b %Y}" if e.due else ""
        reason = f": {e.reason}" if e.reason else ""
        return f"{e.method}{when}{reason}"


def attitude_gaps(the_map: Map) -> list[AttitudeGap]:
    """People whose attitude is short of the desired one, furthest first; then by influence, name."""
    next_plan: dict[str, Engagement] = {}
    for e in the_map.plan():  # by due date, undated last: the first open one per person is next
        if e.status.is_open:
            next_plan.setdefault(e.stakeholder_id, e)
    gaps = [
        AttitudeGap(
            person.id, person.name, person.attitude, person.desired_attitude, next_plan.get(person.id)
        )
        for person in the_map.stakeholders.values()
        if person.desired_attitude.score > person.attitude.score
    ]
    influence = {p.id: p.influence for p in the_map.stakeholders.values()}
    return sorted(gaps, key=lambda g: (-g.gap, -influence[g.stakeholder_id], g.name.casefold()))


def when_label(moment: datetime) -> str:
    return f"{moment:%d %b %Y}"
