"""The menu bar and toolbar of the main window (gui layer).

Actions that do not depend on an open map live here for the window's life;
the canvas's own actions are added to the "Canvas" sections for each document.
The menus know the window only as a ``MenuHost``: the commands and objects they use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from stakemap.gui.actions import make_action
from stakemap.gui.widgets.rhythm import actions as rhythm

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoGroup
    from PySide6.QtWidgets import QDockWidget, QLineEdit, QMenuBar, QStatusBar, QWidget

    from stakemap.gui.document import MapDocument
    from stakemap.gui.selection import Selection
    from stakemap.gui.widgets.recent_files import RecentFiles

StandardKey = QKeySequence.StandardKey


class MenuHost(Protocol):
    """What the menus and the toolbar need of the window they are built in, and nothing more.

    The frame keeps Qt's names (``QMainWindow`` has them); the rest are the window's commands and the
    objects the menus show. The dialogs the menus open are handed the same host, so it also has what
    those ask for (``MapOpener``, ``InteractionHost``, ``MapHost``): mypy checks it at each call.
    """

    # The frame: the actions' parent and the dialogs' (``QWidget.window``), the bars, Quit.
    def window(self) -> QWidget: ...
    def menuBar(self) -> QMenuBar: ...
    def addToolBar(self, title: str, /) -> QToolBar: ...
    def statusBar(self) -> QStatusBar: ...
    def close(self) -> bool: ...

    # What the menus show or act on.
    @property
    def document(self) -> MapDocument | None: ...
    @property
    def undo_group(self) -> QUndoGroup: ...
    @property
    def docks(self) -> Mapping[str, QDockWidget]: ...  # View lists each dock's toggle
    @property
    def search(self) -> QLineEdit: ...  # the Find box, in the toolbar
    @property
    def selection(self) -> Selection: ...
    @property
    def recent(self) -> RecentFiles: ...
    @property
    def settings(self) -> QSettings: ...  # recent server maps

    # The window's commands.
    def new_map(self) -> None: ...
    def open_dialog(self) -> None: ...
    def open_sample(self) -> None: ...
    def open_path(self, path: Path) -> bool: ...
    def show_map(self, document: MapDocument) -> bool: ...
    def offer_left_behind(self) -> None: ...
    def save_as_dialog(self) -> None: ...
    def export_pdf(self) -> None: ...
    def with_canvas(self, what: str) -> None: ...
    def export_table(self, what: str) -> None: ...
    def import_table(self) -> None: ...
    def close_map(self) -> None: ...
    def toggle_presenter(self) -> None: ...
    def focus_area(self, step: int) -> None: ...


@dataclass
class WindowActions:
    needs_map: list[QAction] = field(default_factory=list)
    needs_writable_map: list[QAction] = field(default_factory=list)
    recent_menu: QMenu | None = None
    canvas_menu: QMenu | None = None
    view_menu: QMenu | None = None
    export_menu: QMenu | None = None
    map_menu: QMenu | None = None
    toolbar: QToolBar | None = None
    _zoom: list[QAction] = field(default_factory=list)
    _toolbar_canvas: list[QAction] = field(default_factory=list)
    _search_action: QAction | None = None
    presenter: QAction | None = None
    find: QAction | None = None

    def set_zoom_actions(self, zoom: list[QAction]) -> None:
        """Put the current canvas's zoom actions in the View menu (replacing the previous canvas's)."""
        assert self.view_menu is not None
        for action in _alive(self._zoom):
            self.view_menu.removeAction(action)
        self._zoom = list(zoom)
        self.view_menu.addActions(self._zoom)

    def set_toolbar_actions(self, canvas_actions: list[QAction]) -> None:
        assert self.toolbar is not None
        for action in _alive(self._toolbar_canvas):
            self.toolbar.removeAction(action)
        self._toolbar_canvas = list(canvas_actions)
        assert self._search_action is not None
        self.toolbar.insertActions(self._search_action, self._toolbar_canvas)

    def clear_canvas_actions(self) -> None:
        """Take the closing canvas's actions out of the menus and toolbar before the canvas goes away,
        so nothing keeps a reference to an action Qt is about to delete."""
        self.set_zoom_actions([])
        self.set_toolbar_actions([])
        if self.canvas_menu is not None:
            self.canvas_menu.clear()
            self.canvas_menu.menuAction().setVisible(False)

    def update_enabled(self, document: MapDocument | None) -> None:
        for action in self.needs_map:
            action.setEnabled(document is not None)
        for action in self.needs_writable_map:
            action.setEnabled(document is not None and not document.read_only)


def _alive(actions: list[QAction]) -> list[QAction]:
    return [action for action in actions if shiboken6.isValid(action)]


def build_menus(host: MenuHost) -> WindowActions:
    frame = host.window()  # owns the actions, so their shortcuts work anywhere in it
    actions = WindowActions()
    bar = host.menuBar()

    file_menu = bar.addMenu("&File")
    file_menu.addAction(make_action(frame, "&New Map", host.new_map, StandardKey.New))
    file_menu.addAction(make_action(frame, "&Open…", host.open_dialog, StandardKey.Open))
    actions.recent_menu = file_menu.addMenu("Open &Recent")
    actions.recent_menu.aboutToShow.connect(lambda: _fill_recent(host, actions.recent_menu))
    file_menu.addAction(make_action(frame, "Open the Sample Map", host.open_sample))
    file_menu.addAction(make_action(frame, "Open from Se&rver…", lambda: _from_server(host)))
    publish = make_action(frame, "&Publish This Map…", lambda: _from_server(host, publish=True))
    file_menu.addAction(publish)
    actions.needs_map.append(publish)
    file_menu.addAction(make_action(frame, "Recover Untitled Maps…", lambda: host.offer_left_behind()))
    file_menu.addSeparator()
    save_as = make_action(frame, "Save &As…", host.save_as_dialog, StandardKey.SaveAs)
    file_menu.addAction(save_as)
    actions.needs_map.append(save_as)
    download = make_action(frame, "&Download a Copy…", lambda: _download_copy(host))
    file_menu.addAction(download)
    actions.needs_map.append(download)
    actions.export_menu = file_menu.addMenu("&Export")
    actions.needs_map.append(actions.export_menu.menuAction())
    actions.export_menu.addAction(
        make_action(frame, "Communications Plan (&PDF)…", host.export_pdf, "Ctrl+E")
    )
    actions.export_menu.addSeparator()
    actions.export_menu.addAction(make_action(frame, "Map as P&NG…", lambda: host.with_canvas("png")))
    actions.export_menu.addAction(make_action(frame, "Map as &SVG…", lambda: host.with_canvas("svg")))
    actions.export_menu.addSeparator()
    for text, what in (
        ("Stakeholders as CSV…", "stakeholders"),
        ("Relationships as CSV…", "relationships"),
        ("Plan as CSV…", "plan"),
        ("Everything as Excel Workbook…", "workbook"),
        ("Everything as LibreOffice Spreadsheet (ODS)…", "ods"),
    ):
        actions.export_menu.addAction(make_action(frame, text, partial(host.export_table, what)))
    actions.export_menu.addSeparator()
    actions.export_menu.addAction(
        make_action(frame, "Plan to &Calendar (.ics)…", lambda: rhythm.export_calendar(host))
    )
    import_action = make_action(frame, "&Import from Spreadsheet…", host.import_table, "Ctrl+I")
    actions.needs_writable_map.append(import_action)
    file_menu.insertAction(actions.export_menu.menuAction(), import_action)
    log_action = make_action(frame, "&Log Interaction from File…", lambda: rhythm.log_interaction(host))
    log_action.setToolTip(
        "Record a meeting or email from an .ics invitation or .eml message (date, subject, people)"
    )
    actions.needs_writable_map.append(log_action)
    file_menu.insertAction(actions.export_menu.menuAction(), log_action)
    print_action = make_action(frame, "&Print Map…", lambda: host.with_canvas("print"), StandardKey.Print)
    file_menu.addAction(print_action)
    actions.needs_map.append(print_action)
    file_menu.addSeparator()
    close = make_action(frame, "&Close Map", host.close_map, StandardKey.Close)
    file_menu.addAction(close)
    actions.needs_map.append(close)
    file_menu.addAction(make_action(frame, "&Quit", host.close, StandardKey.Quit))

    edit_menu = bar.addMenu("&Edit")
    undo = host.undo_group.createUndoAction(frame, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(StandardKey.Undo))
    redo = host.undo_group.createRedoAction(frame, "&Redo")
    redo.setShortcuts(QKeySequence.keyBindings(StandardKey.Redo))
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    actions.canvas_menu = edit_menu.addMenu("Canvas")
    actions.canvas_menu.menuAction().setVisible(False)
    find = make_action(
        frame,
        "&Find People…",
        lambda: _focus_find(host),
        StandardKey.Find,
    )
    edit_menu.addAction(find)
    actions.needs_map.append(find)
    actions.find = find

    actions.view_menu = bar.addMenu("&View")
    presenter = make_action(frame, "&Presenter Mode", host.toggle_presenter, "F5")
    presenter.setToolTip(
        "Full screen for a projector or a shared screen: names and confidential people hidden"
    )
    actions.view_menu.addAction(presenter)
    actions.needs_map.append(presenter)
    actions.presenter = presenter
    actions.view_menu.addSeparator()
    next_area = make_action(frame, "Next &Area", lambda: host.focus_area(1), "F6")
    next_area.setToolTip("Move the keyboard between the map, inspector, plan and insights")
    previous_area = make_action(frame, "Previous A&rea", lambda: host.focus_area(-1), "Shift+F6")
    actions.view_menu.addActions([next_area, previous_area])
    actions.needs_map.extend([next_area, previous_area])
    actions.view_menu.addSeparator()
    for dock in host.docks.values():
        actions.view_menu.addAction(dock.toggleViewAction())
    actions.view_menu.addSeparator()

    actions.map_menu = bar.addMenu("&Map")
    details = make_action(frame, "Map &Details…", lambda: host.selection.set())
    details.setToolTip("Show the map's title, purpose, quadrant labels and notes in the inspector")
    actions.map_menu.addAction(details)
    actions.needs_map.append(details)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(
        make_action(frame, "&Keyboard Shortcuts", lambda: show_shortcuts(host), StandardKey.HelpContents)
    )
    help_menu.addAction(make_action(frame, "Copy &Diagnostic Report", lambda: _copy_report(host)))
    help_menu.addAction(make_action(frame, "&About Stakemap", lambda: show_about(host)))

    toolbar = host.addToolBar("Main")
    toolbar.setObjectName("toolbar-main")
    toolbar.addAction(undo)
    toolbar.addAction(redo)
    toolbar.addSeparator()
    actions.toolbar = toolbar
    actions._search_action = toolbar.addWidget(host.search)
    toolbar.addSeparator()
    toolbar.addAction(presenter)
    return actions


def _download_copy(host: MenuHost) -> None:
    from stakemap.gui.live_download import download_copy_dialog

    download_copy_dialog(host)


def _from_server(host: MenuHost, *, publish: bool = False) -> None:
    from stakemap.gui.widgets.server_dialog import open_from_server

    open_from_server(host, publish=publish)


def _fill_recent(host: MenuHost, menu: QMenu | None) -> None:
    assert menu is not None
    menu.clear()
    paths = host.recent.paths()
    for index, path in enumerate(paths, start=1):
        action = menu.addAction(f"&{index % 10} {path.name}")
        action.setToolTip(str(path))
        action.setEnabled(path.exists())
        action.triggered.connect(lambda _checked=False, p=path: host.open_path(Path(p)))
    from stakemap.gui.widgets.server_dialog import open_address, recent_server_maps
    from stakemap.storage.server_address import parse_server_address

    servers = recent_server_maps(host.settings)
    for shown in servers:  # addresses without any password
        action = menu.addAction(shown.removeprefix("postgresql://"))
        action.triggered.connect(lambda _checked=False, a=shown: open_address(host, parse_server_address(a)))
    if not paths and not servers:
        menu.addAction("(none)").setEnabled(False)
    menu.addSeparator()
    menu.addAction("Clear List", lambda: _clear_recent(host))


def show_about(host: MenuHost) -> None:
    from stakemap.gui.about import AboutDialog

    AboutDialog(host.window()).exec()


def show_shortcuts(host: MenuHost) -> None:
    from stakemap.gui.widgets.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog(host.window()).exec()  # lists the shortcuts of the window's actions


def _copy_report(host: MenuHost) -> None:
    from stakemap.gui.diagnostics import copy_diagnostic_report

    copy_diagnostic_report()
    host.statusBar().showMessage(
        "Diagnostic report copied: versions and the last log lines, no map content", 8000
    )


def _focus_find(host: MenuHost) -> None:
    host.search.setFocus()
    host.search.selectAll()


def _clear_recent(host: MenuHost) -> None:
    host.recent.clear()
    host.settings.remove("servers/recent")
