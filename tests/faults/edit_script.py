"""The scripted, deterministic series of edits the kill -9 test runs, and a fingerprint of a map's content.

Pure core code (no Qt, no SQL), shared by the editor child process (``edit_worker``)
and the parent that checks the file after each kill. Each step is either a model
mutation (applied through ``MapDocument.edit`` by the worker) or ``"undo"``/``"redo"``.
The population stays bounded so that thousands of kills in a soak keep the map small.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from stakemap.core.changes import Change
from stakemap.core.entities import (
    MAX_TEXT,
    Attitude,
    Engagement,
    Note,
    NoteKind,
    Relationship,
    RelationshipKind,
    Stakeholder,
    Trust,
)
from stakemap.core.model import Map

#: Text a user may paste: markup, formula-like cells, SQL, scripts of all directions, control characters,
#: combining marks, a full-length note. (NUL is refused by the model: it appears only in ``INVALID``.)
HOSTILE: tuple[str, ...] = (
    "<b>bold</b> & <img src=x onerror=alert(1)>",
    "Ставка на доверие — 信任 — ثقة 🙂👩🏽‍💼",
    "\u202eright-to-left override\u202c and \u200fRLM\u200e",
    '=HYPERLINK("http://x","y")',
    "'); DROP TABLE stakeholder; --",
    "tab\tcr\rlf\nbell\x07esc\x1b[31mred\x1b[0m",
    "e\u0301\u0301\u0301 Z\u0335\u0321\u0322algo \ufeffBOM \u200b zero width",
    "x" * MAX_TEXT,
    "ß" * 4_000 + "𝕏" * 3_000,
    " ",
)

#: Values the model must refuse; the worker checks that the document refuses them and stores nothing.
INVALID: tuple[dict[str, object], ...] = (
    {"name": "   "},
    {"name": "x" * 201},
    {"pain_points": "nul\x00byte"},
    {"influence": float("nan")},
    {"interest": 101.0},
    {"rank": 0},
    {"colour": "red"},
)

Step = Callable[[Map], Change]

MAX_PEOPLE = 30
MAX_NOTES = 40


@dataclass(frozen=True)
class Planned:
    """One scripted step: a mutation, ``"undo"``/``"redo"``, or a mutation the model must refuse."""

    label: str
    mutation: Step | None = None
    history: str | None = None  # "undo" or "redo"
    must_fail: bool = False


def fingerprint(m: Map) -> str:
    """Everything the user entered, in a stable order; the map's modified time is left out on purpose:
    the worker predicts the next state on a copy, whose edit happens a few microseconds apart."""
    info = replace(m.info, modified_at=m.info.created_at)
    parts = [
        repr(info),
        *(repr(sorted(table.items())) for table in (m.stakeholders, m.relationships, m.notes, m.engagements)),
        repr(sorted(m.snapshots.items())),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def copy_of(m: Map) -> Map:
    """A copy to simulate an edit on: entities are immutable, so copying the tables is enough."""
    return Map(
        info=m.info,
        stakeholders=dict(m.stakeholders),
        relationships=dict(m.relationships),
        notes=dict(m.notes),
        engagements=dict(m.engagements),
        snapshots=dict(m.snapshots),
    )


def next_step(rng: random.Random, m: Map, step: int) -> Planned:
    """The next edit for the map as it is now. Entities are built here, outside the mutation, so that
    running the mutation on a copy and on the document gives the very same result."""
    people = sorted(m.stakeholders)
    ties = sorted(m.relationships)
    notes = sorted(m.notes)
    text = rng.choice(HOSTILE)
    roll = rng.random()
    if len(people) < 3 or (roll < 0.16 and len(people) < MAX_PEOPLE):
        person = Stakeholder(
            f"P{step} {text[:60].strip() or 'blank'}",
            role=text[:200],
            influence=rng.uniform(0, 100),
            interest=rng.choice([0.0, 100.0, rng.uniform(0, 100)]),
            attitude=rng.choice(list(Attitude)),
            trust=rng.choice(list(Trust)),
            pain_points=text,
            tags=("hostile", f"t{step % 5}"),
        )
        return Planned("add person", lambda mm: mm.add_stakeholder(person))
    if roll < 0.30:
        moved = {
            p: (rng.uniform(0, 100), rng.uniform(0, 100)) for p in rng.sample(people, min(4, len(people)))
        }
        return Planned("move", lambda mm: mm.move_stakeholders(moved))
    if roll < 0.40:
        who = rng.choice(people)
        field = rng.choice(["offer", "pain_points", "past_service", "drivers_long_term"])
        value = text if field != "offer" else f"{text[: MAX_TEXT - 10]}#{step}"
        return Planned("update text", lambda mm: mm.update_stakeholder(who, **{field: value}))
    if roll < 0.46:
        who, bad = rng.choice(people), rng.choice(INVALID)
        return Planned("invalid update", lambda mm: mm.update_stakeholder(who, **bad), must_fail=True)
    if roll < 0.54 or (len(notes) > MAX_NOTES and roll < 0.6):
        if len(notes) > MAX_NOTES or (notes and rng.random() < 0.3):
            gone = rng.choice(notes)
            return Planned("remove note", lambda mm: mm.remove_note(gone))
        about = rng.choice(people)
        note = Note(
            f"{text[: MAX_TEXT - 12]} ({step})", kind=rng.choice(list(NoteKind)), stakeholder_id=about
        )
        return Planned("add note", lambda mm: mm.add_note(note))
    if roll < 0.64:
        a, b = rng.sample(people, 2)
        tie = Relationship(
            a, b, rng.choice(list(RelationshipKind)), strength=rng.randint(1, 5), note=text[:500]
        )
        return Planned("add tie", lambda mm: mm.add_relationship(tie))
    if roll < 0.69 and ties:
        gone_ties = rng.sample(ties, min(len(ties), rng.choice([1, 1, 3])))
        return Planned("remove ties", lambda mm: mm.remove_relationships(gone_ties))
    if roll < 0.72 and ties:
        tie_id, strength = rng.choice(ties), rng.randint(1, 5)
        return Planned("update tie", lambda mm: mm.update_relationship(tie_id, strength=strength))
    if roll < 0.76:
        plan = Engagement(rng.choice(people), reason=text, due=date(2026, 1 + step % 12, 1 + step % 28))
        return Planned("plan engagement", lambda mm: mm.add_engagement(plan))
    if roll < 0.78:
        title = f"Map {step} {text[:150].strip() or 'untitled'}"
        return Planned("retitle", lambda mm: mm.update_info(title=title, purpose=text))
    if roll < 0.84 or len(people) >= MAX_PEOPLE:
        gone_people = rng.sample(people, 1 if len(people) < MAX_PEOPLE else 3)
        return Planned("delete with cascade", lambda mm: mm.remove_stakeholders(gone_people))
    return Planned("undo" if roll < 0.94 else "redo", history="undo" if roll < 0.94 else "redo")
