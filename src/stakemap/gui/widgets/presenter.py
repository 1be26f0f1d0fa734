"""Presenter mode: the map full screen for a projector or a shared screen, safe by default (gui layer).

Opinions about named colleagues are sensitive, so entering the mode shows
initials, hides confidential people and the team's private marks of attitude
and trust, and hides every dock (notes, inspector, plan). The presenter can
loosen that from the control bar; leaving the mode restores everything as it
was. Click a person (or step with the arrow keys through a quadrant) to put
them in the spotlight: everyone else dims except the people they are tied to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from stakemap.core.grid import Quadrant, quadrant_of
from stakemap.gui.canvas.options import DisplayOptions

if TYPE_CHECKING:
    from stakemap.gui.canvas.view import MapView
    from stakemap.gui.widgets.main_window import MainWindow

#: What the audience sees on entering: nothing a colleague in the room should not see.
SAFE_OPTIONS = DisplayOptions(
    name_mode="initials", hide_confidential=True, hide_trust_attitude=True, large_text=True
)

NAME_CHOICES = (("Initials", "initials"), ("Roles", "role"), ("Names", "name"))
QUADRANT_ORDER = (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED, Quadrant.MONITOR)


class PresenterBar(QFrame):
    """The presenter's controls, floating at the top of the canvas."""

    def __init__(self, mode: PresenterMode, parent: QWidget) -> None:
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
        self.large = QCheckBox("Large text")
        self.large.setChecked(True)
        for widget in (self.names, self.confidential, self.marks, self.large):
            layout.addWidget(widget)
        self.quadrant = QLabel("")
        layout.addWidget(self.quadrant)
        layout.addStretch(1)
        leave = QPushButton("Leave Presenter Mode (Esc)")
        leave.clicked.connect(mode.leave)
        layout.addWidget(leave)
        self.names.currentIndexChanged.connect(mode.apply_controls)
        for box in (self.confidential, self.marks, self.large):
            box.toggled.connect(mode.apply_controls)

    def options(self) -> DisplayOptions:
        return DisplayOptions(
            name_mode=self.names.currentData(),
            hide_confidential=not self.confidential.isChecked(),
            hide_trust_attitude=not self.marks.isChecked(),
            large_text=self.large.isChecked(),
        )


class PresenterMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._saved_state: QByteArray | None = None
        self._saved_options: DisplayOptions | None = None
        self._was_full_screen = False
        self._bar: PresenterBar | None = None
        self._view: MapView | None = None
        self.spotlight_id: str | None = None
        self._quadrant_index = 0
        self._step = -1

    @property
    def active(self) -> bool:
        return self._view is not None

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        view = self._window.views.get("canvas")
        if view is None or self.active:
            return
        self._view = view  # type: ignore[assignment]
        assert self._view is not None
        window = self._window
        self._saved_state = window.saveState()
        self._saved_options = self._view.map_scene.display_options
        self._was_full_screen = window.isFullScreen()
        for dock in window.docks.values():
            dock.hide()
        for toolbar in window.findChildren(type(window.actions_.toolbar)):
            toolbar.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        window.selection.set()
        self._bar = PresenterBar(self, self._view)
        self._bar.move(12, 12)
        self._bar.show()
        self._bar.adjustSize()
        self._view.viewport().installEventFilter(self)
        self._view.installEventFilter(self)
        self.apply_controls()
        window.showFullScreen()
        self._view.zoom_fit()
        self._view.setFocus()

    def leave(self) -> None:
        if self._view is None:
            return
        view, window = self._view, self._window
        view.viewport().removeEventFilter(self)
        view.removeEventFilter(self)
        self.set_spotlight(None)
        if self._bar is not None:
            self._bar.deleteLater()
            self._bar = None
        if self._saved_options is not None:
            view.map_scene.set_display_options(self._saved_options)
        self._view = None
        window.menuBar().show()
        window.statusBar().show()
        if not self._was_full_screen:
            window.showNormal()
        if self._saved_state is not None:
            window.restoreState(self._saved_state)
        view.zoom_fit()

    def apply_controls(self) -> None:
        if self._view is not None and self._bar is not None:
            self._view.map_scene.set_display_options(self._bar.options())
            if self.spotlight_id is not None and not self._visible(self.spotlight_id):
                self.set_spotlight(None)

    # ------------------------------------------------------------ spotlight
    def set_spotlight(self, stakeholder_id: str | None) -> None:
        self.spotlight_id = stakeholder_id
        if self._view is not None:
            self._view.map_scene.set_spotlight(stakeholder_id)

    def step(self, direction: int) -> None:
        """Spotlight the next (or previous) person in the current quadrant, by influence."""
        people = self._people_in_quadrant()
        if not people:
            return
        self._step = (self._step + direction) % len(people)
        self.set_spotlight(people[self._step])

    def next_quadrant(self, direction: int) -> None:
        self._quadrant_index = (self._quadrant_index + direction) % len(QUADRANT_ORDER)
        self._step = -1
        self.step(1)

    def _people_in_quadrant(self) -> list[str]:
        assert self._view is not None
        the_map = self._view.document.map
        quadrant = QUADRANT_ORDER[self._quadrant_index]
        if self._bar is not None:
            self._bar.quadrant.setText(f"  ·  {quadrant.label(the_map.info.quadrant_labels)}")
        people = [
            p for p in the_map.stakeholders.values()
            if quadrant_of(p.influence, p.interest) is quadrant and self._visible(p.id)
        ]  # fmt: skip
        return [p.id for p in sorted(people, key=lambda p: (-p.influence, -p.interest))]

    def _visible(self, stakeholder_id: str) -> bool:
        assert self._view is not None
        card = self._view.map_scene.cards.get(stakeholder_id)
        return card is not None and card.isVisible()

    # --------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._view is None:
            return False
        presenter_keys = (
            Qt.Key.Key_Right,
            Qt.Key.Key_Left,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Escape,
        )
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in presenter_keys:
                event.accept()  # these keys step the spotlight here; the canvas's nudge shortcuts must not fire
                return True
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self.spotlight_id is not None:
                    self.set_spotlight(None)
                else:
                    self.leave()
                return True
            moves = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
                self.step(moves[key])
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.next_quadrant(moves[key])
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                return True  # nothing is edited from the projector by a stray key
        if event.type() == QEvent.Type.MouseButtonPress and watched is self._view.viewport():
            position = self._view.mapToScene(event.position().toPoint())  # type: ignore[attr-defined]
            card = self._view.map_scene.card_at(position)
            self.set_spotlight(card.stakeholder_id if card is not None else None)
            return True  # presenting is not editing: no drags from the projector
        return bool(event.type() == QEvent.Type.MouseButtonDblClick and watched is self._view.viewport())
