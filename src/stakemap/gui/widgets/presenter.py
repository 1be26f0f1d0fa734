"""Presenter mode: the map full screen for a projector or a shared screen, safe by default (gui layer).

Opinions about named colleagues are sensitive, so the presentation is its own
full-screen window showing a canvas built on an ``AudienceDocument``: the map as
``core.audience.for_audience`` leaves it (no confidential people, no attitude or
trust, no conflict lines, no overdue mark, focus star or "me", initials without
roles), never the real document. Nothing can edit the map from there: the
canvas's document refuses every edit, and while presenting every key, shortcut,
drop and canvas click is taken by this module (keys and clicks move the
spotlight). The main window is never touched, so leaving gives it back exactly
as it was (maximised or not, docks, zoom).

Notices (e.g. follow-ups overdue) must not appear over a presentation: call
``when_not_presenting(show)``; a non-modal window that shows anyway is hidden
and shown again when the presentation ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stakemap.core.audience import AUDIENCE, AudienceSettings
from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.core.model import Map
from stakemap.gui.canvas.options import DisplayOptions
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.audience_document import AudienceDocument

if TYPE_CHECKING:
    from stakemap.gui.canvas.view import MapView
    from stakemap.gui.document import MapDocument

#: What the audience sees on entering: nothing a colleague in the room should not see.
PRESENTER_DEFAULT = replace(AUDIENCE, initials=True)

NAME_CHOICES = (("Initials", "initials"), ("Roles", "role"), ("Names", "name"))
QUADRANT_ORDER = (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED, Quadrant.MONITOR)
NEXT_KEYS = {Qt.Key.Key_Tab, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Backtab, Qt.Key.Key_Left, Qt.Key.Key_Up}
#: Mouse and drop events on the canvas that would start a gesture: taken while presenting.
_CANVAS_GESTURES = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.ContextMenu,
}  # fmt: skip
_DROPS = {QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop}
_MAIN_WINDOW_INPUT = _CANVAS_GESTURES | {QEvent.Type.Wheel}


class PresenterBar(QFrame):
    """The presenter's controls, in a row above the map (never over it)."""

    changed = Signal()

    def __init__(self, leave: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenter-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(QLabel("Show"))
        self.names = QComboBox()
        for text, value in NAME_CHOICES:
            self.names.addItem(text, value)
        self.confidential = QCheckBox("Confidential people")
        self.marks = QCheckBox("Attitude && trust")
        self.conflicts = QCheckBox("Conflicts")
        self.follow_ups = QCheckBox("Overdue && focus marks")
        self.large = QCheckBox("Large text")
        self.large.setChecked(True)
        for widget in (
            self.names,
            self.confidential,
            self.marks,
            self.conflicts,
            self.follow_ups,
            self.large,
        ):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard belongs to the spotlight
            layout.addWidget(widget)
        self.quadrant = QLabel("")
        self.quadrant.setMinimumWidth(
            180
        )  # the quadrant's name changes as the spotlight moves: no jumping bar
        layout.addWidget(self.quadrant)
        layout.addStretch(1)
        self.leave_button = QPushButton("Leave Presenter Mode (Esc)")
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leave_button.clicked.connect(leave)
        layout.addWidget(self.leave_button)
        self.names.currentIndexChanged.connect(self.changed)
        for box in (self.confidential, self.marks, self.conflicts, self.follow_ups, self.large):
            box.toggled.connect(self.changed)

    def settings(self) -> AudienceSettings:
        shown = self.marks.isChecked()
        return replace(
            PRESENTER_DEFAULT,
            confidential_people=self.confidential.isChecked(),
            attitude=shown,
            trust=shown,
            conflict_ties=self.conflicts.isChecked(),
            marks=self.follow_ups.isChecked(),
            initials=self.names.currentData() == "initials",
        )

    def display_options(self) -> DisplayOptions:
        mode = self.names.currentData()
        return DisplayOptions(
            name_mode="role" if mode == "role" else "name",  # initials are the names of the audience's map
            hide_confidential=False,  # nobody confidential is left unless the presenter chose to show them
            hide_trust_attitude=not self.marks.isChecked(),
            large_text=self.large.isChecked(),
            legend_marks=self.follow_ups.isChecked() or self.confidential.isChecked(),
        )


class PresenterWindow(QWidget):
    """The full-screen presentation: the bar, then the audience's canvas below it."""

    def __init__(self, the_map: Map, leave: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Stakemap — Presenter")
        self.setObjectName("presenter-window")
        self._source = the_map
        self.bar = PresenterBar(leave, self)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.bar)
        self.view: MapView | None = None
        self.document: AudienceDocument | None = None
        self.rebuild()

    def rebuild(self) -> None:
        """A new canvas on the map this audience may see (settings changed: the map itself differs)."""
        from stakemap.gui.canvas.view import MapView

        old = self.view
        settings = self.bar.settings()
        document = AudienceDocument(presented_map(self._source, settings), settings, self)
        # The audience's document answers every query and signal the canvas uses, and refuses every
        # edit; it is not a MapDocument because it has no file and no undo history to hold.
        view = MapView(cast("MapDocument", document), Selection(self), self)
        make_view_only(view)
        view.set_display_options(self.bar.display_options())
        self._layout.addWidget(view, 1)
        if old is not None:
            self._layout.removeWidget(old)
            old.deleteLater()
        if self.document is not None:
            self.document.deleteLater()
        self.view, self.document = view, document
        view.show()
        self._layout.activate()
        view.zoom_fit()
        view.setFocus()


def presented_map(the_map: Map, settings: AudienceSettings) -> Map:
    """The canvas draws no plan: without marks its engagements would only feed the overdue mark."""
    if settings.marks:
        return the_map
    return Map(info=the_map.info, stakeholders=the_map.stakeholders, relationships=the_map.relationships,
               notes=the_map.notes, snapshots=the_map.snapshots)  # fmt: skip


def make_view_only(view: MapView) -> None:
    """No gesture, shortcut or drop of this canvas can start an edit (its document refuses them anyway)."""
    for action in view.actions_.all():
        action.setEnabled(False)
    view.setInteractive(False)
    view.setAcceptDrops(False)
    view.viewport().setAcceptDrops(False)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    view.report = lambda _title, _message: None  # a refusal never opens a box over the presentation


@dataclass(frozen=True)
class PresenterHost:
    """What presenter mode needs of the window it presents from, and nothing more."""

    window: QWidget  # its screen is used, it gets the focus back, and it takes no input meanwhile
    current_map: Callable[[], Map | None]  # the map to present (None: nothing open)
    focus_map: Callable[[], None]  # give the keyboard back to the map after presenting


class PresenterMode(QObject):
    #: True on entering, False on leaving.
    presentation_changed = Signal(bool)

    def __init__(self, host: PresenterHost) -> None:
        super().__init__(host.window)
        self._host = host
        self._window = host.window
        self._screen: PresenterWindow | None = None
        self._deferred: list[Callable[[], None]] = []
        self._held_back: list[QWidget] = []
        self.spotlight_id: str | None = None
        self._order: list[str] = []

    @property
    def active(self) -> bool:
        return self._screen is not None

    @property
    def screen(self) -> PresenterWindow | None:
        return self._screen

    @property
    def view(self) -> MapView | None:
        return self._screen.view if self._screen is not None else None

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def when_not_presenting(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now, or when the presentation ends (for notices that must not appear on it)."""
        if self.active:
            self._deferred.append(callback)
        else:
            callback()

    def enter(self) -> None:
        the_map = self._host.current_map()
        if the_map is None or self.active:
            return
        self._screen = PresenterWindow(the_map, self.leave, self._window)
        self._screen.bar.changed.connect(self.apply_controls)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in app.topLevelWidgets():
            if widget.isVisible():
                self._hold_back(widget, self._screen)  # a notice already open must not sit on the projector
        app.installEventFilter(self)
        # On the main window's screen, all of it (without a window manager showFullScreen alone does not size it).
        self._screen.setGeometry(self._window.screen().geometry())
        self._screen.showFullScreen()
        self._screen.activateWindow()
        self._screen.view.zoom_fit()  # type: ignore[union-attr]  # now that it has its full-screen size
        self._refresh_order()
        self.presentation_changed.emit(True)

    def leave(self) -> None:
        screen = self._screen
        if screen is None:
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._screen = None
        self.spotlight_id = None
        screen.hide()
        screen.deleteLater()
        self._window.activateWindow()
        self._host.focus_map()
        held, self._held_back = self._held_back, []
        for widget in held:
            widget.show()
        deferred, self._deferred = self._deferred, []
        for callback in deferred:
            callback()
        self.presentation_changed.emit(False)

    def apply_controls(self) -> None:
        if self._screen is None:
            return
        self._screen.rebuild()
        self._refresh_order()

    def _refresh_order(self) -> None:
        self._order = self._spotlight_order()
        if self.spotlight_id not in self._order:
            self.spotlight_id = None
        self.set_spotlight(self.spotlight_id)

    # ------------------------------------------------------------ spotlight
    def set_spotlight(self, stakeholder_id: str | None) -> None:
        self.spotlight_id = stakeholder_id
        view = self.view
        if view is None or self._screen is None:
            return
        view.map_scene.set_spotlight(stakeholder_id)
        label = ""
        if stakeholder_id is not None:
            the_map = view.document.map
            person = the_map.stakeholders[stakeholder_id]
            label = (
                f"  ·  {quadrant_of(person.influence, person.interest).label(the_map.info.quadrant_labels)}"
            )
        self._screen.bar.quadrant.setText(label)

    def step(self, direction: int) -> None:
        """The next (or previous) person: through a quadrant by influence, then on to the next quadrant."""
        if not self._order:
            return
        if self.spotlight_id in self._order:
            index = (self._order.index(self.spotlight_id) + direction) % len(self._order)
        else:
            index = 0 if direction > 0 else len(self._order) - 1
        self.set_spotlight(self._order[index])

    def _spotlight_order(self) -> list[str]:
        view = self.view
        if view is None:
            return []
        the_map = view.document.map
        order: list[str] = []
        for quadrant in QUADRANT_ORDER:
            people = [
                p for p in the_map.stakeholders.values() if quadrant_of(p.influence, p.interest) is quadrant
            ]
            people.sort(key=lambda p: (-p.influence, -p.interest, p.name.casefold(), p.id))
            order += [p.id for p in people if self._visible(p.id)]
        return order

    def _visible(self, stakeholder_id: str) -> bool:
        view = self.view
        card = view.map_scene.cards.get(stakeholder_id) if view is not None else None
        return card is not None and card.isVisible()

    # --------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While presenting, the whole application's input: keys move the spotlight, nothing edits."""
        screen = self._screen
        if screen is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut fires (Delete, Ctrl+V, Ctrl+Z...): the key comes here as a key press
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self._key(event)
            return True
        if kind in (QEvent.Type.KeyRelease, QEvent.Type.Shortcut) or kind in _DROPS:
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            self._hold_back(watched, screen)
            return False
        if kind in _MAIN_WINDOW_INPUT and isinstance(watched, QWidget) and watched.window() is self._window:
            return True  # the main window, on the presenter's own screen, does not edit during a presentation
        view = screen.view
        if view is not None and watched is view.viewport() and kind in _CANVAS_GESTURES:
            if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
                card = view.map_scene.card_at(view.mapToScene(event.position().toPoint()))
                self.set_spotlight(
                    card.stakeholder_id if card is not None and self._visible(card.stakeholder_id) else None
                )
            return True
        return False

    def _key(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.spotlight_id is not None:
                self.set_spotlight(None)
            else:
                self.leave()
        elif key == Qt.Key.Key_F5:
            self.leave()
        elif key in NEXT_KEYS:
            self.step(1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        # Every other key does nothing: a stray key on the projector must not change anything.

    def _hold_back(self, widget: QWidget, screen: PresenterWindow) -> None:
        """A non-modal window (a notice, a tool window) that opens during the presentation waits."""
        if not widget.isWindow() or widget is screen or widget.window() is screen:
            return
        if widget is self._window or (isinstance(widget, QDialog) and widget.isModal()):
            return  # a modal dialog hidden in its exec() would be answered "Cancel" for the user
        if widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            return
        self._held_back.append(widget)
        widget.hide()
