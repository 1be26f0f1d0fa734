"""CanvasEditor: turns canvas gestures into document edits, one undo entry per gesture (gui layer).

The scene reports what the user did (moved these cards, drew this link,
double-clicked here); the editor converts scene points to scores, drops
no-ops and calls ``document.edit`` once. A refusal (read-only map, duplicate
tie) is shown through ``report`` and the cards go back where the map says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QObject, QPointF

from stakemap.core.changes import Change
from stakemap.core.entities import MAX_NAME, Entity, Relationship, Stakeholder, new_id
from stakemap.core.erase import erase_everywhere
from stakemap.core.model import Map
from stakemap.gui.canvas.geometry import point_to_score, round_score
from stakemap.gui.canvas.link_dialog import LinkOptions
from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.selection import Selection

DEFAULT_NAME = "New stakeholder"
DUPLICATE_OFFSET = 3.0  # score points right and down, so the copy is visibly a copy

Report = Callable[[str, str], None]  # (title, message)


class CanvasEditor(QObject):
    def __init__(
        self, document: MapDocument, scene: MapScene, selection: Selection, report: Report,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.document = document
        self.scene = scene
        self.selection = selection
        self.report = report
        scene.stakeholders_moved.connect(self.commit_moves)

    def _edit(self, title: str, mutation: Callable[[Map], Change], label: str | None = None) -> Change | None:
        try:
            return self.document.edit(mutation, label)
        except EditRejected as exc:
            self.report(title, str(exc))
            return None

    # --------------------------------------------------------------- moves
    def commit_moves(self, moves: dict[str, tuple[QPointF, QPointF]]) -> Change | None:
        """The end of a drag: store the new scores of the cards that really moved, as one edit."""
        people = self.document.map.stakeholders
        positions: dict[str, tuple[float, float]] = {}
        for sid, (_old, new) in moves.items():
            person = people.get(sid)
            if person is None:
                continue
            score = point_to_score(new)
            if score != (person.influence, person.interest):
                positions[sid] = score
        change = self._edit("Move", lambda m: m.move_stakeholders(positions)) if positions else None
        # Snap every dragged card to what is stored: rounding, a no-op drag, or a refused edit.
        self.scene.sync_positions(moves.keys())
        return change

    def nudge(self, d_influence: float, d_interest: float) -> Change | None:
        """Move the selected people by score points (arrow keys)."""
        positions: dict[str, tuple[float, float]] = {}
        for card in self.scene.selected_cards():
            p = card.person
            new = (round_score(p.influence + d_influence), round_score(p.interest + d_interest))
            if new != (p.influence, p.interest):
                positions[p.id] = new
        if not positions:
            return None
        return self._edit("Move", lambda m: m.move_stakeholders(positions))

    # ---------------------------------------------------------- add/delete
    def add_at(self, point: QPointF) -> str | None:
        """Add a person where the user double-clicked; select them so the inspector can name them."""
        influence, interest = point_to_score(point)
        person = Stakeholder(self._free_name(DEFAULT_NAME), influence=influence, interest=interest)
        if self._edit("Add stakeholder", lambda m: m.add_stakeholder(person)) is None:
            return None
        self.selection.set([person.id])
        return person.id

    def _free_name(self, base: str) -> str:
        taken = {p.name for p in self.document.map.stakeholders.values()}
        if base not in taken:
            return base
        n = 2
        while f"{base} {n}" in taken:
            n += 1
        return f"{base} {n}"

    def delete(
        self, stakeholder_ids: Iterable[str], relationship_ids: Iterable[str], *, erase: bool = False
    ) -> Change | None:
        """Delete people (with their ties, notes and plan entries) and ties: one undo entry.

        With ``erase`` the people are also removed from every snapshot (``core.erase``).
        """
        people = [s for s in stakeholder_ids if s in self.document.map.stakeholders]
        gone = set(people)
        ties = [
            r for r in relationship_ids
            if (tie := self.document.map.relationships.get(r)) is not None
            and tie.source_id not in gone and tie.target_id not in gone
        ]  # fmt: skip
        if not people and not ties:
            return None
        steps: list[Callable[[Map], Change]] = []
        if ties:
            steps.append(lambda m: m.remove_relationships(ties))
        if people:
            steps.append(lambda m: erase_everywhere(m, people) if erase else m.remove_stakeholders(people))
        label = _delete_label(self.document.map, people, ties, erase=erase)
        change = self._edit("Delete", lambda m: m.combined(label, *steps), label)
        if change is not None:
            self.selection.forget(
                people, {*ties, *(r.id for r in change.before if isinstance(r, Relationship))}
            )
        return change

    def selected_for_deletion(self) -> tuple[list[str], list[str]]:
        """The selected people and ties, as ``delete`` takes them."""
        return (
            [c.stakeholder_id for c in self.scene.selected_cards()],
            [link.relationship_id for link in self.scene.selected_links()],
        )

    def delete_selection(self, *, erase: bool = False) -> Change | None:
        people, ties = self.selected_for_deletion()
        return self.delete(people, ties, erase=erase)

    def duplicate_selection(self) -> list[str]:
        """Copy the selected people (and the ties among them) next to the originals; select the copies."""
        the_map = self.document.map
        originals = [c.person for c in self.scene.selected_cards()]
        if not originals:
            return []
        copies: dict[str, Stakeholder] = {}
        for p in originals:
            copies[p.id] = replace(
                p,
                id=new_id(),
                name=_copy_name(p.name),
                influence=round_score(p.influence - DUPLICATE_OFFSET),
                interest=round_score(p.interest + DUPLICATE_OFFSET),
                in_focus=False,
            )
        ties = [
            replace(t, id=new_id(), source_id=copies[t.source_id].id, target_id=copies[t.target_id].id)
            for t in the_map.relationships.values()
            if t.source_id in copies and t.target_id in copies
        ]
        n = len(copies)
        label = f"Duplicate {originals[0].name}" if n == 1 else f"Duplicate {n} stakeholders"
        entities: list[Entity] = [*copies.values(), *ties]
        if self._edit("Duplicate", lambda m: m.add_entities(entities, label), label) is None:
            return []
        ids = [c.id for c in copies.values()]
        self.selection.set(ids)
        return ids

    # --------------------------------------------------------------- links
    def add_link(self, source_id: str, target_id: str, options: LinkOptions) -> str | None:
        tie = Relationship(
            source_id,
            target_id,
            kind=options.kind,
            directed=options.directed,
            strength=options.strength,
            confidence=options.confidence,
        )
        if self._edit("Cannot link", lambda m: m.add_relationship(tie)) is None:
            return None
        self.selection.set([], [tie.id])
        return tie.id


def _copy_name(name: str) -> str:
    suffix = " (copy)"
    return name[: MAX_NAME - len(suffix)] + suffix


def _delete_label(the_map: Map, people: list[str], ties: list[str], *, erase: bool = False) -> str:
    if erase and people and not ties:
        who = the_map.stakeholders[people[0]].name if len(people) == 1 else f"{len(people)} stakeholders"
        return f"Erase {who} everywhere"
    if len(people) == 1 and not ties:
        return f"Delete {the_map.stakeholders[people[0]].name}"
    parts = []
    if people:
        parts.append(f"{len(people)} stakeholder{'s' if len(people) != 1 else ''}")
    if ties:
        parts.append(f"{len(ties)} relationship{'s' if len(ties) != 1 else ''}")
    return ("Erase " if erase else "Delete ") + " and ".join(parts) + (" everywhere" if erase else "")
