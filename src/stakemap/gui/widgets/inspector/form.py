"""The shared machinery of the inspector's pages: sections, fields, commits, refusals, quiet refreshes (gui layer).

A page lists its fields by the entity attribute they edit. A finished field
becomes ONE ``document.edit``; a value the model refuses is shown beside the
field and the field goes back to the stored value. Refreshing pushes only the
values that changed, so a field the user is typing in keeps its text and
cursor when something else changed.

When others change the very field the user is typing in (a server map's live
updates), the typing stays on screen, the field says "Sam changed this to …",
and finishing it asks who wins in part 1's "Changed by someone else" window
(``TypedOver``): Use mine is an ordinary undoable edit, Keep theirs writes nothing.

When the server goes out of reach (the document goes offline), the fields turn read-only, and
what the user finishes typing then stays on screen, saying it is kept (``KeptOffline``), instead
of being refused and lost; it is saved once the map is back, asking first if someone else changed
the same value in the meantime.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.changes import Change, EntityKey
from stakemap.core.model import Map
from stakemap.gui.document import EditRejected, MapDocument
from stakemap.gui.live_updates import MARKS_REMOTE_CHANGES
from stakemap.gui.logins import person_name
from stakemap.gui.widgets import conflict_dialog
from stakemap.gui.widgets.inspector.fields import Field
from stakemap.gui.widgets.inspector.section import Section
from stakemap.storage.versioned import shown_in_sentence


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label for user text: shown literally (never as markup), wrapped, selectable."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(point_delta: int = 3) -> QLabel:
    label = plain_label()
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + point_delta)
    label.setFont(font)
    return label


class FieldMessage(QWidget):
    """Why the last value typed into a field was refused: a warning icon and the model's words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain_label()
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def clear(self) -> None:
        self.text.clear()
        self.hide()


@dataclass(frozen=True)
class TypedOver:
    """Others changed a field while the user was typing in it."""

    #: The entity the page showed then, and its owner in words ("Dana’s").
    subject: EntityKey
    owner: str
    #: The stored value when the typing began, and the one others stored since.
    base: Any
    theirs: Any
    #: Who ("Sam", or "Someone else") and when it arrived.
    who: str
    at: datetime


@dataclass(frozen=True)
class KeptOffline:
    """What the user finished typing in field ``name`` while the server was out of reach."""

    name: str
    #: The entity the page showed then, and its owner in words ("Dana’s").
    subject: EntityKey
    owner: str
    #: The stored value the typing started from, and the value typed.
    base: Any
    value: Any
    #: The edit that stores it, bound to the subject (the page may show someone else by then).
    mutation: Callable[[Map], Change]


KEPT_OFFLINE = (
    "Not saved yet: the server cannot be reached. What you typed stays here and is saved when "
    "the server is back."
)
_NOT_AN_ATTRIBUTE = object()


def quoted(text: str) -> str:
    """A value in a sentence, cut the way part 1's conflict sentences cut it."""
    return f"“{shown_in_sentence(text)}”"


class FieldForm(QWidget):
    """A page of fields editing one entity (or the map's details)."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.fields: dict[str, Field] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.sections: dict[str, Section] = {}
        #: Each field's label, for sentences about it ("Dana’s role").
        self.captions: dict[str, str] = {}
        #: Fields others changed while the user was typing in them, until the user finishes.
        self.typed_over: dict[str, TypedOver] = {}
        #: Typing finished while offline, on the subject shown; then on subjects no longer shown.
        self.kept_offline: dict[str, KeptOffline] = {}
        self._kept_elsewhere: list[KeptOffline] = []
        self._flushing = False
        document.offline_changed.connect(self._offline_changed)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 6, 6, 6)

    # ------------------------------------------------------------- building
    def section(self, title: str, *, labels_above: bool = False) -> QFormLayout:
        """A titled group of rows; ``labels_above`` gives long texts the dock's whole width."""
        section = self._add_section(title)
        form = QFormLayout(section.body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows if labels_above else QFormLayout.RowWrapPolicy.WrapLongRows
        )
        return form

    def boxed(self, title: str, widget: QWidget) -> Section:
        """A section holding one widget (a notes list, a plan list)."""
        section = self._add_section(title)
        QVBoxLayout(section.body).addWidget(widget)
        return section

    def _add_section(self, title: str) -> Section:
        section = Section(title)
        self.sections[title] = section
        self.column.addWidget(section)
        return section

    def add_field(
        self, form: QFormLayout, name: str, label: str | None, field: Field, tip: str = ""
    ) -> Field:
        """A row: the label (buddy of the editor, for screen readers and mnemonics), the editor, its message."""
        self.fields[name] = field
        self.captions[name] = label or name.replace("_", " ")
        # Typing here need not hold others' changes back: this form keeps the typing and says so.
        field.widget.setProperty(MARKS_REMOTE_CHANGES, True)
        message = FieldMessage()
        self.messages[name] = message
        cell = QWidget()
        stack = QVBoxLayout(cell)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(field.widget)
        stack.addWidget(message)
        if tip:
            field.widget.setToolTip(tip)
        if label is None:  # a checkbox carries its own label
            form.addRow(cell)
        else:
            caption = QLabel(label)
            caption.setBuddy(field.widget)
            form.addRow(caption, cell)
        field.committed.connect(lambda value: self._commit(name, value))
        field.refused.connect(lambda text: self.show_message(name, text))
        field.done.connect(lambda: self._forget_typed_over(name))
        return field

    # -------------------------------------------------------------- editing
    def mutation(self, name: str, value: Any) -> Callable[[Map], Change] | None:
        """The edit that stores ``value`` in field ``name``; None when there is nothing to edit."""
        raise NotImplementedError

    def subject(self) -> tuple[EntityKey, str] | None:
        """The entity the page shows and its owner in words ("Dana’s"); None when it shows nothing."""
        raise NotImplementedError

    def _commit(self, name: str, value: Any) -> None:
        if self._document.offline_since is not None:
            self._keep_offline(name, value)
            return
        typed_over = self.typed_over.pop(name, None)
        if typed_over is not None:
            self._commit_typed_over(name, value, typed_over)
            return
        mutation = self.mutation(name, value)
        if mutation is None:
            self.fields[name].revert()
            return
        if self.apply(mutation, name):
            self.clear_message(name)

    def apply(
        self, mutation: Callable[[Map], Change], name: str | None = None, label: str | None = None
    ) -> bool:
        """Run one edit; a refusal of the value is shown at field ``name``, a failed write by the window."""
        try:
            self._document.edit(mutation, label)
        except EditRejected as exc:
            if name is not None:
                self.fields[name].revert()
            if name is not None and isinstance(exc.__cause__, ValueError | KeyError):
                self.show_message(name, str(exc))
            else:
                # Disk, lock or read-only trouble concerns the whole map: the main window says it.
                self._document.write_failed.emit(str(exc))
            return False
        return True

    def show_message(self, name: str, text: str) -> None:
        self.messages[name].show_message(text)

    def clear_message(self, name: str) -> None:
        self.messages[name].clear()

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear()

    # ------------------------------------------------------- typed over by others
    def _typed_over_by_others(self, name: str, theirs: Any) -> None:
        """Others changed field ``name`` while the user types in it: keep the typing, say who and what."""
        field, subject = self.fields[name], self.subject()
        if subject is None:
            return
        earlier = self.typed_over.get(name)
        author, at = self._document.changed_by.get(subject[0], ("", datetime.now()))
        who = person_name(author) if author else "Someone else"
        base = earlier.base if earlier is not None else field.stored
        self.typed_over[name] = TypedOver(subject[0], subject[1], base, theirs, who, at)
        field.stored = theirs  # the typed text stays on screen; going back now shows theirs
        self.show_message(
            name,
            f"{who} changed this to {quoted(field.words(theirs))} while you were typing. "
            "When you finish, you choose which stands.",
        )

    def _commit_typed_over(self, name: str, mine: Any, typed_over: TypedOver) -> None:
        self.clear_message(name)
        if mine == typed_over.base:
            # Typed and put back as it was: nothing of the user's changed, so theirs stands unasked.
            self.fields[name].revert()
            return
        # Bound to the subject now: the page may have moved on to someone else by the time it is
        # answered (leaving the field was a click on another card).
        mutation = self.mutation(name, mine)
        if self._flushing:
            # The page is about to show another subject, or the map to close: ask before that.
            self._settle_typed_over(name, mine, typed_over, mutation)
            return
        # The user left the field or pressed Enter: ask once that signal has returned.
        QTimer.singleShot(0, lambda: self._settle_typed_over(name, mine, typed_over, mutation))

    def _settle_typed_over(
        self, name: str, mine: Any, typed_over: TypedOver, mutation: Callable[[Map], Change] | None
    ) -> None:
        field = self.fields[name]
        sentence = (
            f"{typed_over.who} changed {typed_over.owner} {self.captions[name].lower()} to "
            f"{quoted(field.words(typed_over.theirs))} at {typed_over.at:%H:%M}, while you were typing "
            f"{quoted(field.words(mine))}."
        )
        choice = conflict_dialog.choose(
            self.window(),
            sentence,
            "Use mine saves yours over theirs (Ctrl+Z undoes it); Keep theirs leaves theirs, and "
            "nothing of yours is saved.",
        )
        subject = self.subject()
        still_here = subject is not None and subject[0] == typed_over.subject
        if choice == conflict_dialog.USE_MINE and mutation is not None:
            self.apply(mutation, name if still_here else None, label=conflict_dialog.USE_MINE)
        elif still_here:
            field.revert()

    def _forget_typed_over(self, name: str) -> None:
        """The user finished without committing (theirs typed, or nothing readable): theirs stands."""
        if name in self.kept_offline:
            return  # kept for when the server is back, with who changed it meanwhile
        if self.typed_over.pop(name, None) is not None:
            self.clear_message(name)

    # ------------------------------------------------------------ offline
    def _keep_offline(self, name: str, value: Any) -> None:
        """Finished while the server is out of reach: keep the text on screen and the edit for later."""
        field, subject, mutation = self.fields[name], self.subject(), self.mutation(name, value)
        if subject is None or mutation is None:
            field.revert()
            return
        earlier = self.typed_over.get(name)
        base = earlier.base if earlier is not None else field.stored
        self.kept_offline[name] = KeptOffline(name, subject[0], subject[1], base, value, mutation)
        self.show_message(name, KEPT_OFFLINE)

    def kept_offline_count(self) -> int:
        return len(self.kept_offline) + len(self._kept_elsewhere)

    def _offline_changed(self, since: object) -> None:
        if since is None and (self.kept_offline or self._kept_elsewhere):
            # After the signal: saving (and perhaps asking who wins) inside the live updates' slot
            # would nest an edit in their work.
            QTimer.singleShot(0, self._save_kept)

    def _save_kept(self) -> None:
        """The map is back: save what was kept, asking first where someone else changed it meanwhile."""
        if self._document.read_only:
            return  # gone again before this ran: kept until the next return
        kept = [*self._kept_elsewhere, *self.kept_offline.values()]
        self._kept_elsewhere.clear()
        self.kept_offline.clear()
        for entry in kept:
            subject = self.subject()
            here = subject is not None and subject[0] == entry.subject
            if here:
                self.clear_message(entry.name)
            typed_over = self.typed_over.pop(entry.name, None) if here else None
            if typed_over is None:
                typed_over = self._changed_meanwhile(entry)
            if typed_over is not None:
                self._settle_typed_over(entry.name, entry.value, typed_over, entry.mutation)
            else:
                self.apply(entry.mutation, entry.name if here else None)

    def _changed_meanwhile(self, entry: KeptOffline) -> TypedOver | None:
        """Others' change to the kept value, seen in the map now (caught up); None if unchanged."""
        entity = self._document.map.entity(*entry.subject)
        now = getattr(entity, entry.name, _NOT_AN_ATTRIBUTE) if entity is not None else _NOT_AN_ATTRIBUTE
        if now is _NOT_AN_ATTRIBUTE or now == entry.base:
            return None
        author, at = self._document.changed_by.get(entry.subject, ("", datetime.now()))
        who = person_name(author) if author else "Someone else"
        return TypedOver(entry.subject, entry.owner, entry.base, now, who, at)

    # ------------------------------------------------------------ refreshing
    def show_values(self, values: Mapping[str, Any], *, everything: bool = False) -> None:
        """Show stored values; only changed ones unless ``everything`` (a new subject).

        A field the user is typing in keeps the typing when others changed its value (``TypedOver``).
        """
        if everything:
            self.typed_over.clear()
            # Kept typing of the subject shown until now: saved on return all the same.
            self._kept_elsewhere.extend(self.kept_offline.values())
            self.kept_offline.clear()
        for name, field in self.fields.items():
            if name not in values:
                continue
            value = values[name]
            if everything:
                field.show_value(value)
            elif value != field.stored:
                kept = name in self.kept_offline
                if (field.typing() or kept) and self._document.showing_others_changes:
                    self._typed_over_by_others(name, value)
                else:
                    field.show_value(value)
        if everything:
            self.clear_messages()

    def flush(self) -> None:
        """Commit whatever the user typed but has not finished yet (before the page shows another subject)."""
        self._flushing = True
        try:
            # Offline, finishing keeps the typing for the server's return (``_keep_offline``).
            writable = not self._document.read_only or self._document.offline_since is not None
            for field in self.fields.values():
                if writable:
                    field.finish()
        finally:
            self._flushing = False

    def set_read_only(self, read_only: bool) -> None:
        for field in self.fields.values():
            field.set_read_only(read_only)

    def show_access(self) -> None:
        """The map became read-only or writable again: fields and buttons follow (the typing stays)."""
        self.set_read_only(self._document.read_only)
