"""The bundled sample map: a corporate information centre reaching out across the enterprise (core layer).

Built from the scenario of the "Influence through Relationship Management"
talk: a library with no automatic leverage builds influence through deliberate
relationships. Deterministic for a given ``today``, so tests can rely on it.
The cast is in ``library_cast``, the notes and the plan in ``library_history``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from stakemap.core.entities import Attitude, MapInfo, QuadrantCadences, Snapshot, Trust
from stakemap.core.model import Map
from stakemap.samples.library_cast import people as cast
from stakemap.samples.library_cast import ties
from stakemap.samples.library_history import at, notes, plan

A, T = Attitude, Trust

#: Where some people stood three months ago, before the outreach started.
_THEN = {
    "s-priya": ((70.0, 40.0), A.NEUTRAL, T.MEDIUM),
    "s-tomas": ((85.0, 60.0), A.NEUTRAL, T.LOW),
    "s-derek": ((52.0, 25.0), A.ACTIVE_BLOCKER, T.LOW),
    "s-fatima": ((45.0, 40.0), A.NEUTRAL, T.UNKNOWN),
    "s-grace": ((40.0, 60.0), A.NEUTRAL, T.MEDIUM),
    "s-henrik": ((92.0, 35.0), A.ACTIVE_BLOCKER, T.LOW),
}


def build_library_map(today: date | None = None) -> Map:
    """The sample map as of ``today`` (default: the real today): people, ties, notes, a plan, a snapshot."""
    today = today or date.today()
    m = Map(
        info=MapInfo(
            title="Information Centre — enterprise outreach",
            organisation="Northwind Industries",
            purpose=(
                "Make the Information Centre relevant and indispensable to the people whose projects drive "
                "Northwind's growth, by building trust one relationship at a time: ask what they need, give "
                "first, and link our work to their agenda."
            ),
            author="Ulla Lindqvist",
            created_at=at(today, 120),
            modified_at=at(today, 1),
            # A contact rhythm for the people who matter most, and a quarterly re-assessment.
            cadences=QuadrantCadences(key_players=30, keep_satisfied=91, keep_informed=91),
            assessment_every_days=91,
        )
    )
    people = cast()
    then_people = [
        replace(
            p,
            influence=_THEN[p.id][0][0],
            interest=_THEN[p.id][0][1],
            attitude=_THEN[p.id][1],
            trust=_THEN[p.id][2],
        )
        if p.id in _THEN
        else p
        for p in people
        if p.id != "s-elif"  # Elif joined after the snapshot
    ]
    m.add_stakeholders(then_people)
    snapshot_change = m.take_snapshot("Start of outreach")
    snapshot = next(e for e in snapshot_change.after if isinstance(e, Snapshot))
    m.apply(snapshot_change.inverted())
    m.add_entities([replace(snapshot, taken_at=at(today, 90))], "Take snapshot")
    for person in people:
        if person.id in _THEN:
            m.update_stakeholder(
                person.id,
                influence=person.influence,
                interest=person.interest,
                attitude=person.attitude,
                trust=person.trust,
            )
    m.add_stakeholder(next(p for p in people if p.id == "s-elif"))
    m.add_entities([*ties(), *notes(today), *plan(today)], "Sample content")
    m.update_info(me_id="s-ulla")
    m.info = replace(m.info, modified_at=at(today, 1))
    return m
