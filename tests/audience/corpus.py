"""A leak corpus: a map whose confidential people are named, in every way people write names, in every
text field of everyone and everything else. Any output for an audience that lets one variant through
fails ``assert_no_leak``."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from stakemap.core.audience import fold
from stakemap.core.entities import (
    Attitude,
    Engagement,
    MapInfo,
    Note,
    QuadrantLabels,
    Relationship,
    RelationshipKind,
    Snapshot,
    SnapshotEntry,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map

TODAY = date(2026, 12, 2)
#: The confidential person on the map, and one who was confidential in a snapshot and has left since.
HIDDEN_ID = "p-001"
GONE_ID = "p-099"
FULL_VARIANTS = (
    "María Greene",
    "maría greene",
    "MARÍA GREENE",
    "Maria Greene",
    "Mari\u0301a Greene",  # decomposed accent
    "María  Greene",  # two spaces
    "María\u00a0Greene",  # no-break space
    "M. Greene",
    "M Greene",
    "Oskar Lindqvist",
    "OSKAR LINDQVIST",
    "O. Lindqvist",
)
SINGLE_VARIANTS = ("María", "maria", "Greene", "GREENE", "Oskar", "lindqvist")
VARIANTS = FULL_VARIANTS + SINGLE_VARIANTS
#: The words no audience output may contain, folded (case, accents, Unicode form).
FORBIDDEN_WORDS = ("maria", "greene", "oskar", "lindqvist")
#: What else an audience must not see: the hidden person's role and confidential note.
SECRETS = ("Head of Secret Projects", "The confidential note says walk carefully")

VISIBLE_NAMES = (
    "Priya Raman", "Tom Baker", "Aiko Tanaka", "Søren Madsen", "Fatima Haddad", "José Alvarez",
    "Ulla Berg", "Kenji Sato", "Ines Duarte", "Piotr Nowak", "Chloe Martin", "Ravi Gupta",
    "Zanele Dube", "Hugo Lefèvre", "Nadia Rossi", "Liam Byrne", "Olu Adeyemi", "Mei Chen",
)  # fmt: skip


def all_variants() -> str:
    return "; ".join(f"ask {v} first" for v in VARIANTS)


def one_variant(i: int, *, names_only: bool = False) -> str:
    pool = FULL_VARIANTS if names_only else VARIANTS
    return pool[i % len(pool)]


def leak_map() -> Map:
    """Quadrants, ties of every kind (the hidden person tied to many), notes, plan and a snapshot."""
    m = Map(
        info=MapInfo(
            title="Plan with " + ", ".join(FULL_VARIANTS[:6]),
            organisation="Office of " + ", ".join(FULL_VARIANTS[6:]),
            purpose=all_variants(),
            author="M. Greene",
            quadrant_labels=QuadrantLabels(
                f"{one_variant(0)} players",
                f"Satisfy {one_variant(12)}",
                f"Inform {one_variant(14)}",
                f"Watch {one_variant(7)}",
            ),
            engagement_methods=(f"Lunch with {one_variant(3)}",),
        )
    )
    hidden = Stakeholder("María Greene", role="Head of Secret Projects", unit="Secret unit", influence=85,
                         interest=80, confidential=True, attitude=Attitude.ACTIVE_BLOCKER, trust=Trust.LOW,
                         id=HIDDEN_ID)  # fmt: skip
    people = [hidden]
    for i, name in enumerate(VISIBLE_NAMES):
        people.append(
            Stakeholder(
                f"{name}" if i % 3 else f"{name} ({one_variant(i, names_only=True)}'s deputy)",
                role=f"Works for {one_variant(i)}",
                unit=f"Unit of {one_variant(i + 1)}",
                constituency=f"Group of {one_variant(i + 2)}",
                rank=1 + i % 9,
                influence=10 + (i * 37) % 85,
                interest=10 + (i * 53) % 85,
                attitude=list(Attitude)[i % 5],
                trust=list(Trust)[i % 4],
                drivers_long_term=all_variants(),
                drivers_short_term=all_variants(),
                pain_points="Hurting: " + all_variants(),
                offer=all_variants(),
                past_service=all_variants(),
                tags=(f"friend of {one_variant(i + 3)}",),
                in_focus=i % 4 == 0,
                id=f"p-{i + 2:03d}",
            )
        )
    m.add_stakeholders(people)
    ids = [p.id for p in people[1:]]
    kinds = list(RelationshipKind)
    for i, pid in enumerate(ids[:10]):
        m.add_relationship(Relationship(HIDDEN_ID, pid, kinds[i % 5], note=all_variants(), id=f"r-h{i}"))
    for i in range(len(ids) - 1):
        m.add_relationship(
            Relationship(ids[i], ids[i + 1], kinds[(i + 1) % 5], note=all_variants(), id=f"r-{i}")
        )
    m.add_relationship(Relationship(ids[0], ids[5], RelationshipKind.CONFLICTS_WITH, id="r-conflict"))
    m.update_info(me_id=HIDDEN_ID)
    when = datetime(2026, 11, 1, tzinfo=UTC)
    m.add_note(
        Note("The confidential note says walk carefully", stakeholder_id=HIDDEN_ID, created_at=when, id="n-h")
    )
    m.add_note(Note(all_variants(), stakeholder_id=ids[0], confidential=True, created_at=when, id="n-c"))
    m.add_note(Note(all_variants(), stakeholder_id=ids[1], created_at=when, id="n-1"))
    m.add_note(Note(all_variants(), created_at=when, id="n-map"))
    m.add_note(Note(all_variants(), relationship_id="r-0", created_at=when, id="n-tie"))
    m.add_engagement(Engagement(HIDDEN_ID, reason="Secret talk", due=date(2026, 11, 1), id="e-h"))
    for i, pid in enumerate(ids):  # one per person: each name-sized field (owner, method) gets every variant
        m.add_engagement(
            Engagement(
                pid,
                reason=all_variants(),
                method=f"Lunch with {one_variant(i)}",
                spiel=all_variants(),
                offer=all_variants(),
                owner=one_variant(i + 4),
                due=date(2026, 11, 20 + i % 5),
                outcome=all_variants(),
                id=f"e-{i}",
            )
        )
    entries = (
        *tuple(
            SnapshotEntry(p.id, p.name, p.influence, p.interest, p.attitude, p.trust, p.confidential)
            for p in people
        ),
        SnapshotEntry(GONE_ID, "Oskar Lindqvist", 50, 50, Attitude.BLOCKER, Trust.LOW, True),
    )
    snapshot = Snapshot(f"Before {one_variant(10)} left", entries, taken_at=when, id="snap-1")
    m.snapshots[snapshot.id] = snapshot
    moved = {pid: (min(100.0, m.stakeholders[pid].influence + 30), 90.0) for pid in ids[:4]}
    m.move_stakeholders(moved)
    return m


_WORDS = re.compile(r"\w+")


def leaks(text: str) -> list[str]:
    """Every forbidden word or secret found in ``text``, folded so case, accents and spaces cannot hide one."""
    words = set(_WORDS.findall(fold(text)))
    found = [w for w in FORBIDDEN_WORDS if w in words]
    squashed = " ".join(fold(text).split())
    found += [s for s in SECRETS if " ".join(fold(s).split()) in squashed]
    return found


def assert_no_leak(text: str, where: str) -> None:
    found = leaks(text)
    if found:
        spot = fold(text)
        first = min((spot.find(w) for w in found if spot.find(w) >= 0), default=0)
        raise AssertionError(
            f"{where} names a hidden person ({', '.join(found)}): …{text[max(0, first - 60) : first + 60]}…"
        )
