"""Keyboard and selection on the canvas: nudges, delete + undo, select all, rubber band, Tab, Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.delete_dialog import DeleteChoice
from stakemap.gui.canvas.geometry import score_to_point
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from tests.conftest import stored
from tests.gui.canvas_helpers import shown_view

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = shown_view(document, qtbot)
    v.setFocus()
    return v


def test_arrow_keys_nudge_the_selection_by_one_or_five_points(view: MapView, map_file: Path) -> None:
    view.selection.set(["s-dana", "s-eli"])
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)
    saved = stored(map_file).stakeholders
    assert (saved["s-dana"].influence, saved["s-dana"].interest) == (81.0, 90.0)
    assert (saved["s-eli"].influence, saved["s-eli"].interest) == (21.0, 80.0)
    assert view.map_scene.cards["s-dana"].pos() == score_to_point(81.0, 90.0)
    assert view.document.undo_stack.count() == 2
    view.document.undo_stack.undo()
    view.document.undo_stack.undo()
    assert stored(map_file).stakeholders["s-dana"].influence == 80.0


def test_nudging_at_the_edge_stops_at_100(view: MapView, map_file: Path) -> None:
    view.selection.set(["s-ceo"])  # influence 90
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Up, SHIFT)
    assert stored(map_file).stakeholders["s-ceo"].influence == 100.0
    assert view.document.undo_stack.count() == 2  # the third nudge changed nothing and wrote nothing


def test_delete_removes_people_and_links_in_one_undo_entry(view: MapView, map_file: Path) -> None:
    view.selection.set(["s-eli"], ["r-1"])
    assert view.selection.relationship_ids == ("r-1",)
    asked: list[str] = []
    view.delete_confirmer = lambda _parent, names, _attached: asked.extend(names) or DeleteChoice.DELETE
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert asked == ["Eli"]  # a tie goes with Eli: asked first
    saved = stored(map_file)
    assert "s-eli" not in saved.stakeholders
    assert set(saved.relationships) == set()  # r-1 selected, r-2 went with Eli
    assert "s-eli" not in view.map_scene.cards
    assert not view.map_scene.links
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Delete 1 stakeholder and 1 relationship"
    assert view.selection.stakeholder_ids == ()
    assert view.selection.relationship_ids == ()

    view.document.undo_stack.undo()
    saved = stored(map_file)
    assert "s-eli" in saved.stakeholders
    assert set(saved.relationships) == {"r-1", "r-2"}
    assert set(view.map_scene.links) == {"r-1", "r-2"}
    assert view.map_scene.links["r-2"] in view.map_scene.cards["s-eli"].links


def test_ctrl_a_selects_every_person(view: MapView) -> None:
    QTest.keyClick(view, Qt.Key.Key_A, CTRL)
    assert set(view.selection.stakeholder_ids) == {"s-ceo", "s-dana", "s-eli", "s-fay"}
    assert all(card.isSelected() for card in view.map_scene.cards.values())


def test_rubber_band_selects_the_people_inside(view: MapView) -> None:
    viewport = view.viewport()
    start = view.mapFromScene(score_to_point(99.0, 1.0))  # top-left corner of the grid: empty
    end = view.mapFromScene(score_to_point(60.0, 50.0))  # covers Carla (90, 30) only
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(viewport, start + (end - start) * i / 8)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert view.selection.stakeholder_ids == ("s-ceo",)
    assert view.document.undo_stack.count() == 0


def test_tab_cycles_through_people_by_name(view: MapView) -> None:
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.selection.stakeholder_ids == ("s-ceo",)  # "Carla <CEO>" comes first
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.selection.stakeholder_ids == ("s-dana",)
    QTest.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert view.selection.stakeholder_ids == ("s-ceo",)
    assert view.hasFocus()  # Tab moves between people inside the canvas
    QTest.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert view.selection.stakeholder_ids == ()  # before the first person, Shift+Tab leaves the map


def test_enter_asks_for_the_inspector(view: MapView, qtbot) -> None:
    view.selection.set(["s-dana"])
    with qtbot.waitSignal(view.inspector_requested, timeout=1000):
        QTest.keyClick(view, Qt.Key.Key_Return)


def test_ctrl_d_duplicates_people_and_their_ties_in_one_entry(view: MapView, map_file: Path) -> None:
    view.selection.set(["s-dana", "s-eli"])
    QTest.keyClick(view, Qt.Key.Key_D, CTRL)
    saved = stored(map_file)
    copies = [s for s in saved.stakeholders.values() if s.name.endswith("(copy)")]
    assert sorted(c.name for c in copies) == ["Dana (copy)", "Eli (copy)"]
    copy_ids = {c.id for c in copies}
    assert any({r.source_id, r.target_id} == copy_ids for r in saved.relationships.values())
    assert set(view.selection.stakeholder_ids) == copy_ids
    assert view.document.undo_stack.count() == 1


def test_zoom_actions_change_the_scale_and_fit_restores(view: MapView) -> None:
    fitted = view.current_zoom()
    view.actions_.zoom_in.trigger()
    assert view.current_zoom() == pytest.approx(fitted * 1.2)
    view.actions_.zoom_out.trigger()
    view.actions_.zoom_out.trigger()
    assert view.current_zoom() < fitted
    view.actions_.zoom_fit.trigger()
    assert view.current_zoom() == pytest.approx(fitted)


def test_middle_button_drag_pans(view: MapView) -> None:
    view.actions_.zoom_in.trigger()
    view.actions_.zoom_in.trigger()
    bar = view.horizontalScrollBar()
    before = bar.value()
    viewport = view.viewport()
    start = QPoint(600, 450)
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(-120, 0))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-120, 0)
    )
    assert bar.value() == before + 120
    assert view.document.undo_stack.count() == 0


def test_canvas_keys_do_nothing_while_another_widget_has_focus(
    document: MapDocument, map_file: Path, qtbot
) -> None:
    # As in the main window: the canvas beside a text field, its actions also added to the window.
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    view = MapView(document, Selection(), window)
    layout.addWidget(field)
    layout.addWidget(view)
    window.addActions(view.actions_.all())
    qtbot.addWidget(window)
    window.resize(1000, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts need an active window
    view.selection.set(["s-dana"])
    field.setFocus()
    assert QApplication.focusWidget() is field
    field.setText("abc")
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Up, Qt.Key.Key_L):
        QTest.keyClick(field, key)
    assert document.undo_stack.count() == 0
    assert "s-dana" in stored(map_file).stakeholders
    assert not view.map_scene.link_mode
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert stored(map_file).stakeholders["s-dana"].influence == 81.0
    QTest.keyClick(view, Qt.Key.Key_Tab, CTRL)  # the way out of the map by keyboard
    assert QApplication.focusWidget() is field
    view.actions_.zoom_in.trigger()  # window-wide actions work from anywhere
    assert view.current_zoom() > 0


def test_wheel_zooms_around_the_pointer_and_trackpad_scrolls(view: MapView) -> None:
    view.set_zoom(1.5)  # zoomed in, so there is room to scroll in both directions
    before = view.current_zoom()
    point = QPointF(300, 300)
    under = view.mapToScene(point.toPoint())
    wheel = QWheelEvent(
        point, view.mapToGlobal(point), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.current_zoom() == pytest.approx(before * 1.2)
    after = view.mapToScene(point.toPoint())
    assert abs(after.x() - under.x()) < 3
    assert abs(after.y() - under.y()) < 3
    zoom = view.current_zoom()
    pixels = QWheelEvent(
        point, view.mapToGlobal(point), QPoint(0, -40), QPoint(0, -120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.ScrollUpdate, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), pixels)
    assert view.current_zoom() == zoom


def test_space_drag_pans_instead_of_moving_cards(view: MapView) -> None:
    view.actions_.zoom_in.trigger()
    view.actions_.zoom_in.trigger()
    bar = view.verticalScrollBar()
    before = bar.value()
    start = view.mapFromScene(view.map_scene.cards["s-dana"].scenePos())
    QTest.keyPress(view, Qt.Key.Key_Space)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(0, -30 * i))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(0, -120)
    )
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert bar.value() > before
    assert view.document.undo_stack.count() == 0
    assert view.isInteractive()
