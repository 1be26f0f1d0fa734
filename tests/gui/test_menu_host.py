"""The menus need only a ``MenuHost``: built on a small fake window, each action reaches the fake.

The proof that the interface is narrow: nothing here is a ``MainWindow``, and the menus module does
not import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QLineEdit, QMainWindow, QMenu

from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.gui.widgets import menus
from stakemap.gui.widgets.menus import WindowActions, build_menus
from stakemap.gui.widgets.recent_files import RecentFiles


class FakeHost(QMainWindow):
    """A bare window with the objects a MenuHost shows; each command only records that it was asked."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.calls: list[tuple[str, object]] = []
        self.settings = settings
        self.recent = RecentFiles(settings, self)
        self.selection = Selection(self)
        self.undo_group = QUndoGroup(self)
        self.document: MapDocument | None = None
        self.docks = {"notes": QDockWidget("Fake notes", self)}
        self.search = QLineEdit(self)

    def _record(self, name: str, argument: object = None) -> None:
        self.calls.append((name, argument))

    def new_map(self) -> None:
        self._record("new_map")

    def open_dialog(self) -> None:
        self._record("open_dialog")

    def open_sample(self) -> None:
        self._record("open_sample")

    def open_path(self, path: Path) -> bool:
        self._record("open_path", path)
        return True

    def show_map(self, document: MapDocument) -> bool:
        self._record("show_map", document)
        return True

    def offer_left_behind(self) -> None:
        self._record("offer_left_behind")

    def save_as_dialog(self) -> None:
        self._record("save_as_dialog")

    def export_pdf(self) -> None:
        self._record("export_pdf")

    def with_canvas(self, what: str) -> None:
        self._record("with_canvas", what)

    def export_table(self, what: str) -> None:
        self._record("export_table", what)

    def import_table(self) -> None:
        self._record("import_table")

    def close_map(self) -> None:
        self._record("close_map")

    def toggle_presenter(self) -> None:
        self._record("toggle_presenter")

    def focus_area(self, step: int) -> None:
        self._record("focus_area", step)


@pytest.fixture
def host(qtbot, tmp_path: Path) -> FakeHost:
    fake = FakeHost(QSettings(str(tmp_path / "menus.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(fake)
    return fake


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found.extend(_menu_actions(action.menu()))
    return found


def _action(host: FakeHost, text: str) -> QAction:
    """An action of the menu bar by its text (without the mnemonic)."""
    for top in host.menuBar().actions():
        for action in [top, *_menu_actions(top.menu())]:
            if action.text().replace("&", "") == text:
                return action
    raise AssertionError(f"no menu action “{text}”")


def test_the_menus_are_built_on_a_fake_host(host: FakeHost) -> None:
    actions = build_menus(host)
    assert isinstance(actions, WindowActions)
    titles = [a.text().replace("&", "") for a in host.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Map", "Help"]
    # The fake's own dock is listed in View, and its Find box sits in the toolbar.
    assert actions.view_menu is not None
    assert actions.toolbar is not None
    assert "Fake notes" in [a.text() for a in _menu_actions(actions.view_menu)]
    assert host.search in [actions.toolbar.widgetForAction(a) for a in actions.toolbar.actions()]


@pytest.mark.parametrize(
    ("text", "call"),
    [
        ("New Map", ("new_map", None)),
        ("Open…", ("open_dialog", None)),
        ("Open the Sample Map", ("open_sample", None)),
        ("Recover Untitled Maps…", ("offer_left_behind", None)),
        ("Save As…", ("save_as_dialog", None)),
        ("Communications Plan (PDF)…", ("export_pdf", None)),
        ("Map as PNG…", ("with_canvas", "png")),
        ("Map as SVG…", ("with_canvas", "svg")),
        ("Print Map…", ("with_canvas", "print")),
        ("Plan as CSV…", ("export_table", "plan")),
        ("Everything as Excel Workbook…", ("export_table", "workbook")),
        ("Import from Spreadsheet…", ("import_table", None)),
        ("Close Map", ("close_map", None)),
        ("Presenter Mode", ("toggle_presenter", None)),
        ("Next Area", ("focus_area", 1)),
        ("Previous Area", ("focus_area", -1)),
    ],
)
def test_each_command_reaches_the_host(host: FakeHost, text: str, call: tuple[str, object]) -> None:
    build_menus(host)
    _action(host, text).trigger()
    assert host.calls == [call]


def test_dialogs_opened_from_the_menus_are_handed_the_host(
    host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stakemap.gui.widgets import server_dialog
    from stakemap.gui.widgets.rhythm import actions as rhythm

    handed: list[tuple[str, object]] = []
    monkeypatch.setattr(rhythm, "export_calendar", lambda h: handed.append(("calendar", h)))
    monkeypatch.setattr(rhythm, "log_interaction", lambda h: handed.append(("log", h)))
    monkeypatch.setattr(
        server_dialog, "open_from_server", lambda h, publish=False: handed.append((f"server {publish}", h))
    )
    build_menus(host)
    for text in (
        "Plan to Calendar (.ics)…",
        "Log Interaction from File…",
        "Open from Server…",
        "Publish This Map…",
    ):
        _action(host, text).trigger()
    assert handed == [("calendar", host), ("log", host), ("server False", host), ("server True", host)]
    assert host.calls == []


def test_open_recent_lists_the_hosts_files_and_opens_through_it(host: FakeHost, tmp_path: Path) -> None:
    maps = [tmp_path / "one.stakemap", tmp_path / "two.stakemap"]
    for path in maps:
        path.write_bytes(b"")
        host.recent.add(path)
    actions = build_menus(host)
    assert actions.recent_menu is not None
    actions.recent_menu.aboutToShow.emit()
    entries = [a for a in actions.recent_menu.actions() if a.toolTip() in {str(p) for p in maps}]
    assert sorted(a.toolTip() for a in entries) == sorted(str(p) for p in maps)
    entries[0].trigger()
    assert host.calls == [("open_path", Path(entries[0].toolTip()))]
    clear = next(a for a in actions.recent_menu.actions() if a.text() == "Clear List")
    clear.trigger()
    assert host.recent.paths() == []


def test_map_details_clears_the_hosts_selection(host: FakeHost) -> None:
    host.selection.set(["someone"])
    build_menus(host)
    _action(host, "Map Details…").trigger()
    assert host.selection.stakeholder_ids == ()


def test_the_menus_module_does_not_import_the_main_window() -> None:
    tree = ast.parse(Path(menus.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    assert not any("main_window" in (name or "") for name in imported)
