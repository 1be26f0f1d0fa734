"""MapDocument: the in-memory map, its storage and its undo stack, behind one set of signals (gui layer).

Every edit travels the same way: an ``EditCommand`` on the undo stack calls
``execute`` (or ``replay`` on undo/redo); the document applies the change to the
in-memory ``Map``, writes it through the repository in one transaction, and
emits ``changed``. If the write fails, the in-memory map is put back, so the
screen never shows what the disk does not hold.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from stakemap.core.changes import Change, EntityKey, key_of
from stakemap.core.entities import (
    UNSTORABLE_CHARACTER,
    Engagement,
    Entity,
    MapInfo,
    Note,
    Relationship,
    Stakeholder,
)
from stakemap.core.erase import erase_everywhere
from stakemap.core.model import Map
from stakemap.gui.commands import EditCommand, Mutation, StepRefused, against_present
from stakemap.gui.logins import person_name
from stakemap.gui.personal_me import E, PersonalMe
from stakemap.storage.database import OpenedMap
from stakemap.storage.errors import (
    AttachedError,
    DuplicateTieError,
    EditConflictError,
    MapFileError,
    StaleWriteError,
    StorageWriteError,
)

log = logging.getLogger(__name__)


class EditRejected(Exception):
    """An edit the model refused (invalid value) or the disk could not take; the message says why."""


class MapDocument(QObject):
    #: Emitted after every change that reached the disk (edits, undo, redo).
    changed = Signal(object)
    #: "Saved at 14:03:12" or "Read-only: ...": what the status bar tells the user about storage.
    storage_status = Signal(str)
    #: A write failed; the map on screen was put back to what is stored.
    write_failed = Signal(str)
    #: A colleague changed the same fields first (``EditConflictError``): offer Use mine / Keep theirs.
    conflict = Signal(object)
    #: Others' edits arrived and are on screen (a ``Change``, and who made them: {EntityKey: login}).
    remote_changed = Signal(object, object)
    #: The server went out of reach (the time the map on screen is as of) or came back (``None``).
    offline_changed = Signal(object)

    def __init__(self, opened: OpenedMap, *, untitled: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opened = opened
        self._map = opened.load()
        self.untitled = untitled
        self.undo_stack = QUndoStack(self)
        self.last_saved: datetime | None = None
        #: The last edit refused because someone changed the same fields (for Use mine / Keep theirs).
        self.last_conflict: EditConflictError | None = None
        self._members: list[str] | None = None
        #: Since when the server cannot be reached: the map stays on screen, read-only (``None``: online).
        self.offline_since: datetime | None = None
        #: The server's change-log entry the map was opened at: later entries are "new" (Activity).
        self.opened_revision = opened.repository.revision
        #: Who (login role) last changed each row that live updates brought in, and when it came.
        self.changed_by: dict[EntityKey, tuple[str, datetime]] = {}
        #: True while the views hear of changes others made (a pull, a refresh), not this user's edits.
        self.showing_others_changes = False
        #: On a server map, "me" is this planner's own (``gui.personal_me``); None for a map file.
        self._personal = PersonalMe(opened.address, self._map) if opened.address is not None else None
        if self._personal is not None:
            info = self._map.info
            self._map.apply(Change.of("Me", [info], [self._personal.own(info)]))

    # --------------------------------------------------------------- queries
    @property
    def map(self) -> Map:
        return self._map

    @property
    def path(self) -> Path | None:
        return self._opened.path

    @property
    def opened(self) -> OpenedMap:
        return self._opened

    @property
    def own_name(self) -> str | None:
        """On a server map, the user's own name as the window shows people (from their login);
        None for a map file, which has one user and no logins."""
        address = self._opened.address
        if address is None:
            return None
        return person_name(address.user or getpass.getuser())

    def members(self) -> list[str]:
        """The logins that share this server map (read once per opening); [] for a map file."""
        address = self._opened.address
        if address is None or address.map is None:
            return []
        if self._members is None:
            from stakemap.storage.server_members import map_members

            self._members = map_members(self._opened.repository.engine, address.map)
        return self._members

    @property
    def read_only_reason(self) -> str | None:
        if self.offline_since is not None:
            return f"the server cannot be reached (offline, as of {self.offline_since:%H:%M})"
        return self._opened.read_only_reason

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def is_server_map(self) -> bool:
        return self._opened.address is not None

    @property
    def title(self) -> str:
        return self._map.info.title

    # ----------------------------------------------------------------- edits
    def edit(self, mutation: Mutation, label: str | None = None) -> Change:
        """Run ``mutation`` as one undo entry; raise ``EditRejected`` (with nothing changed) if it fails."""
        if self.read_only:
            raise EditRejected(f"This map is open read-only: {self.read_only_reason}")
        command = EditCommand(self, mutation, label)
        self.undo_stack.push(command)
        if command.error is not None:
            raise EditRejected(str(command.error)) from command.error
        assert command.change is not None
        return command.change

    def try_edit(self, mutation: Mutation, label: str | None = None) -> Change | None:
        """Like ``edit``, but report a refusal through ``write_failed`` instead of raising (for UI slots)."""
        try:
            return self.edit(mutation, label)
        except EditRejected as exc:
            self.write_failed.emit(str(exc))
            return None

    def erase_everywhere(self, stakeholder_ids: Iterable[str]) -> Change:
        """Delete people and remove them from every snapshot too (undoable until the map is closed)."""
        ids = list(stakeholder_ids)
        return self.edit(lambda m: erase_everywhere(m, ids))

    def execute(self, mutation: Callable[[Map], Change]) -> Change:
        """Apply a new edit: mutate the map, write it through, notify. Called by ``EditCommand.redo``."""
        change = mutation(self._map)  # raises ValueError before touching anything if invalid
        if change.is_empty:
            return change
        try:
            self._opened.repository.write(self._for_server(change))
        except Exception as exc:
            # Whatever failed (disk, lock, or a value the database cannot hold), the screen must not
            # show what the file does not hold.
            self._map.apply(change.inverted())
            self._after_failed_write()
            self._remember_conflict(exc)
            error = _as_write_error(exc, change)
            if error is exc:
                raise
            raise error from exc
        self._remember_me(change)
        self._take_merged()
        self._announce(change)
        return change

    def replay(self, change: Change, *, verb: str = "undo") -> bool:
        """Take a recorded step (undo: the inverse) against the map as it is now, and write it through.

        False if the step was refused (fields changed since, by someone else) or the server refused
        it (a colleague's newer edit, a row gone): the caller drops just this step from the history.
        """
        try:
            step = against_present(change, self._map, verb)
        except StepRefused as exc:
            self.write_failed.emit(f"{exc} That step was dropped from the undo history.")
            return False
        if step.is_empty:
            return True
        self._map.apply(step)
        try:
            self._opened.repository.write(self._for_server(step))
        except (StaleWriteError, AttachedError, DuplicateTieError) as exc:
            # Someone else's edit stands in the way on the server: refuse this one step, keep the rest.
            self._map.apply(step.inverted())
            self._after_failed_write()
            self._remember_conflict(exc)
            self.write_failed.emit(f"{exc} That step was dropped from the undo history.")
            return False
        except Exception as exc:
            self._map.apply(step.inverted())
            self._after_failed_write()
            error = _as_write_error(exc, step)
            self.write_failed.emit(f"{error} The undo history was cleared to stay in step with the file.")
            # Clearing inside undo()/redo() would delete the running command; do it right after.
            QTimer.singleShot(0, self.undo_stack.clear)
            return True
        self._remember_me(step)
        self._take_merged()
        self._announce(step)
        return True

    # ------------------------------------------------------------- other writers
    def _take_merged(self) -> None:
        """Show the rows a write merged with others' changes as they are now stored."""
        merged = self._opened.repository.merged
        if not merged:
            return
        current = [self._map.info if kind is MapInfo else self._map.entity(kind, i) for kind, i in merged]
        change = Change.of(
            "Changes by others",
            [e for e in current if e is not None],
            [self._own(e) for e in merged.values()],
        )
        self._opened.repository.merged = {}
        if not change.is_empty:
            self._map.apply(change)
            self._show_others(change)

    def _show_others(self, change: Change) -> None:
        """Tell the views of a change others made: a field being typed in keeps the typing."""
        self.showing_others_changes = True
        try:
            self.changed.emit(change)
        finally:
            self.showing_others_changes = False

    def _remember_conflict(self, exc: Exception) -> None:
        if isinstance(exc, EditConflictError):
            self.last_conflict = exc
            self.conflict.emit(exc)

    def keep_theirs(self, conflict: EditConflictError) -> Change:
        """ "Keep theirs": show the server's row, as an ordinary undoable edit.

        Undoing it writes my values of the disputed fields (the same as "Use mine"), so choosing
        "Keep theirs" in haste is never final.
        """
        theirs, mine = conflict.theirs, conflict.mine
        assert isinstance(theirs, (MapInfo, Stakeholder, Relationship, Note, Engagement))
        self._take_theirs(conflict)
        mine_fields = {f: getattr(mine, f) for f in _entity_fields(conflict)}

        def keep(m: Map) -> Change:
            # The map already shows theirs; the step records mine -> theirs for undo, and its write
            # confirms their values at the version they stored (nothing of theirs changes).
            current = m.info if isinstance(theirs, MapInfo) else m.entity(type(theirs), theirs.id)
            if current is None:
                raise ValueError(f"{conflict.subject} is no longer on the map")
            return Change.of("Keep theirs", [replace(current, **mine_fields)], [current])

        return self.edit(keep, "Keep theirs")

    def use_mine(self, conflict: EditConflictError) -> Change:
        """ "Use mine": write my values of the disputed fields over theirs, as an ordinary undoable edit."""
        self._take_theirs(conflict)
        theirs, mine = conflict.theirs, conflict.mine
        assert isinstance(theirs, (MapInfo, Stakeholder, Relationship, Note, Engagement))
        wanted = {f: getattr(mine, f) for f in _entity_fields(conflict)}

        def write_mine(m: Map) -> Change:
            current = m.info if isinstance(theirs, MapInfo) else m.entity(type(theirs), theirs.id)
            if current is None:
                raise ValueError(f"{conflict.subject} is no longer on the map")
            change = Change.of("Use mine", [current], [replace(current, **wanted)])
            m.apply(change)
            return change

        return self.edit(write_mine, "Use mine")

    def _take_theirs(self, conflict: EditConflictError) -> None:
        """Show the server's row on screen and go on from its version (nothing is written)."""
        theirs = conflict.theirs
        assert isinstance(theirs, (MapInfo, Stakeholder, Relationship, Note, Engagement))
        current = self._map.info if isinstance(theirs, MapInfo) else self._map.entity(type(theirs), theirs.id)
        change = Change.of("Changes by others", [current] if current is not None else [], [self._own(theirs)])
        self._opened.repository.accept(theirs, conflict.version)
        if self.last_conflict is conflict:
            self.last_conflict = None
        if not change.is_empty:
            self._map.apply(change)
            self.changed.emit(change)

    def refresh(self) -> Change:
        """Read the map again (one snapshot) and show what others changed; the undo history stays."""
        fresh = self._opened.repository.load()
        old, new = _everything(self._map), {k: self._own(e) for k, e in _everything(fresh).items()}
        changed_keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
        change = Change.of(
            "Refresh",
            [old[k] for k in changed_keys if k in old],
            [new[k] for k in changed_keys if k in new],
        )
        if not change.is_empty:
            # Applied to the same Map object: views and panels hold on to it.
            self._map.apply(change)
            self._show_others(change)
        return change

    # ------------------------------------------------------------- live updates
    def pull_remote(self) -> Change:
        """Take what others changed since the last revision (live updates): never on the undo stack.

        Rows come from the server as they are now, in one snapshot; the undo history stays, and works
        against the present as always. Raises ``MapFileError`` if the server cannot be read.
        """
        pulled = self._opened.repository.pull()
        before: list[Entity] = []
        after: list[Entity] = []
        authors: dict[EntityKey, str] = {}
        for row in pulled.rows:
            entity = self._own(row)
            key = key_of(entity)
            old = self._current(key)
            if old != entity:
                before += [old] if old is not None else []
                after.append(entity)
                # Every edit touches the map's modified time, which the log leaves out: not an author's.
                if not (isinstance(old, MapInfo) and isinstance(entity, MapInfo)
                        and replace(old, modified_at=entity.modified_at) == entity):  # fmt: skip
                    authors[key] = pulled.authors.get(key, "")
        for key in pulled.gone:
            old = self._current(key)
            if old is not None:
                before.append(old)
                authors[key] = pulled.authors.get(key, "")
        change = Change.of("Changes by others", before, after)
        if change.is_empty:
            self._opened.repository.take_pulled(pulled)
            return change
        # Before the views hear of it: a field typed over asks who changed it (``changed_by``).
        arrived = datetime.now()
        self.changed_by.update((key, (author, arrived)) for key, author in authors.items() if author)
        try:
            self._map.apply(change)  # the same Map object: views and panels hold on to it
        except ValueError:
            # The rows do not fit the map on screen (a tie to someone whose change is not in this
            # pull): read the whole map once instead, which always fits.
            change = self.refresh()
            self.remote_changed.emit(change, authors)
            return change
        self._opened.repository.take_pulled(pulled)
        self._show_others(change)
        self.remote_changed.emit(change, authors)
        return change

    # ------------------------------------------------------------- "me" per planner
    def _own(self, entity: E) -> E:
        return self._personal.own(entity) if self._personal is not None else entity

    def _for_server(self, change: Change) -> Change:
        return self._personal.for_server(change) if self._personal is not None else change

    def _remember_me(self, change: Change) -> None:
        if self._personal is not None:
            self._personal.remember(change)

    def _current(self, key: EntityKey) -> Entity | None:
        kind, entity_id = key
        return self._map.info if kind is MapInfo else self._map.entity(kind, entity_id)

    def set_offline(self, since: datetime | None) -> None:
        """The server is out of reach since ``since`` (read-only until it is back), or back (``None``)."""
        if (since is None) == (self.offline_since is None):
            return
        self.offline_since = since
        self.offline_changed.emit(since)

    def _after_failed_write(self) -> None:
        # A connection opened while the disk was read-only or failing stays that way after the disk
        # recovers; dropping it lets the next edit start afresh instead of failing until a reopen.
        self._opened.repository.dispose()
        # The status bar must not go on saying "All changes saved" from the edit before.
        saved = f" (last saved {self.last_saved:%H:%M:%S})" if self.last_saved else ""
        self.storage_status.emit(f"Last change not saved{saved}")

    def _announce(self, change: Change) -> None:
        self.last_saved = datetime.now()
        self.storage_status.emit(f"All changes saved · {self.last_saved:%H:%M:%S}")
        self.changed.emit(change)

    # ------------------------------------------------------------- lifecycle
    def switch_file(self, opened: OpenedMap) -> None:
        """Save As: go on in ``opened`` (a copy of this map), keeping the undo history; the old file closes."""
        old, self._opened = self._opened, opened
        self.untitled = False
        old.close()

    def close(self) -> None:
        self.undo_stack.clear()
        self._opened.close()


def _as_write_error(exc: Exception, change: Change) -> MapFileError:
    """A storage error as it is; anything else the storage let through, as a message a user can act on."""
    if isinstance(exc, MapFileError):
        return exc
    # Not a failure the storage named: most likely a bug, so its traceback goes to the log.
    log.error("Writing “%s” failed unexpectedly", change.label, exc_info=exc)
    if isinstance(exc, UnicodeEncodeError):
        reason = f"it contains {UNSTORABLE_CHARACTER}"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return StorageWriteError(f"The change “{change.label}” could not be saved: {reason}")


def _entity_fields(conflict: EditConflictError) -> list[str]:
    """The disputed columns as entity fields (a column is named as its field, labels excepted)."""
    names = set()
    for column in conflict.fields:
        if column.startswith("label_"):
            names.add("quadrant_labels")
        elif column.startswith("cadence_") and isinstance(conflict.mine, MapInfo):
            names.add("cadences")
        else:
            names.add(column)
    return [n for n in names if hasattr(conflict.mine, n)]


def _everything(m: Map) -> dict[EntityKey, Entity]:
    entities: list[Entity] = [
        m.info,
        *m.stakeholders.values(),
        *m.relationships.values(),
        *m.notes.values(),
        *m.engagements.values(),
        *m.snapshots.values(),
    ]
    return {key_of(e): e for e in entities}
