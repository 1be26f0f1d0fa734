"""Gestures are objects (issue 19, point 2): card drag, link drag and rubber band each own their state, end
with one result or cancel with none, and the scene hands the mouse to the one under way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.card_drag import CardDrag
from stakemap.gui.canvas.geometry import score_to_point
from stakemap.gui.canvas.link_drag import LinkDrag
from stakemap.gui.canvas.rubber_band import RubberBand
from stakemap.gui.document import MapDocument
from tests.gui.canvas_helpers import shown_view

LEFT, NO_MOD, CTRL = (
    Qt.MouseButton.LeftButton,
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ControlModifier,
)


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    return shown_view(document, qtbot)


def card_point(view: MapView, stakeholder_id: str) -> QPoint:
    return view.mapFromScene(view.map_scene.cards[stakeholder_id].scenePos())


def grid_point(view: MapView, influence: float, interest: float) -> QPoint:
    return view.mapFromScene(score_to_point(influence, interest))


def moves(view: MapView, start: QPoint, end: QPoint, steps: int = 6) -> None:
    for i in range(1, steps + 1):
        QTest.mouseMove(view.viewport(), start + (end - start) * i / steps)


def drawn_extras(view: MapView) -> list[object]:
    """Items a gesture draws over the map (rubber line, band): none once it has ended."""
    return [i for i in view.map_scene.items() if i.zValue() >= 100]


def test_escape_mid_drag_puts_the_cards_back_and_stores_nothing(view: MapView, map_file: Path) -> None:
    view.snapshot.min_items = 0
    view.selection.set(["s-dana", "s-eli"])
    cards = view.map_scene.cards
    before = {sid: cards[sid].pos() for sid in ("s-dana", "s-eli")}
    start = card_point(view, "s-eli")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    moves(view, start, start + QPoint(-120, 80))
    assert isinstance(view.map_scene.user_interaction(), CardDrag)
    assert cards["s-eli"].pos() != before["s-eli"]
    assert view.snapshot.active

    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.map_scene.user_interaction() is None
    assert {sid: cards[sid].pos() for sid in before} == before
    assert not view.snapshot.active
    assert cards["s-ceo"].opacity() == 1.0
    moves(view, start + QPoint(-120, 80), start + QPoint(-200, 100))
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, start + QPoint(-200, 100))
    assert {sid: cards[sid].pos() for sid in before} == before  # the rest of the gesture moves nothing
    assert view.document.undo_stack.count() == 0
    assert set(view.selection.stakeholder_ids) == {"s-dana", "s-eli"}  # Escape stopped the drag only


def test_a_card_drag_reports_one_result_then_ends(view: MapView) -> None:
    results: list[object] = []
    view.map_scene.stakeholders_moved.connect(results.append)
    start = card_point(view, "s-dana")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    drag = view.map_scene.user_interaction()
    assert isinstance(drag, CardDrag)
    assert set(drag.start) == {"s-dana"}
    moves(view, start, start + QPoint(-60, 40))
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, start + QPoint(-60, 40))
    assert drag.done
    assert view.map_scene.user_interaction() is None
    assert len(results) == 1
    assert set(results[0]) == {"s-dana"}  # type: ignore[arg-type]
    assert view.document.undo_stack.count() == 1


def test_escape_mid_link_drag_draws_nothing(view: MapView) -> None:
    view.set_link_mode(True)
    asked: list[tuple[str, str]] = []
    view.map_scene.link_requested.connect(lambda s, t: asked.append((s, t)))
    start, end = card_point(view, "s-fay"), card_point(view, "s-ceo")
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    moves(view, start, end)
    drag = view.map_scene.user_interaction()
    assert isinstance(drag, LinkDrag)
    assert drag.target is view.map_scene.cards["s-ceo"]
    assert drawn_extras(view)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.map_scene.user_interaction() is None
    assert not drawn_extras(view)
    assert not view.map_scene.cards["s-ceo"].drop_target
    assert view.map_scene.link_mode  # the first Escape ends the gesture, not link mode
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, end)
    assert asked == []
    assert view.document.undo_stack.count() == 0


def test_the_rubber_band_draws_a_rectangle_while_it_runs(view: MapView) -> None:
    start, end = grid_point(view, 99.0, 1.0), grid_point(view, 60.0, 50.0)
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    band = view.map_scene.user_interaction()
    assert isinstance(band, RubberBand)
    assert band.band is None  # not before the pointer moves
    moves(view, start, end)
    assert band.band is not None
    assert drawn_extras(view) == [band.band]
    assert view.selection.stakeholder_ids == ("s-ceo",)  # the selection follows the band live
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, end)
    assert band.done
    assert not drawn_extras(view)
    assert view.selection.stakeholder_ids == ("s-ceo",)


def test_ctrl_rubber_band_adds_to_the_selection(view: MapView) -> None:
    view.selection.set(["s-fay"])
    start, end = grid_point(view, 99.0, 1.0), grid_point(view, 60.0, 50.0)
    QTest.mousePress(view.viewport(), LEFT, CTRL, start)
    for i in range(1, 7):
        QTest.mouseMove(view.viewport(), start + (end - start) * i / 6)
    QTest.mouseRelease(view.viewport(), LEFT, CTRL, end)
    assert set(view.selection.stakeholder_ids) == {"s-fay", "s-ceo"}


def test_a_click_on_empty_space_clears_the_selection(view: MapView) -> None:
    view.selection.set(["s-dana"])
    point = grid_point(view, 99.0, 1.0)
    QTest.mouseClick(view.viewport(), LEFT, NO_MOD, point)
    assert view.selection.stakeholder_ids == ()
    assert view.map_scene.user_interaction() is None
    assert not drawn_extras(view)


def test_a_new_interaction_cancels_the_one_under_way(view: MapView) -> None:
    scene = view.map_scene
    ended: list[object] = []
    card = scene.cards["s-dana"]
    first = LinkDrag(scene, card, scene.card_at, card.pos(), ended.append)
    scene.set_user_interaction(first)
    assert drawn_extras(view)
    second = LinkDrag(scene, card, scene.card_at, card.pos(), ended.append)
    scene.set_user_interaction(second)
    assert first.done
    assert not second.done
    assert len(drawn_extras(view)) == 1  # only the second's line
    scene.set_user_interaction(None)
    assert second.done
    assert not drawn_extras(view)
    assert ended == []  # cancelled gestures report nothing
