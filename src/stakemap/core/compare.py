"""Then versus now: how a map has changed since a snapshot (core layer).

"You will not realise you are making progress immediately, but over time you
will get the signals": this turns a snapshot and the current map into the
movements, attitude shifts, arrivals and departures, and a short summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from stakemap.core.entities import Attitude, Snapshot, Trust
from stakemap.core.grid import quadrant_of
from stakemap.core.model import Map

#: Moves smaller than this (in score points) are noise from dragging, not news.
MOVE_THRESHOLD = 5.0


@dataclass(frozen=True)
class PersonShift:
    stakeholder_id: str
    name: str
    old_position: tuple[float, float]  # (influence, interest)
    new_position: tuple[float, float]
    old_attitude: Attitude
    new_attitude: Attitude
    old_trust: Trust
    new_trust: Trust

    @property
    def distance(self) -> float:
        (a, b), (c, d) = self.old_position, self.new_position
        return float(((a - c) ** 2 + (b - d) ** 2) ** 0.5)

    @property
    def moved(self) -> bool:
        return self.distance >= MOVE_THRESHOLD

    @property
    def attitude_delta(self) -> int:
        """Positive: moved toward support; negative: away from it."""
        return self.new_attitude.score - self.old_attitude.score

    @property
    def changed_quadrant(self) -> bool:
        return quadrant_of(*self.old_position) != quadrant_of(*self.new_position)


@dataclass(frozen=True)
class Comparison:
    snapshot: Snapshot
    shifts: tuple[PersonShift, ...]
    added: tuple[str, ...]  # ids of people on the map now who were not in the snapshot
    removed: tuple[tuple[str, str], ...]  # (id, name) of people in the snapshot who are gone

    @property
    def toward_support(self) -> list[PersonShift]:
        return sorted((s for s in self.shifts if s.attitude_delta > 0), key=lambda s: -s.attitude_delta)

    @property
    def away_from_support(self) -> list[PersonShift]:
        return sorted((s for s in self.shifts if s.attitude_delta < 0), key=lambda s: s.attitude_delta)

    @property
    def moved(self) -> list[PersonShift]:
        return sorted((s for s in self.shifts if s.moved), key=lambda s: -s.distance)

    def summary(
        self, the_map: Map, *, hide_ids: frozenset[str] = frozenset(), marks: bool = True
    ) -> list[str]:
        """Plain sentences for the panel and the PDF; ``hide_ids`` leaves people out and ``marks=False``
        leaves out attitude and trust (both for the handout)."""
        taken = f"{self.snapshot.taken_at:%d %b %Y}"
        lines = [f"Compared with “{self.snapshot.name}” ({taken}):"]
        labels = the_map.info.quadrant_labels

        def visible(shifts: list[PersonShift]) -> list[PersonShift]:
            return [s for s in shifts if s.stakeholder_id not in hide_ids]

        for s in visible(self.toward_support) if marks else []:
            lines.append(f"{s.name} moved toward support: {s.old_attitude.label} → {s.new_attitude.label}.")
        for s in visible(self.away_from_support) if marks else []:
            lines.append(
                f"{s.name} moved away from support: {s.old_attitude.label} → {s.new_attitude.label}."
            )
        for s in visible(self.moved):
            if s.changed_quadrant:
                old_q = quadrant_of(*s.old_position).label(labels)
                new_q = quadrant_of(*s.new_position).label(labels)
                lines.append(f"{s.name} moved from {old_q} to {new_q}.")
        for s in visible([s for s in self.shifts if s.new_trust != s.old_trust]) if marks else []:
            lines.append(f"Trust with {s.name}: {s.old_trust.label} → {s.new_trust.label}.")
        added = [the_map.stakeholders[i].name for i in self.added if i not in hide_ids]
        if added:
            lines.append(f"New on the map: {', '.join(sorted(added, key=str.casefold))}.")
        removed = [name for i, name in self.removed if i not in hide_ids]
        if removed:
            lines.append(f"No longer on the map: {', '.join(sorted(removed, key=str.casefold))}.")
        if len(lines) == 1:
            lines.append("Nobody has moved, changed attitude or trust, joined or left since then.")
        return lines


def compare(snapshot: Snapshot, the_map: Map) -> Comparison:
    then = {e.stakeholder_id: e for e in snapshot.entries}
    shifts = tuple(
        PersonShift(
            stakeholder_id=person.id,
            name=person.name,
            old_position=(then[person.id].influence, then[person.id].interest),
            new_position=(person.influence, person.interest),
            old_attitude=then[person.id].attitude,
            new_attitude=person.attitude,
            old_trust=then[person.id].trust,
            new_trust=person.trust,
        )
        for person in sorted(the_map.stakeholders.values(), key=lambda p: p.name.casefold())
        if person.id in then
    )
    added = tuple(pid for pid in the_map.stakeholders if pid not in then)
    removed = tuple(
        (e.stakeholder_id, e.name) for e in snapshot.entries if e.stakeholder_id not in the_map.stakeholders
    )
    return Comparison(snapshot, shifts, added, removed)
