"""Others' edits on screen as they happen, who else is here, and staying useful offline (gui layer).

For a server map: a ``Listener`` (storage) LISTENs on a connection of its own; a ``QSocketNotifier``
on its socket wakes the event loop when a notification arrives, and the document pulls what changed
since its last revision (``MapDocument.pull_remote``): applied as changes by others, never on the undo
stack. While the user drags cards (``hold``/``release``, wired to the canvas's drag signals) the pull
waits, so nothing moves under the mouse. Typing holds it back too, except in a field that marks what
others change under it (the inspector's fields, ``MARKS_REMOTE_CHANGES``): there the map moves on, the
typed text stays, the field says "Sam changed this to …", and committing asks who wins. Other text
fields (a plan cell, a note being written) hold the pull until the typing is done.

If the listening connection drops, the status says so and it reconnects with back-off (1 s doubling
to 30 s), then catches up with one pull. If the server cannot be reached at all the document goes
offline: read-only, "Offline — as of 14:05", until it is back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from stakemap.core.changes import Change, EntityKey
from stakemap.gui.document import MapDocument
from stakemap.gui.logins import person_name
from stakemap.storage.errors import MapFileError
from stakemap.storage.live import Listener, ListenerLost, person_tag

log = logging.getLogger(__name__)

#: Back-off between reconnection attempts, in milliseconds (doubling up to the last).
BACK_OFF_MS = (1000, 2000, 4000, 8000, 16000, 30000)
#: How often a held pull looks again whether the drag or the typing is over.
HOLD_RETRY_MS = 250
#: How often "Also here" is asked of the server.
PRESENCE_MS = 15000
#: How often a connection being made in the background is looked at.
CONNECTING_POLL_MS = 50
#: A widget property: this text field keeps what the user types when others' changes arrive, and says
#: so (the inspector's fields), so typing in it need not hold them back.
MARKS_REMOTE_CHANGES = "stakemapMarksRemoteChanges"


def typing_in_progress(window: QWidget) -> bool:
    """A text field of ``window`` has focus and holds typing not yet committed (its content is modified).

    A field that marks others' changes under the typing (``MARKS_REMOTE_CHANGES``) does not count.
    """
    widget = QApplication.focusWidget()
    if widget is None or widget.window() is not window:
        return False
    if widget.property(MARKS_REMOTE_CHANGES):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isModified()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.document().isModified()
    return False


class LiveUpdates(QObject):
    """Keeps one server map's document up to date with the server."""

    #: "Live", "Live updates lost: reconnecting in 4 s", "Offline — as of 14:05".
    status = Signal(str)
    #: "Also here: Priya, Sam" (empty: nobody else).
    presence = Signal(str)
    #: "Priya changed Dana" after a pull brought others' edits.
    activity = Signal(str)

    def __init__(
        self,
        document: MapDocument,
        parent: QObject | None = None,
        *,
        listener_factory: Callable[[], Listener] | None = None,
        window: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        address = document.opened.address
        assert address is not None, "live updates are for server maps"
        self.document = document
        #: The window whose text fields' typing holds remote changes back (None: no typing check).
        self.window = window
        self._factory = listener_factory or (lambda: Listener(address))
        self._listener: Listener | None = None
        self._notifier: QSocketNotifier | None = None
        self._holds = 0
        self._selected: str | None = None
        self._attempt = 0
        #: Back after being offline: the map turns writable again once the first pull has caught up.
        self._catching_up = False
        self._pending = False
        self.synced_at: datetime = datetime.now()
        self._pull_timer = QTimer(self)
        self._pull_timer.setSingleShot(True)
        self._pull_timer.timeout.connect(self._pull)
        self._reconnect_timer = QTimer(self)
        self._reconnect_timer.setSingleShot(True)
        self._reconnect_timer.timeout.connect(self._connect)
        # Connecting can wait seconds on a server out of reach: never on the GUI thread.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stakemap-listen")
        self._connecting: Future[Listener] | None = None
        self._connecting_timer = QTimer(self)
        self._connecting_timer.setInterval(CONNECTING_POLL_MS)
        self._connecting_timer.timeout.connect(self._connected)
        self._presence_timer = QTimer(self)
        self._presence_timer.setInterval(PRESENCE_MS)
        self._presence_timer.timeout.connect(self.ask_presence)
        document.remote_changed.connect(self._announce)

    # ---------------------------------------------------------------- control
    def start(self) -> None:
        self._connect()
        self._presence_timer.start()

    def stop(self) -> None:
        for timer in (self._pull_timer, self._reconnect_timer, self._presence_timer, self._connecting_timer):
            timer.stop()
        if self._connecting is not None:
            # A connection still being made is closed as soon as it is made.
            self._connecting.add_done_callback(_close_listener)
            self._connecting = None
        self._executor.shutdown(wait=False)
        self._drop_listener()

    def hold(self) -> None:
        """Remote changes wait (a drag began); ``release`` lets them in."""
        self._holds += 1

    def release(self) -> None:
        self._holds = max(0, self._holds - 1)
        if self._holds == 0 and self._pending:
            self._schedule(0)

    @property
    def connected(self) -> bool:
        return self._listener is not None

    def held(self) -> bool:
        # Drags are told (``hold``/``release``, from the canvas's drag signals): the application's
        # mouse-button state is global, and can stay "pressed" after a grab is lost.
        return self._holds > 0 or (self.window is not None and typing_in_progress(self.window))

    # --------------------------------------------------------------- internal
    def _connect(self) -> None:
        if self._connecting is not None:
            return
        self._connecting = self._executor.submit(self._factory)
        self._connecting_timer.start()

    def _connected(self) -> None:
        future = self._connecting
        if future is None or not future.done():
            return
        self._connecting_timer.stop()
        self._connecting = None
        try:
            listener = future.result()
        except (ListenerLost, OSError) as exc:
            self._lost(str(exc))
            return
        self._listener = listener
        if self._selected:
            self.select_person(self._selected)
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        reconnected = self._attempt > 0
        self._attempt = 0
        if reconnected and self.document.offline_since is not None:
            # Writable only once caught up: what the user kept typed offline is then compared with
            # what others saved meanwhile (the inspector asks who wins) instead of saved over it.
            self._catching_up = True
            self.status.emit("Back: catching up with others' changes…")
        else:
            self._back_live()
        self.ask_presence()
        if reconnected:
            self._pending = True
            self._schedule(0)  # catch up with what happened while we were away

    def _readable(self) -> None:
        if self._listener is None:
            return
        try:
            revisions = self._listener.drain()
        except ListenerLost as exc:
            self._lost(str(exc))
            return
        if revisions:
            self._pending = True
            self._schedule(0)

    def _schedule(self, delay_ms: int) -> None:
        if not self._pull_timer.isActive():
            self._pull_timer.start(delay_ms)

    def _pull(self) -> None:
        if not self._pending:
            return
        if self.held():
            self._schedule(HOLD_RETRY_MS)
            return
        self._pending = False
        try:
            self.document.pull_remote()
        except MapFileError as exc:
            self._pending = True
            self._lost(str(exc))
            return
        except Exception:  # a slot must not raise: say so, and let File > Reopen set things right
            log.exception("Others' changes could not be shown")
            if self._catching_up:
                self._back_live()  # writable again: being stuck read-only would help no one
            self.status.emit("Live, but others' last changes could not be shown: reopen the map")
            return
        self.synced_at = datetime.now()
        if self._catching_up:
            self._back_live()

    def _back_live(self) -> None:
        self._catching_up = False
        self.document.set_offline(None)
        self.status.emit("Live")

    def _lost(self, reason: str) -> None:
        was_connected = self._listener is not None
        self._catching_up = False
        self._drop_listener()
        if was_connected or self._attempt == 0:
            log.info("Live updates lost: %s", reason)
        delay = BACK_OFF_MS[min(self._attempt, len(BACK_OFF_MS) - 1)]
        self._attempt += 1
        if self._attempt > 1:
            # Not even a new connection: the server is out of reach. The map stays, read-only.
            self.document.set_offline(self.synced_at)
            self.status.emit(f"Offline — as of {self.synced_at:%H:%M} · retrying in {delay // 1000} s")
        else:
            self.status.emit(f"Live updates lost: reconnecting in {delay // 1000} s")
        self.presence.emit("")
        self._reconnect_timer.start(delay)

    def _drop_listener(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def select_person(self, stakeholder_id: str | None) -> None:
        """The person this user has selected, for the others' "Also here" (kept across reconnects)."""
        self._selected = stakeholder_id
        if self._listener is not None:
            try:
                self._listener.select_person(stakeholder_id)
            except ListenerLost as exc:
                self._lost(str(exc))

    def ask_presence(self) -> None:
        if self._listener is None:
            return
        try:
            others = self._listener.present()
        except ListenerLost as exc:
            self._lost(str(exc))
            return
        tags = {person_tag(i): p.name for i, p in self.document.map.stakeholders.items()}
        shown: dict[str, set[str]] = {}
        for present in others:
            on = shown.setdefault(person_name(present.user), set())
            if present.person_tag in tags:
                on.add(tags[present.person_tag])
        words = [f"{who} (on {', '.join(sorted(on))})" if on else who for who, on in sorted(shown.items())]
        self.presence.emit(f"Also here: {', '.join(words)}" if words else "")
        # Notifications that came in during the query are read off the socket by it: look now.
        self._readable()

    def _announce(self, change: Change, authors: dict[EntityKey, str]) -> None:
        people = sorted({person_name(a) for a in authors.values() if a})
        if not people:
            return
        what = _subject(change)
        self.activity.emit(f"{' and '.join(people)} changed {what}")


def _subject(change: Change) -> str:
    """The change in a few words: a person's name if one person changed, else a count."""
    from stakemap.core.entities import Stakeholder

    named = {e.name for e in (*change.after, *change.before) if isinstance(e, Stakeholder)}
    if len(named) == 1:
        return next(iter(named))
    if named:
        return f"{len(named)} people"
    return "the map"


def _close_listener(future: Future[Listener]) -> None:
    if future.exception() is None:
        future.result().close()
