"""Undo commands (gui layer). They change the model through ``MapDocument`` and never touch items.

One generic command serves every edit: its first ``redo`` runs the mutation and
keeps the ``Change`` it returned. Later redos and every undo are computed against
the present (``against_present``): a step sets back only the fields that still hold
the values the edit left, so undoing never wipes what someone else (a colleague on
a server map) changed since. A step that cannot be taken that way is refused with a
message and dropped from the history; the rest of the history stays.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from stakemap.core.changes import Change, key_of
from stakemap.core.entities import Entity, MapInfo, Stakeholder
from stakemap.core.model import Map
from stakemap.storage.errors import MapFileError
from stakemap.storage.versioned import subject_of

if TYPE_CHECKING:
    from stakemap.gui.document import MapDocument

log = logging.getLogger(__name__)

Mutation = Callable[[Map], Change]

#: Fields any edit moves: never a reason to refuse a step (set to the step's value all the same).
_ALWAYS_MOVES: dict[type, frozenset[str]] = {MapInfo: frozenset({"modified_at"})}


class StepRefused(Exception):
    """An undo or redo step whose fields were changed since; the message says what and by whom."""


def _values(entity: Entity) -> dict[str, Any]:
    return {f.name: getattr(entity, f.name) for f in fields(entity)}


def _field_words(names: list[str]) -> str:
    words = [n.replace("_", " ") for n in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _owner(entity: Entity) -> str:
    if isinstance(entity, Stakeholder):
        return f"{entity.name}’s"
    if isinstance(entity, MapInfo):
        return "the map’s"
    return f"{subject_of(entity).lower()}’s"


def against_present(step: Change, present: Map, verb: str = "undo") -> Change:
    """``step`` (a recorded change, or its inverse) as it applies to the map as it is now.

    Only the fields ``step`` changes are set, and only if they still hold ``step.before``'s values;
    everything else keeps its present value. Raises ``StepRefused`` otherwise.
    """
    before = {key_of(e): e for e in step.before}
    after = {key_of(e): e for e in step.after}
    label = step.label
    new_before: list[Entity] = []
    new_after: list[Entity] = []
    for key in [*before, *(k for k in after if k not in before)]:
        kind, entity_id = key
        old, new = before.get(key), after.get(key)
        current = present.info if kind is MapInfo else present.entity(kind, entity_id)
        skip = _ALWAYS_MOVES.get(kind, frozenset())
        if old is not None and new is not None:  # a field edit
            if current is None:
                raise StepRefused(f"Cannot {verb} “{label}”: {subject_of(old)} is no longer on the map.")
            old_v, new_v, cur_v = _values(old), _values(new), _values(current)
            changed = [f for f in new_v if old_v[f] != new_v[f] and f not in skip]
            moved = [f for f in changed if cur_v[f] != old_v[f]]
            if moved:
                raise StepRefused(
                    f"Cannot {verb} “{label}”: {_owner(current)} {_field_words(moved)} changed since "
                    "(perhaps by someone else), so it was left as it is now."
                )
            values = {f: new_v[f] for f in changed}
            # The modified time goes back with the step, exactly as before (last writer wins there).
            values.update({f: new_v[f] for f in skip if cur_v[f] != new_v[f]})
            if values:
                new_before.append(current)
                new_after.append(replace(current, **values))
        elif new is not None:  # brought (back) by this step
            if current is not None:
                if current == new:
                    continue
                raise StepRefused(f"Cannot {verb} “{label}”: {subject_of(new)} is already on the map.")
            new_after.append(new)
        else:  # removed by this step
            assert old is not None
            if current is None:
                continue  # already gone
            cur_v, old_v = _values(current), _values(old)
            moved = [f for f in old_v if cur_v[f] != old_v[f] and f not in skip]
            if moved:
                raise StepRefused(
                    f"Cannot {verb} “{label}”: {_owner(current)} {_field_words(moved)} changed since "
                    "(perhaps by someone else), so it was not removed."
                )
            new_before.append(current)
    return Change.of(label, new_before, new_after)


class EditCommand(QUndoCommand):
    def __init__(self, document: MapDocument, mutation: Mutation, label: str | None = None) -> None:
        super().__init__(label or "Edit")
        self._document = document
        self._mutation: Mutation | None = mutation
        self._label = label
        self.change: Change | None = None
        self.error: Exception | None = None

    def redo(self) -> None:
        if self.change is None:
            assert self._mutation is not None
            try:
                self.change = self._document.execute(self._mutation)
            except Exception as exc:  # shown by the caller; a failed edit must not enter the history
                if not isinstance(exc, ValueError | KeyError | MapFileError):
                    # A refusal by the model or the storage is a message; anything else is a bug.
                    log.error("The edit “%s” failed unexpectedly", self._label or "Edit", exc_info=exc)
                self.error = exc
                self.setObsolete(True)
                return
            self._mutation = None
            self.setText(self._label or self.change.label)
            if self.change.is_empty:
                self.setObsolete(True)
        elif not self._document.replay(self.change, verb="redo"):
            # Made obsolete inside redo(), QUndoStack drops this one step and keeps the others.
            self.setObsolete(True)

    def undo(self) -> None:
        if self.change is not None and not self._document.replay(self.change.inverted(), verb="undo"):
            self.setObsolete(True)
