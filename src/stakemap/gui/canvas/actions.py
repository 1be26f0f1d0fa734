"""The canvas's QActions, so the main window can put them in menus and toolbars (gui layer).

Keys that mean something in every widget (Delete, Ctrl+A, arrows, Tab,
Enter, L) get a ``WidgetShortcut`` context: they act on the map only while
the map has focus, even when the main window also adds the actions to
itself, so they never steal keys from the inspector, the plan table or the
search box. Zoom, fit and "add a person" work anywhere in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from stakemap.gui.canvas.view import MapView

StandardKey = QKeySequence.StandardKey
NUDGE_LARGE = 5.0


@dataclass
class CanvasActions:
    add_stakeholder: QAction
    delete_selection: QAction
    duplicate: QAction
    select_all: QAction
    select_next: QAction
    select_previous: QAction
    open_inspector: QAction
    link_mode: QAction
    link_to: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_fit: QAction
    show_legend: QAction
    nudge_up: QAction
    nudge_down: QAction
    nudge_left: QAction
    nudge_right: QAction
    nudge_up_large: QAction
    nudge_down_large: QAction
    nudge_left_large: QAction
    nudge_right_large: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def editing(self) -> list[QAction]:
        """Actions that change the map: disabled on a read-only map."""
        return [
            self.add_stakeholder, self.delete_selection, self.duplicate, self.link_mode, self.link_to,
            self.nudge_up, self.nudge_down, self.nudge_left, self.nudge_right,
            self.nudge_up_large, self.nudge_down_large, self.nudge_left_large, self.nudge_right_large,
        ]  # fmt: skip

    def menu_groups(self) -> list[list[QAction]]:
        """The actions in the order a menu shows them, in groups between separators."""
        return [
            [self.add_stakeholder, self.duplicate, self.delete_selection, self.link_mode, self.link_to],
            [self.select_all, self.select_next, self.select_previous, self.open_inspector],
            [self.zoom_in, self.zoom_out, self.zoom_fit, self.show_legend],
        ]


def build_actions(view: MapView) -> CanvasActions:
    def make(
        text: str,
        slot: Callable[[], object],
        shortcut: StandardKey | str | None = None,
        tip: str = "",
        window_wide: bool = False,
    ) -> QAction:
        action = QAction(text, view)
        if isinstance(shortcut, StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(
            Qt.ShortcutContext.WindowShortcut if window_wide else Qt.ShortcutContext.WidgetShortcut
        )
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        view.addAction(action)
        return action

    link_mode = QAction("&Link Mode", view)
    link_mode.setCheckable(True)
    link_mode.setShortcut(QKeySequence("L"))
    link_mode.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    link_mode.setToolTip("Drag from one person to another to record a relationship (L)")
    link_mode.setStatusTip(link_mode.toolTip())
    link_mode.toggled.connect(view.set_link_mode)
    view.addAction(link_mode)

    show_legend = QAction("Show &Legend", view)
    show_legend.setCheckable(True)
    show_legend.setChecked(view.map_scene.display_options.show_legend)
    show_legend.setToolTip("Explain colours, dots and line styles beside the grid (also in exports)")
    show_legend.toggled.connect(view.set_legend_visible)
    view.addAction(show_legend)

    def nudge(d_influence: float, d_interest: float) -> Callable[[], object]:
        return lambda: view.nudge(d_influence, d_interest)

    big = NUDGE_LARGE
    return CanvasActions(
        add_stakeholder=make(
            "&Add Stakeholder",
            view.add_stakeholder_at_centre,
            "Ctrl+Shift+N",
            "Add a person in the middle of the view (or double-click empty space on the map)",
            window_wide=True,
        ),
        delete_selection=make(
            "&Delete",
            view.delete_selection,
            StandardKey.Delete,
            "Delete the selected people and relationships",
        ),
        duplicate=make(
            "D&uplicate",
            view.editor.duplicate_selection,
            "Ctrl+D",
            "Copy the selected people and the relationships among them",
        ),
        select_all=make("Select &All", view.select_all, StandardKey.SelectAll),
        select_next=make(
            "Select &Next Person",
            lambda: view.cycle_selection(1),
            "Tab",
            "Select the next person by name (past the last one, or F6, leaves the map)",
        ),
        select_previous=make("Select &Previous Person", lambda: view.cycle_selection(-1), "Shift+Tab"),
        open_inspector=make("&Inspect Selection", view.inspector_requested.emit, "Return"),
        link_mode=link_mode,
        link_to=make(
            "Link &To…",
            view.link_by_keyboard,
            "Ctrl+L",
            "Link the selected person to someone chosen from a list (Ctrl+L)",
        ),
        zoom_in=make("Zoom &In", view.zoom_in, StandardKey.ZoomIn, window_wide=True),
        zoom_out=make("Zoom &Out", view.zoom_out, StandardKey.ZoomOut, window_wide=True),
        zoom_fit=make("&Fit Map to Window", view.zoom_fit, "Ctrl+0", window_wide=True),
        show_legend=show_legend,
        nudge_up=make("Nudge Up (more influence)", nudge(1, 0), "Up"),
        nudge_down=make("Nudge Down (less influence)", nudge(-1, 0), "Down"),
        nudge_left=make("Nudge Left (less interest)", nudge(0, -1), "Left"),
        nudge_right=make("Nudge Right (more interest)", nudge(0, 1), "Right"),
        nudge_up_large=make("Nudge Up ×5", nudge(big, 0), "Shift+Up"),
        nudge_down_large=make("Nudge Down ×5", nudge(-big, 0), "Shift+Down"),
        nudge_left_large=make("Nudge Left ×5", nudge(0, -big), "Shift+Left"),
        nudge_right_large=make("Nudge Right ×5", nudge(0, big), "Shift+Right"),
    )
