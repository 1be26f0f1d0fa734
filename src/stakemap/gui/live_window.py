"""The main window's part in live updates: status-bar labels, drag holds, offline (gui layer).

Kept out of ``main_window`` so that wiring a server map there is two calls: ``attach`` when a
document is shown, ``detach`` before it goes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QStatusBar, QWidget

from stakemap.gui.document import MapDocument
from stakemap.gui.live_updates import LiveUpdates
from stakemap.gui.widgets.activity_panel import ActivityPanel

if TYPE_CHECKING:
    from stakemap.gui.selection import Selection
    from stakemap.gui.views import MapParts

#: How long "Priya changed Dana" stays in the status bar (the card's "who" marker, for now).
ACTIVITY_MS = 6000


class LiveHost(Protocol):
    """What live updates need of the window showing a server map, and nothing more."""

    def window(self) -> QWidget: ...  # parent of the labels; where typing holds others' edits back
    def statusBar(self) -> QStatusBar: ...  # who is here, the connection, who changed what
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget, /) -> None: ...
    def removeDockWidget(self, dock: QDockWidget, /) -> None: ...

    @property
    def selection(self) -> Selection: ...  # the others see the person selected here

    @property
    def parts(self) -> MapParts | None: ...  # a drag on its canvas holds others' edits back

    def show_access(self, document: MapDocument) -> None: ...  # offline or back: menus and status follow


class LiveWindow:
    """Live updates of the window's server map, shown in its status bar."""

    def __init__(self, host: LiveHost, document: MapDocument) -> None:
        self.host = host
        self.document = document
        window = host.window()
        self.live = LiveUpdates(document, window, window=window)
        self.state = QLabel(window)
        self.here = QLabel(window)
        bar = host.statusBar()
        bar.addPermanentWidget(self.here)
        bar.addPermanentWidget(self.state)
        self.live.status.connect(self.state.setText)
        self.live.presence.connect(self.here.setText)
        self.live.activity.connect(lambda text: bar.showMessage(text, ACTIVITY_MS))
        document.offline_changed.connect(self._offline_changed)
        if host.parts is not None:
            scene = host.parts.canvas.map_scene
            # Never move a card under the mouse: others' edits wait for the drag to end.
            scene.cards_drag_started.connect(self.live.hold)
            scene.cards_drag_finished.connect(self.live.release)
        # Who did what: a dock of its own, only for server maps (a map file has no change log).
        self.activity = ActivityPanel(document)
        self.dock = QDockWidget("Activity", window)
        self.dock.setObjectName("dock-activity")
        self.dock.setWidget(self.activity)
        host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Who is on which person: the others see the person this user has selected.
        host.selection.changed.connect(self._selection_changed)
        self.live.start()

    def _selection_changed(self) -> None:
        self.live.select_person(self.host.selection.current_stakeholder)
        self.live.ask_presence()

    def _offline_changed(self, _since: object) -> None:
        self.host.show_access(
            self.document
        )  # back online, a viewer's map is still read-only for its own reason

    def detach(self) -> None:
        self.host.selection.changed.disconnect(self._selection_changed)
        self.live.stop()
        self.activity.shutdown()
        bar = self.host.statusBar()
        for label in (self.here, self.state):
            bar.removeWidget(label)
            label.deleteLater()
        self.live.deleteLater()
        self.host.removeDockWidget(self.dock)
        self.dock.deleteLater()


def attach(host: LiveHost, document: MapDocument) -> LiveWindow | None:
    """Start live updates for a server map shown in ``host`` (None for a map file)."""
    if not document.is_server_map:
        return None
    return LiveWindow(host, document)
