"""A scripted editor for the kill -9 test: applies edits through MapDocument, the GUI's own path.

Before each operation it prints ``NEXT <fingerprint>``: the state the map will be in
once the operation is stored (simulated on a copy of the model). After the edit
returned it prints ``ACK <fingerprint>``. A kill can land anywhere; the file must
then hold the last acknowledged state, or the announced next one, and nothing else.

Run: python -m tests.faults.edit_worker MAP SEED
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from stakemap.core.changes import Change
from stakemap.core.entities import Note, NoteKind, Relationship, RelationshipKind, Stakeholder
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.widgets.analysis_worker import frozen_copy
from stakemap.storage.database import open_map

HOSTILE = [
    "<b>bold</b> & <img src=x>",
    "Ставка — 信任 — ثقة 🙂",
    '=HYPERLINK("x")',
    "x" * 5000,
    "line\nbreak",
]


def fingerprint(m: Map) -> str:
    """Everything the user entered (the modified time aside), in a stable order."""
    parts = [
        repr(sorted(m.stakeholders.items())),
        repr(sorted(m.relationships.items())),
        repr(sorted(m.notes.items())),
        repr(sorted(m.engagements.items())),
        repr((m.info.title, m.info.purpose, m.info.me_id)),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def next_mutation(rng: random.Random, m: Map, step: int):
    people = sorted(m.stakeholders)
    choice = rng.random()
    if len(people) < 3 or choice < 0.25:
        person = Stakeholder(f"Person {step} {rng.choice(HOSTILE)[:40]}", influence=rng.uniform(0, 100),
                             interest=rng.uniform(0, 100), pain_points=rng.choice(HOSTILE))  # fmt: skip
        return lambda mm: mm.add_stakeholder(person)
    if choice < 0.45:
        moved = {
            p: (rng.uniform(0, 100), rng.uniform(0, 100)) for p in rng.sample(people, min(3, len(people)))
        }
        return lambda mm: mm.move_stakeholders(moved)
    if choice < 0.55:
        who, text = rng.choice(people), rng.choice(HOSTILE) + str(step)
        return lambda mm: mm.update_stakeholder(who, offer=text)
    if choice < 0.65:
        note = Note(f"{rng.choice(HOSTILE)} {step}", kind=NoteKind.MEETING, stakeholder_id=rng.choice(people))
        return lambda mm: mm.add_note(note)
    if choice < 0.75:
        a, b = rng.sample(people, 2)
        tie = Relationship(a, b, rng.choice(list(RelationshipKind)), strength=rng.randint(1, 5))
        return lambda mm: mm.add_relationship(tie)
    if choice < 0.82:
        gone = rng.choice(people)
        return lambda mm: mm.remove_stakeholders([gone])
    return "undo" if choice < 0.92 else "redo"


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    app = QCoreApplication([])
    document = MapDocument(open_map(path))
    rng = random.Random(seed)
    print(f"ACK {fingerprint(document.map)}", flush=True)
    for step in range(10_000):
        mutation = next_mutation(rng, document.map, step)
        stack = document.undo_stack
        copy = frozen_copy(document.map)
        if mutation == "undo" or mutation == "redo":
            index = stack.index() - 1 if mutation == "undo" else stack.index()
            command = stack.command(index) if 0 <= index < stack.count() else None
            if command is None:
                continue
            change: Change = command.change  # type: ignore[attr-defined]
            copy.apply(change.inverted() if mutation == "undo" else change)
            print(f"NEXT {fingerprint(copy)}", flush=True)
            stack.undo() if mutation == "undo" else stack.redo()
        else:
            try:
                mutation(copy)
            except ValueError:
                continue  # e.g. a duplicate tie: the model refuses it, nothing to store
            print(f"NEXT {fingerprint(copy)}", flush=True)
            try:
                document.edit(mutation)
            except EditRejected as exc:
                print(f"REJECTED {exc}", flush=True)
                continue
        print(f"ACK {fingerprint(document.map)}", flush=True)
    del app


if __name__ == "__main__":
    main()
