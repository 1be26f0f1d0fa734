"""Dragging cards with real mouse events: the stored scores change, one undo entry, undo restores the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.geometry import GRID_RECT, point_to_score, score_to_point
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection
from stakemap.storage.database import open_map
from tests.conftest import stored
from tests.gui.canvas_helpers import shown_view


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = shown_view(document, qtbot)
    return v


def card_point(view: MapView, stakeholder_id: str) -> QPoint:
    return view.mapFromScene(view.map_scene.cards[stakeholder_id].scenePos())


def drag(view: MapView, start: QPoint, end: QPoint, steps: int = 6) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * i / steps)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def expected_scores(view: MapView, stakeholder_id: str, start: QPoint, end: QPoint) -> tuple[float, float]:
    person = view.document.map.stakeholders[stakeholder_id]
    delta = view.mapToScene(end) - view.mapToScene(start)
    return point_to_score(score_to_point(person.influence, person.interest) + delta)


def test_dragging_a_card_stores_new_scores_as_one_undo_entry(view: MapView, map_file: Path) -> None:
    start = card_point(view, "s-dana")
    end = start + QPoint(-180, 120)
    influence, interest = expected_scores(view, "s-dana", start, end)
    drag(view, start, end)

    saved = stored(map_file).stakeholders["s-dana"]
    assert (saved.influence, saved.interest) == pytest.approx((influence, interest), abs=0.11)
    assert saved.influence < 80
    assert saved.interest < 85
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move Dana"
    # The card sits exactly where the stored scores say.
    assert view.map_scene.cards["s-dana"].pos() == score_to_point(saved.influence, saved.interest)

    view.document.undo_stack.undo()
    back = stored(map_file).stakeholders["s-dana"]
    assert (back.influence, back.interest) == (80.0, 85.0)
    assert view.map_scene.cards["s-dana"].pos() == score_to_point(80.0, 85.0)


def test_a_click_without_moving_writes_nothing(view: MapView) -> None:
    point = card_point(view, "s-eli")
    drag(view, point, point, steps=1)
    assert view.document.undo_stack.count() == 0
    assert view.selection.stakeholder_ids == ("s-eli",)


def test_dragging_a_selection_moves_everyone_in_one_undo_entry(view: MapView, map_file: Path) -> None:
    view.selection.set(["s-dana", "s-eli"])
    start = card_point(view, "s-eli")
    end = start + QPoint(-100, -60)
    dana_expected = expected_scores(view, "s-dana", start, end)
    drag(view, start, end)

    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move 2 stakeholders"
    saved = stored(map_file).stakeholders
    assert (saved["s-dana"].influence, saved["s-dana"].interest) == pytest.approx(dana_expected, abs=0.11)
    assert saved["s-eli"].interest < 75
    assert saved["s-eli"].influence > 20
    assert saved["s-ceo"].influence == 90  # not selected, not moved


def test_cards_stop_at_the_edge_of_the_grid(view: MapView, map_file: Path) -> None:
    viewport = view.viewport()
    start = card_point(view, "s-dana")
    card = view.map_scene.cards["s-dana"]
    link = view.map_scene.links["r-1"]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(-200, 100))
    ends = link.endpoints()
    assert ends is not None
    assert card.scene_card_rect().adjusted(-6, -6, 6, 6).contains(ends[0])  # the link follows mid-drag
    assert view.document.undo_stack.count() == 0  # and nothing is stored yet
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(400 * step, -400 * step))
        assert GRID_RECT.contains(card.pos())  # never off the grid, even mid-drag
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(2000, -2000)
    )
    assert card.pos() == QPointF(GRID_RECT.right(), GRID_RECT.top())
    saved = stored(map_file).stakeholders["s-dana"]
    assert (saved.influence, saved.interest) == (100.0, 100.0)


def test_a_read_only_map_cannot_be_dragged(map_file: Path, qtbot) -> None:
    document = MapDocument(open_map(map_file, read_only=True))
    try:
        view = MapView(document, Selection())
        qtbot.addWidget(view)
        view.resize(1000, 800)
        view.show()
        start = card_point(view, "s-dana")
        drag(view, start, start + QPoint(-150, 100))
        assert view.map_scene.cards["s-dana"].pos() == score_to_point(80.0, 85.0)
        assert document.undo_stack.count() == 0
        assert not view.actions_.add_stakeholder.isEnabled()
        assert not view.actions_.delete_selection.isEnabled()
    finally:
        document.close()


def test_double_click_on_empty_grid_adds_a_person_there(view: MapView, map_file: Path, qtbot) -> None:
    spot = view.mapFromScene(score_to_point(40.0, 20.0))
    with qtbot.waitSignal(view.inspector_requested):
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    (new_id,) = view.selection.stakeholder_ids
    person = stored(map_file).stakeholders[new_id]
    assert person.name == "New stakeholder"
    assert (person.influence, person.interest) == pytest.approx((40.0, 20.0), abs=0.2)
    assert view.map_scene.cards[new_id].isSelected()
    assert QPointF(view.map_scene.cards[new_id].pos()) == score_to_point(person.influence, person.interest)


def test_a_drag_on_a_big_map_paints_the_rest_from_a_picture_and_restores_it(
    view: MapView, map_file: Path
) -> None:
    view.snapshot.min_items = 0  # behave as on a big map
    view.set_filter("engineer")  # Dana matches; everyone else is faded to 0.2
    cards = view.map_scene.cards
    viewport = view.viewport()
    start = card_point(view, "s-eli")
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(-20 * i, -10 * i))
    assert view.snapshot.active
    assert cards["s-ceo"].opacity() == 0.0  # drawn from the picture, not repainted
    assert view.map_scene.grid.opacity() == 0.0
    assert cards["s-eli"].opacity() == pytest.approx(0.2)  # what moves is live, as it was
    assert view.map_scene.links["r-2"].fade == pytest.approx(0.2)
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-80, -40)
    )

    assert not view.snapshot.active
    assert cards["s-ceo"].opacity() == pytest.approx(0.2)
    assert cards["s-dana"].opacity() == 1.0
    assert view.map_scene.grid.opacity() == 1.0
    assert stored(map_file).stakeholders["s-eli"].interest < 75
    assert view.document.undo_stack.count() == 1
