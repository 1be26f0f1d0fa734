"""Errors the storage layer raises, each with a message fit to show a user as it is (storage layer)."""

from __future__ import annotations

import socket
from dataclasses import dataclass


class MapFileError(Exception):
    """A map file could not be opened or used; ``str(error)`` is the user-facing message."""


class NotAMapFileError(MapFileError):
    """Not a SQLite file, or a SQLite file of another application."""


class CorruptMapFileError(MapFileError):
    """A Stakemap file that is truncated or damaged."""


class MapInUseError(MapFileError):
    """Another program (not a Stakemap) holds the map file locked, e.g. a database tool mid-transaction.

    Nothing was changed; the user can close that program and try again.
    """

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        subject = f"“{name}”" if name else "The map file"
        super().__init__(
            f"{subject} is in use by another program, which is holding the file locked "
            "(perhaps a database tool or a sync client). Close that program, then open the map again."
        )


class ReadOnlyMapError(MapFileError):
    """An edit was attempted on a map opened read-only."""


class StorageWriteError(MapFileError):
    """An edit could not be written (disk full, I/O error, file removed); nothing of it was stored."""


class StaleWriteError(StorageWriteError):
    """A row this edit changes was changed outside this Stakemap since it was read: nothing was stored.

    Raised when an UPDATE or DELETE that names the row version it expects touches no row. ``subject``
    names the entity as the user knows it ("Dana", "A note").
    """

    def __init__(self, subject: str, message: str | None = None) -> None:
        self.subject = subject
        super().__init__(
            message
            or f"{subject} was changed outside Stakemap since this map was read, so this edit was not "
            "saved. Reopen it to see the file as it is."
        )


class RowGoneError(StaleWriteError):
    """A row this edit changes is no longer in the file (deleted, or the file replaced underneath)."""

    def __init__(self, subject: str) -> None:
        super().__init__(
            subject,
            f"{subject} is no longer in this file: it was changed outside Stakemap. "
            "Reopen it to see the file as it is.",
        )


class MapVanishedError(StorageWriteError):
    """The map file was deleted, renamed or replaced while open: edits here would be stored nowhere."""


class LockLostError(StorageWriteError):
    """Another Stakemap took over this map; further edits here would overwrite theirs."""


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    opened_at: str
    token: str = ""  # tells two openings by the same process apart
    started: str = ""  # the process's start time: a pid reused after a reboot is not this holder
    #: Known only from the lock on the file itself: opened on this host under another name (a link).
    other_name: bool = False

    def describe(self) -> str:
        if self.other_name:
            return f"a Stakemap on {self.host} that opened the same file under another name (a link)"
        return f"{self.user or 'someone'} on {self.host} (process {self.pid}) since {self.opened_at}"


class MapLockedError(MapFileError):
    """The map is open in another Stakemap; the caller may open it read-only or take it over.

    ``holder`` is who the lock file names; given as ``None`` when the map is open on this computer
    under another name (a hard link): then a holder with ``other_name`` set.
    """

    def __init__(self, path: str, holder: LockInfo | None) -> None:
        self.path = path
        self.holder = holder or LockInfo(0, socket.gethostname(), "", "", other_name=True)
        if holder is None:
            message = (
                f"“{path}” is already open in another Stakemap on this computer, under another name "
                "(a link to the same file). Open it read-only, or close it there first."
            )
        elif holder.host != socket.gethostname():
            message = (
                f"“{path}” is open in Stakemap on another computer, {holder.host}, since "
                f"{holder.opened_at} ({holder.user or 'unknown user'}, process {holder.pid}). Open it "
                "read-only, or, if Stakemap is no longer running there, take it over."
            )
        else:
            message = (
                f"“{path}” is already open in another Stakemap: {holder.describe()}. "
                "Open it read-only, or take it over (the other window will stop saving)."
            )
        super().__init__(message)


class EditConflictError(StaleWriteError):
    """Someone else changed the same fields of a row since it was read: nothing of this edit was stored.

    ``mine`` is the entity as this edit would have written it, ``theirs`` as the server holds it now
    (at row ``version``); ``fields`` are the columns both changed. The user chooses one of ``CHOICES``:
    "Use mine" writes ``mine``'s values over theirs (an ordinary, undoable edit), "Keep theirs" takes
    the server's row into the map on screen.
    """

    CHOICES = ("Use mine", "Keep theirs")

    def __init__(
        self,
        subject: str,
        message: str,
        *,
        mine: object,
        theirs: object,
        version: int,
        fields: tuple[str, ...],
        who: str | None = None,
    ) -> None:
        super().__init__(subject, message)
        self.mine = mine
        self.theirs = theirs
        self.version = version
        self.fields = fields
        self.who = who
        self.choices = self.CHOICES


class AttachedError(StorageWriteError):
    """A delete refused because others attached ties, notes or engagements since the map was read.

    Never cascaded: their work would vanish with it. ``attached`` counts what was found, by kind.
    """

    def __init__(self, message: str, attached: dict[str, int]) -> None:
        super().__init__(message)
        self.attached = attached


class DuplicateTieError(StorageWriteError):
    """The tie being added already exists on the server (someone else linked the same pair)."""


class ProtectedNotesError(AttachedError):
    """A delete refused because it would take notes with it that this user may not change or see.

    On a server a confidential note belongs to its author: deleting the person (or tie) it is about
    would delete it too, past the database's own rules. The message never says how many there are
    or what they say.
    """

    def __init__(self, subject: str, *, person: bool = True) -> None:
        has = "they have" if person else "it has"
        super().__init__(
            f"{subject} was not deleted: {has} notes you cannot see or change (confidential notes "
            "of others), which would have been deleted too. Ask the notes' authors to move or delete them.",
            {},
        )


class RefusedByServerError(StaleWriteError):
    """The server let the edit touch no row although the row is there as it was read: not permitted."""

    def __init__(self, subject: str, reason: str = "") -> None:
        super().__init__(
            subject,
            f"{subject} was not saved: the server did not let you change it{reason}. Nothing was stored.",
        )
