"""The main window: the canvas in the middle, docks around it, menus, and the open map's lifecycle (gui layer).

The window owns at most one ``MapDocument``. Views are built for a document
and thrown away with it; docks stay, so their layout survives opening maps.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QUndoView,
)

from stakemap.core.entities import MapInfo
from stakemap.core.model import Map
from stakemap.gui import live_window
from stakemap.gui.document import MapDocument
from stakemap.gui.paths import is_untitled, new_untitled_path, sample_copy
from stakemap.gui.selection import Selection
from stakemap.gui.widgets.conflict_dialog import ConflictResolver
from stakemap.gui.widgets.find_box import FindBox
from stakemap.gui.widgets.focus_areas import cycle_focus
from stakemap.gui.widgets.notice_bar import NoticeBar
from stakemap.gui.widgets.open_flow import open_interactively, show_open_error
from stakemap.gui.widgets.recent_files import RecentFiles
from stakemap.gui.widgets.welcome import WelcomeActions, WelcomePage
from stakemap.storage.database import create_map, save_as
from stakemap.storage.errors import MapFileError
from stakemap.storage.leftovers import discard

if TYPE_CHECKING:
    from stakemap.gui.views import MapParts

log = logging.getLogger(__name__)

FILE_FILTER = "Stakemap maps (*.stakemap);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings = QSettings()
        self.recent = RecentFiles(self.settings, self)
        self.selection = Selection(self)
        self.undo_group = QUndoGroup(self)
        self.document: MapDocument | None = None
        self.parts: MapParts | None = None  # the open map's canvas and panels
        self._live: live_window.LiveWindow | None = None  # live updates of a server map
        self.recovery: QDialog | None = None  # the offer of untitled maps left behind, while it is open
        self._export_job: QObject | None = None
        self.conflicts: ConflictResolver | None = None  # Use mine / Keep theirs for the open document
        self.setMinimumSize(900, 600)
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if available is not None and available.width() > 0:
            # First run: most of the screen, so the canvas has room beside the docks.
            self.resize(min(1700, int(available.width() * 0.92)), min(1050, int(available.height() * 0.92)))
        else:
            self.resize(1400, 900)

        self._layout_restored = False
        self._dock_layout: QByteArray | None = None
        self.docks: dict[str, QDockWidget] = {}
        for key, title, area in (
            ("inspector", "Inspector", Qt.DockWidgetArea.RightDockWidgetArea),
            ("plan", "Communications plan", Qt.DockWidgetArea.BottomDockWidgetArea),
            ("analysis", "Relationship insights", Qt.DockWidgetArea.LeftDockWidgetArea),
            ("snapshots", "Snapshots", Qt.DockWidgetArea.LeftDockWidgetArea),
            ("history", "Undo history", Qt.DockWidgetArea.LeftDockWidgetArea),
            ("rhythm", "Follow-ups and movers", Qt.DockWidgetArea.LeftDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.tabifyDockWidget(self.docks["analysis"], self.docks["snapshots"])
        self.tabifyDockWidget(self.docks["analysis"], self.docks["history"])
        self.tabifyDockWidget(self.docks["analysis"], self.docks["rhythm"])
        self.docks["analysis"].raise_()
        self.docks["history"].setWidget(QUndoView(self.undo_group))

        self.search = FindBox(self.focus_canvas, self)
        self.search.setPlaceholderText("Find people: name, role, tag, group… (Enter selects them)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._filter_changed)
        self.search.returnPressed.connect(self._select_found)

        self.storage_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.storage_label)

        from stakemap.gui.widgets.menus import build_menus
        from stakemap.gui.widgets.presenter import PresenterHost, PresenterMode

        self.presenter = PresenterMode(
            PresenterHost(self, lambda: self.document.map if self.document else None, self.focus_canvas)
        )

        self.actions_ = build_menus(self)
        self.notice_bar = NoticeBar(self._show_overdue_in_plan, self._show_snapshots, self)
        self.addToolBarBreak()
        self.addToolBar(self.notice_bar)
        self.presenter.presentation_changed.connect(self.notice_bar.follow_presentation)
        self._show_welcome()
        self._restore_layout()
        self._update_title()
        self.actions_.update_enabled(None)  # nothing that needs a map works before one is open

    # -------------------------------------------------------------- opening
    def offer_left_behind(self, paths: list[Path] | None = None) -> None:
        """Offer untitled maps an earlier session left behind: Open, Discard or Later, beside the window.

        ``paths`` is read before this window opens anything (start-up); None asks the data folder now.
        """
        from stakemap.gui.paths import untitled_left_behind
        from stakemap.gui.widgets.recovery import RecoveryDialog

        if paths is None:
            open_now = self.document.path if self.document is not None else None
            paths = [p for p in untitled_left_behind() if open_now is None or not _same_file(p, open_now)]
        paths = [p for p in paths if p.exists()]
        if not paths:
            if self.recovery is None:
                self.statusBar().showMessage("No untitled maps were left behind.", 5000)
            return
        if self.recovery is not None:
            self.recovery.close()
        self.recovery = RecoveryDialog(paths, self.open_path, self)
        self.recovery.finished.connect(lambda _result: setattr(self, "recovery", None))
        self.recovery.show()

    def open_last_or_new(self) -> None:
        """Start where the user left off: the last map if it is still there, else the welcome page."""
        recent = self.recent.paths()
        if recent and recent[0].exists():
            self.open_path(recent[0])

    def open_path(self, path: Path) -> bool:
        doc = self.document
        if doc is not None and doc.path is not None and _same_file(doc.path, path):
            # Already open here: this window holds the lock, so it is not "another Stakemap".
            self.raise_()
            self.activateWindow()
            return True
        opened = open_interactively(self, path)
        if opened is None:
            if not path.exists():
                self.recent.remove(path)
            return False
        document = MapDocument(opened, untitled=is_untitled(path))
        if not self._set_document(document):
            return False
        if not is_untitled(path):
            self.recent.add(path)
        for notice in opened.notices:
            QMessageBox.information(self, "Map upgraded", notice)
        self.notice_bar.announce(document)
        return True

    def _show_snapshots(self) -> None:
        self.docks["snapshots"].show()
        self.docks["snapshots"].raise_()

    def _show_overdue_in_plan(self) -> None:
        self.docks["plan"].show()
        self.docks["plan"].raise_()
        if self.parts is not None:
            plan = self.parts.plan
            plan.show_combo.setCurrentIndex(plan.show_combo.findData("overdue"))

    def new_map(self) -> None:
        path = new_untitled_path()
        try:
            opened = create_map(path, Map(info=MapInfo(title="Untitled map")))
        except MapFileError as exc:
            show_open_error(self, path, exc)
            return
        if not self._set_document(MapDocument(opened, untitled=True)):
            path.unlink(missing_ok=True)  # a map the user never saw must not stay behind as an orphan
            return
        self.selection.set()

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document and self.document.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open Map", start, FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_sample(self) -> None:
        self.open_path(sample_copy())

    def save_as_dialog(self) -> None:
        doc = self.document
        if doc is None or doc.path is None:
            return
        suggested = doc.path if not doc.untitled else Path.home() / f"{doc.title}.stakemap"
        name, _ = QFileDialog.getSaveFileName(self, "Save Map As", str(suggested), FILE_FILTER)
        if not name:
            return
        target = Path(name) if name.endswith(".stakemap") else Path(name + ".stakemap")
        if target.exists():
            QMessageBox.warning(
                self,
                "Save As",
                f"“{target.name}” already exists. Choose another name: maps are never overwritten.",
            )
            return
        try:
            opened = save_as(doc.opened, target, current=doc.map)  # the screen, if the file vanished
        except MapFileError as exc:
            QMessageBox.critical(self, "Save As", str(exc))
            return
        old_untitled = doc.path if doc.untitled else None
        # The same document, views and undo history go on, now writing to the new file.
        doc.switch_file(opened)
        self._update_title()
        self.recent.add(target)
        if old_untitled is not None:
            old_untitled.unlink(missing_ok=True)
        self.statusBar().showMessage(f"Saved as {target}", 5000)

    def export_pdf(self) -> None:
        from stakemap.gui.widgets.export_pdf import export_pdf_interactively

        if self.document is not None:
            self._export_job = export_pdf_interactively(self, self.document)

    def export_table(self, what: str) -> None:
        from stakemap.gui.widgets.export_table import export_table_interactively

        if self.document is not None:
            export_table_interactively(self, self.document, what)

    def import_table(self) -> None:
        from stakemap.gui.widgets.import_dialog import import_interactively

        if self.document is not None:
            import_interactively(self, self.document)

    def with_canvas(self, what: str) -> None:
        """Export or print the canvas as it is shown (presenter options included)."""
        from stakemap.gui.widgets import export_image

        if self.parts is None:
            return
        handler = {
            "png": export_image.export_png_interactively,
            "svg": export_image.export_svg_interactively,
            "print": export_image.print_map,
        }[what]
        handler(self, self.parts.canvas)

    def close_map(self) -> None:
        self._set_document(None)

    def show_map(self, document: MapDocument) -> bool:
        """Show a map opened elsewhere (a server map) in place of this one; False if it could not be shown."""
        return self._set_document(document)

    def toggle_presenter(self) -> None:
        self.presenter.toggle()

    # ------------------------------------------------------------ documents
    def _set_document(self, document: MapDocument | None, *, asked: bool = False) -> bool:
        """Show ``document`` (or the welcome page for None); False, with the window on the welcome page and
        the document closed, if its views could not be built, and False with the map on screen kept (and
        ``document`` closed) if the user chose to stay with typing not saved yet."""
        if not asked and not self._may_leave_map():
            if document is not None and document is not self.document:
                document.close()
            return False
        if self.presenter.active:
            self.presenter.leave()
        if self.document is not None:
            self._dock_layout = self.saveState()
        self._tear_down_views()
        if self.document is not None:
            self.undo_group.removeStack(self.document.undo_stack)
            never_used = _never_used_untitled(self.document)
            self.document.close()
            if never_used is not None:
                discard(never_used)  # a New the user never touched is not a map left behind
        self.document = document
        built = True
        if document is None:
            self._show_welcome()
        else:
            try:
                self._show_document(document)
            except Exception as exc:  # a view that cannot be built must not leave a half-made window
                log.exception("Could not show %s", document.path)
                self._tear_down_views()
                self.undo_group.removeStack(document.undo_stack)
                document.close()
                self.document = None
                self._show_welcome()
                built = False
                show_open_error(self, document.path or Path("map"), exc)
        if self._dock_layout is not None and self.document is not None:
            # The new views have other size hints; the docks keep the size the user gave them.
            # Once now and once after the new widgets are laid out (showing them asks for their size hints).
            self.restoreState(self._dock_layout)
            QTimer.singleShot(0, self._restore_dock_layout)
        self.notice_bar.map_changed(self.document)
        self._update_title()
        self.actions_.update_enabled(self.document)
        return built

    def _restore_dock_layout(self) -> None:
        if self._dock_layout is not None and self.document is not None:
            self.restoreState(self._dock_layout)

    def _tear_down_views(self) -> None:
        if self.conflicts is not None:
            self.conflicts.deleteLater()
            self.conflicts = None
        if self._live is not None:
            self._live.detach()
            self._live = None
        self.selection.set()
        self.actions_.clear_canvas_actions()
        parts, self.parts = self.parts, None
        if parts is None:
            return
        for action in parts.canvas.actions_.all():
            self.removeAction(action)
        for dock in self.docks.values():
            if dock is not self.docks["history"]:
                dock.setWidget(None)  # type: ignore[arg-type]  # Qt takes None to empty a dock; the stubs do not say so
        parts.shutdown()  # stop background work before the document goes away
        for view in parts.widgets():
            view.deleteLater()

    def _show_welcome(self) -> None:
        self.welcome = WelcomePage(
            WelcomeActions(
                self.new_map, self.open_dialog, self.open_sample, self.open_path, self.recent.paths
            ),
            self,
        )
        self.setCentralWidget(self.welcome)

    def _show_document(self, document: MapDocument) -> None:
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.storage_status.connect(self.storage_label.setText)
        document.write_failed.connect(self._write_failed)
        self.conflicts = ConflictResolver(document, self)
        document.changed.connect(lambda _change: self._update_title())
        self._build_views(document)
        self._live = live_window.attach(self, document)
        self.show_access(document)

    def show_access(self, document: MapDocument) -> None:
        """The menus and the status bar follow whether ``document`` can be edited now (read-only, offline)."""
        self.actions_.update_enabled(document)
        self.storage_label.setText(
            f"Read-only: {document.read_only_reason}" if document.read_only else "All changes saved"
        )

    def _build_views(self, document: MapDocument) -> None:
        from stakemap.gui import views

        self.parts = views.build_views(self, document)
        if not self._layout_restored:
            # First run: give the canvas the room; docks start at a comfortable reading width.
            self._layout_restored = True
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        self.resizeDocks([self.docks["analysis"], self.docks["inspector"]], [340, 400], horizontal)
        self.resizeDocks([self.docks["plan"]], [220], vertical)

    def _write_failed(self, message: str) -> None:
        if self.conflicts is not None and self.conflicts.explains(message):
            return  # the Use mine / Keep theirs window says it, with the way on
        QMessageBox.warning(self, "Change not saved", message)

    def _filter_changed(self, text: str) -> None:
        if self.parts is not None:
            self.parts.canvas.set_filter(text)

    def _select_found(self) -> None:
        """Enter in Find: select the people who match and give the keyboard to the map."""
        if self.parts is None or not self.search.text().strip():
            return
        canvas = self.parts.canvas
        ids = canvas.matching_ids()
        self.selection.set(ids)
        canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not ids:
            self.statusBar().showMessage(f"Nobody matches “{self.search.text().strip()}”", 6000)

    def focus_area(self, step: int) -> None:
        """F6 / Shift+F6: move the keyboard to the next area (map, inspector, plan, insights), showing its dock."""
        if self.parts is not None:
            cycle_focus(self.parts.focus_areas(), self.docks, step)

    def focus_canvas(self) -> None:
        if self.parts is not None:
            self.parts.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_title(self) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle("Stakemap")
            return
        where = "not yet named" if doc.untitled else (doc.path.name if doc.path else "database")
        suffix = " [read-only]" if doc.read_only else ""
        self.setWindowTitle(f"{doc.title} — {where}{suffix} — Stakemap")

    # ------------------------------------------------------------- settings
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            self._layout_restored = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_leave_map():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self._set_document(None, asked=True)
        event.accept()

    def _may_leave_map(self) -> bool:
        """Typing finished while the server was out of reach lives only on screen until it is back:
        closing or replacing the map asks first, with Cancel (stay) as the default."""
        kept = self.parts.inspector.kept_offline_count() if self.parts is not None else 0
        if not kept:
            return True
        fields = "1 field" if kept == 1 else f"{kept} fields"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Typing not saved yet",
            f"What you typed in {fields} while the server could not be reached is not saved yet: it is "
            "saved when the server is back, if the map stays open.\n\nClose the map and lose it?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        close = box.addButton("Close Anyway", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is close

    def show_message_later(self, text: str) -> None:
        QTimer.singleShot(0, lambda: self.statusBar().showMessage(text, 8000))


def _never_used_untitled(document: MapDocument) -> Path | None:
    """The file of an untitled map nobody ever edited (New, then closed), which is not worth keeping."""
    the_map = document.map
    untouched = document.undo_stack.count() == 0 and not (
        the_map.stakeholders or the_map.notes or the_map.engagements or the_map.snapshots
    )
    return document.path if document.untitled and untouched and document.path is not None else None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
