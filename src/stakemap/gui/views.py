"""Build the views of one open map and wire them together (gui layer).

Called by the main window for each document: the canvas in the middle, the
panels in the docks, the canvas's actions in the menus. Views talk to each
other only through the shared ``Selection`` and the document's signals. What
is built is handed back as ``MapParts``, a typed record the window (and only
the window) keeps until the map closes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLineEdit, QStatusBar, QWidget

from stakemap.gui.canvas.view import MapView
from stakemap.gui.document import MapDocument
from stakemap.gui.widgets.analysis_panel import AnalysisPanel
from stakemap.gui.widgets.inspector import InspectorPanel
from stakemap.gui.widgets.plan.panel import PlanPanel
from stakemap.gui.widgets.rhythm.done_dialog import DoneFollowUp
from stakemap.gui.widgets.rhythm.interaction_drop import InteractionDrop
from stakemap.gui.widgets.rhythm.rhythm_panel import RhythmPanel
from stakemap.gui.widgets.snapshots_panel import SnapshotsPanel

if TYPE_CHECKING:
    from stakemap.gui.selection import Selection
    from stakemap.gui.widgets.menus import WindowActions


@dataclass(frozen=True)
class MapParts:
    """The views of the open map: the canvas and the panels in the docks."""

    canvas: MapView
    inspector: InspectorPanel
    plan: PlanPanel
    insights: AnalysisPanel
    snapshots: SnapshotsPanel
    rhythm: RhythmPanel

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.rhythm, self.canvas, self.inspector, self.plan, self.snapshots, self.insights)

    def focus_areas(self) -> tuple[tuple[str, QWidget], ...]:
        """F6 goes round these, by the key of the dock each sits in (the canvas has none)."""
        return (
            ("canvas", self.canvas),
            ("inspector", self.inspector),
            ("plan", self.plan),
            ("analysis", self.insights),
        )

    def shutdown(self) -> None:
        """Stop background work before the document goes away."""
        self.insights.shutdown()


class ViewsHost(Protocol):
    """What building a map's views needs of the window they go in, and nothing more."""

    def window(self) -> QWidget: ...  # parent of the canvas and of the dialogs its helpers open
    def setCentralWidget(self, widget: QWidget, /) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def addActions(self, actions: Sequence[QAction], /) -> None: ...  # the canvas's shortcuts, window-wide

    @property
    def selection(self) -> Selection: ...
    @property
    def docks(self) -> Mapping[str, QDockWidget]: ...  # the panels go in these, by key
    @property
    def search(self) -> QLineEdit: ...  # a Find already typed filters the new canvas
    @property
    def actions_(self) -> WindowActions: ...  # the canvas's actions go in its menus and toolbar


def build_views(host: ViewsHost, document: MapDocument) -> MapParts:
    window = host.window()
    canvas = MapView(document, host.selection, window)
    host.setCentralWidget(canvas)
    canvas.status_message.connect(lambda text: host.statusBar().showMessage(text, 6000))
    canvas.inspector_requested.connect(lambda: _raise_dock(host, "inspector"))
    _fill_canvas_menus(host, canvas)

    inspector = InspectorPanel(document, host.selection)
    host.docks["inspector"].setWidget(inspector)

    # Right after Add the cursor is in the new person's name: the keys typed next name them.
    def name_the_new_person(_stakeholder_id: str) -> None:
        _raise_dock(host, "inspector")
        inspector.focus_first_field()

    canvas.stakeholder_added.connect(name_the_new_person)

    plan = PlanPanel(document, host.selection)
    host.docks["plan"].setWidget(plan)
    inspector.engagement_added.connect(lambda eid: _show_engagement(host, plan, eid))
    inspector.engagement_activated.connect(lambda eid: _show_engagement(host, plan, eid))

    snapshots = SnapshotsPanel(document)
    host.docks["snapshots"].setWidget(snapshots)
    snapshots.comparison_changed.connect(canvas.map_scene.set_comparison)

    analysis = AnalysisPanel(document, host.selection)
    host.docks["analysis"].setWidget(analysis)
    analysis.halo_changed.connect(canvas.map_scene.set_halo)
    analysis.groups_changed.connect(canvas.map_scene.set_group_colours)
    analysis.path_changed.connect(canvas.map_scene.set_highlight_path)

    rhythm = RhythmPanel(document, host.selection)
    host.docks["rhythm"].setWidget(rhythm)
    # Kept alive by the panel, which has no other use for them: they act on their own signals.
    rhythm.done_follow_up = DoneFollowUp(document, window)  # type: ignore[attr-defined]  # held, not used, by the panel
    rhythm.interaction_drop = InteractionDrop(canvas, document, window)  # type: ignore[attr-defined]  # held, not used, by the panel

    if host.search.text():
        canvas.set_filter(host.search.text())
    canvas.setFocus()
    return MapParts(canvas, inspector, plan, analysis, snapshots, rhythm)


def _fill_canvas_menus(host: ViewsHost, canvas: MapView) -> None:
    menus = host.actions_
    assert menus.canvas_menu is not None
    menus.canvas_menu.clear()
    for group in canvas.actions_.menu_groups():
        menus.canvas_menu.addActions(group)
        menus.canvas_menu.addSeparator()
    menus.canvas_menu.menuAction().setVisible(True)
    # Shortcuts must work wherever the focus is in the window, not only in the canvas.
    host.addActions(canvas.actions_.all())
    menus.set_zoom_actions([canvas.actions_.zoom_in, canvas.actions_.zoom_out, canvas.actions_.zoom_fit])
    menus.set_toolbar_actions([canvas.actions_.add_stakeholder, canvas.actions_.link_mode])


def _show_engagement(host: ViewsHost, plan: PlanPanel, engagement_id: str) -> None:
    _raise_dock(host, "plan")
    plan.focus_engagement(engagement_id)


def _raise_dock(host: ViewsHost, key: str) -> None:
    dock = host.docks[key]
    dock.show()
    dock.raise_()
