"""The core loop by keyboard alone, through the whole window (issue 14): add and name a person, move
between the areas with F6, leave the canvas with Tab, link by keyboard, find people."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from stakemap.gui.canvas.link_dialog import LinkOptions
from stakemap.gui.widgets.main_window import MainWindow
from tests.gui.window_checks import Failures, assert_disk_matches_screen, settle


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def type_text(text: str) -> None:
    for char in text:
        QTest.keyClick(focus(), char)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), key, modifier)
    settle()


@pytest.fixture
def shown(window: MainWindow, map_file: Path, qtbot, failures: Failures) -> MainWindow:
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    assert window.open_path(map_file)
    window.notice_bar.hide_notices()
    settle()
    window.parts.canvas.setFocus()
    return window


def add_person(window: MainWindow, name: str) -> str:
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    type_text(name)  # straight away: nothing typed is lost
    press(Qt.Key.Key_Return)
    person = window.selection.current_stakeholder
    assert person is not None
    return person


def test_after_add_typing_names_the_person(shown: MainWindow) -> None:
    person = add_person(shown, "Grace Hopper")
    assert shown.document.map.stakeholders[person].name == "Grace Hopper"  # type: ignore[union-attr]
    assert_disk_matches_screen(shown)


def test_two_people_added_in_a_row_do_not_land_on_each_other(shown: MainWindow) -> None:
    first = add_person(shown, "Ann")
    shown.parts.canvas.setFocus()
    second = add_person(shown, "Bob")
    people = shown.document.map.stakeholders  # type: ignore[union-attr]
    a, b = people[first], people[second]
    assert abs(a.influence - b.influence) + abs(a.interest - b.interest) >= 5


def test_f6_cycles_canvas_inspector_plan_insights(shown: MainWindow) -> None:
    areas = ["canvas", "inspector", "plan", "analysis"]
    for expected in areas[1:] + areas[:1]:
        press(Qt.Key.Key_F6)
        widget = focus()
        assert widget is not None
        assert shown.parts is not None
        view = dict(shown.parts.focus_areas())[expected]
        assert widget is view or view.isAncestorOf(widget), f"F6 should reach {expected}, got {widget}"


def test_tab_past_the_last_person_leaves_the_canvas(shown: MainWindow) -> None:
    canvas = shown.parts.canvas
    for _ in range(len(shown.document.map.stakeholders)):  # type: ignore[union-attr]
        press(Qt.Key.Key_Tab)
        assert canvas.hasFocus()
    press(Qt.Key.Key_Tab)
    assert not canvas.hasFocus()


def test_a_link_by_keyboard(shown: MainWindow) -> None:
    canvas = shown.parts.canvas
    chosen: list[list[str]] = []

    def pick(_parent: object, _source: str, targets: list[tuple[str, str]]) -> tuple[str, LinkOptions]:
        chosen.append([title for _id, title in targets])
        return dict((t, i) for i, t in targets)["Eli"], LinkOptions()

    canvas.link_target_provider = pick  # type: ignore[attr-defined]
    shown.selection.set(["s-fay"])
    canvas.setFocus()
    before = len(shown.document.map.relationships)  # type: ignore[union-attr]
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "Fay" not in chosen[0]
    ties = shown.document.map.relationships.values()  # type: ignore[union-attr]
    assert len(ties) == before + 1
    assert any(t.source_id == "s-fay" and t.target_id == "s-eli" for t in ties)
    assert_disk_matches_screen(shown)


def test_enter_in_find_selects_the_match_and_escape_clears(shown: MainWindow) -> None:
    shown.actions_.find.trigger()  # type: ignore[attr-defined]
    assert isinstance(focus(), QLineEdit)
    type_text("Eli")
    press(Qt.Key.Key_Return)
    assert shown.selection.stakeholder_ids == ("s-eli",)
    shown.search.setFocus()
    press(Qt.Key.Key_Escape)
    assert shown.search.text() == ""


def test_inspector_section_headers_are_not_in_the_tab_chain(shown: MainWindow) -> None:
    from stakemap.gui.widgets.inspector.section import Section

    shown.selection.set(["s-dana"])
    settle()
    inspector = shown.parts.inspector
    for section in inspector.findChildren(Section):
        assert not section.header.focusPolicy() & Qt.FocusPolicy.TabFocus
