"""What a card shows has one owner: overlays changed during a drag on a big map end up exactly as without
a drag, and never re-show the items the drag's still picture stands in for (issue 19, point 1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.card_appearance import (
    DIMMED_OPACITY,
    FADED_OPACITY,
    CardInputs,
    CardLook,
    LinkInputs,
    card_look,
    drawn_opacity,
    link_look,
)
from stakemap.gui.canvas.scene import MapScene
from stakemap.gui.document import MapDocument
from tests.gui.canvas_helpers import shown_view

Look = dict[str, tuple[object, ...]]


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = shown_view(document, qtbot)
    v.snapshot.min_items = 0  # behave as on a big map: a drag paints the rest from a picture
    return v


def looks(scene: MapScene) -> Look:
    """Everything a card or tie shows that overlays decide, by id."""
    shown: Look = {}
    for sid, card in scene.cards.items():
        shown[sid] = (
            round(card.opacity(), 3), card.faded, card.matched, card.dimmed, card.on_path,
            card.halo, card.group_number, card.isVisible(),
        )  # fmt: skip
    for rid, link in scene.links.items():
        shown[rid] = (round(link.opacity(), 3), link.fade, link.dimmed, link.on_path, link.isVisible())
    return shown


def press_and_move(view: MapView, stakeholder_id: str) -> QPoint:
    viewport = view.viewport()
    start = view.mapFromScene(view.map_scene.cards[stakeholder_id].scenePos())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(-15 * i, -8 * i))
    assert view.snapshot.active
    return start + QPoint(-60, -32)


def release(view: MapView, at: QPoint) -> None:
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert not view.snapshot.active


def hidden_by_the_picture(view: MapView) -> list[str]:
    """Items the still picture stands in for that are drawn anyway (opacity above 0): should be none."""
    scene = view.map_scene
    moving = {"s-eli", "r-2"}  # Eli and the tie to Dana move live
    drawn = [sid for sid, card in scene.cards.items() if sid not in moving and card.opacity() > 0]
    drawn += [rid for rid, link in scene.links.items() if rid not in moving and link.opacity() > 0]
    if scene.grid.opacity() > 0:
        drawn.append("grid")
    return drawn


OVERLAYS: dict[str, Callable[[MapView], object]] = {
    "path": lambda v: v.map_scene.set_highlight_path(["s-eli", "s-dana", "s-ceo"]),
    "spotlight": lambda v: v.map_scene.set_spotlight("s-fay"),
    "filter": lambda v: v.set_filter("engineer"),
    "halo": lambda v: v.map_scene.set_halo({"s-dana": 4.0, "s-eli": 1.0, "s-fay": 2.0}),
    "groups": lambda v: v.map_scene.set_group_colours({"s-dana": 0, "s-fay": 1}),
}


@pytest.mark.parametrize("overlay", list(OVERLAYS))
def test_an_overlay_set_mid_drag_looks_as_if_set_with_no_drag(view: MapView, overlay: str) -> None:
    scene = view.map_scene
    OVERLAYS[overlay](view)
    expected = looks(scene)
    scene.set_highlight_path(None)
    scene.set_spotlight(None)
    view.set_filter("")
    scene.set_halo(None)
    scene.set_group_colours(None)
    plain = looks(scene)
    assert expected != plain  # the overlay changes what is shown

    end = press_and_move(view, "s-eli")
    OVERLAYS[overlay](view)  # e.g. an analysis result landing while the user drags
    assert hidden_by_the_picture(view) == []  # nothing is drawn over the still picture
    release(view, end)

    assert view.document.undo_stack.count() == 1  # the drag itself still happened
    assert looks(scene) == expected
    assert scene.grid.opacity() == 1.0


def test_a_path_cleared_mid_drag_leaves_nobody_dimmed(view: MapView) -> None:
    scene = view.map_scene
    plain = looks(scene)
    scene.set_highlight_path(["s-eli", "s-dana"])
    end = press_and_move(view, "s-eli")
    scene.set_highlight_path(None)
    assert hidden_by_the_picture(view) == []
    release(view, end)
    assert looks(scene) == plain


def test_two_quick_drags_with_overlays_landing_between_and_during(view: MapView) -> None:
    """The case from the issue: an analysis result lands after every edit, so mid-way through the next drag."""
    scene = view.map_scene
    scene.set_halo({"s-dana": 2.0, "s-eli": 1.0})
    end = press_and_move(view, "s-eli")
    release(view, end)
    end = press_and_move(view, "s-eli")
    scene.set_halo({"s-dana": 1.0, "s-eli": 2.0})
    scene.set_highlight_path(["s-dana", "s-ceo"])
    release(view, end)
    after_drags = looks(scene)

    scene.set_highlight_path(None)
    scene.set_highlight_path(["s-dana", "s-ceo"])  # the same overlays set again, with no drag
    assert looks(scene) == after_drags
    assert scene.cards["s-fay"].dimmed
    assert scene.cards["s-fay"].opacity() < 0.5
    assert view.document.undo_stack.count() == 2


def test_the_look_follows_from_the_inputs_alone() -> None:
    assert card_look(CardInputs()) == CardLook()
    faded = card_look(CardInputs(search_match=False))
    assert (faded.opacity, faded.faded, faded.matched) == (FADED_OPACITY, True, False)
    both = card_look(CardInputs(search_match=False, outside_highlight=True))
    assert both.opacity == min(FADED_OPACITY, DIMMED_OPACITY)
    assert both.dimmed
    lit = card_look(CardInputs(search_match=True, highlighted=True, halo=0.5, group=2))
    assert (lit.opacity, lit.matched, lit.on_path, lit.halo, lit.group) == (1.0, True, True, 0.5, 2)
    assert not card_look(CardInputs(concealed=True)).visible
    assert link_look(LinkInputs(end_faded=True, outside_highlight=True)).fade == min(
        FADED_OPACITY, DIMMED_OPACITY
    )
    assert not link_look(LinkInputs(end_hidden=True)).visible
    assert drawn_opacity(FADED_OPACITY, held_for_drag=True) == 0.0
    assert drawn_opacity(FADED_OPACITY, held_for_drag=False) == FADED_OPACITY
