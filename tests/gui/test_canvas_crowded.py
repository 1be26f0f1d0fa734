"""A crowded map: above MARKERS_ABOVE people the canvas shows dots that keep their size on screen,
named when zoomed in far enough, on hover and on selection; back to cards when people are removed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from stakemap.core.entities import Attitude, Relationship, Stakeholder
from stakemap.gui.canvas import MapView
from stakemap.gui.canvas.card_context import MARKERS_ABOVE, marker_label_zoom
from stakemap.gui.document import MapDocument
from tests.gui.canvas_helpers import shown_view


def crowd(count: int) -> list[Stakeholder]:
    return [
        Stakeholder(
            f"Crowd member {i}",
            influence=(i * 37) % 100,
            interest=(i * 53) % 100,
            attitude=Attitude.BLOCKER if i % 2 else Attitude.CHAMPION,
            id=f"crowd-{i}",
        )
        for i in range(count)
    ]


@pytest.fixture
def crowded(document: MapDocument) -> MapDocument:
    people = crowd(MARKERS_ABOVE + 1 - len(document.map.stakeholders))
    tie = Relationship(people[0].id, people[1].id, id="crowd-tie")
    document.edit(lambda m: m.add_entities([*people, tie], "Add a crowd"))
    return document


@pytest.fixture
def view(crowded: MapDocument, qtbot) -> MapView:
    return shown_view(crowded, qtbot, 1200, 800)


def on_screen_width(view: MapView, sid: str) -> float:
    card = view.map_scene.cards[sid]
    rect = card.mapRectToScene(card.card_rect())
    return view.mapFromScene(rect).boundingRect().width()


def test_a_crowded_map_shows_dots_that_keep_their_size_when_zooming(view: MapView) -> None:
    scene = view.map_scene
    assert scene.context.markers
    dot = scene.cards["crowd-3"]
    assert dot.card_rect().width() == dot.card_rect().height() < 20  # a dot, not a card
    before = on_screen_width(view, "crowd-3")
    view.set_zoom(view.current_zoom() * 1.2**4)
    after = on_screen_width(view, "crowd-3")
    assert after == pytest.approx(before, rel=0.25)  # the map grows, the dots do not


def test_dots_are_named_only_with_room_or_on_selection(view: MapView, qtbot) -> None:
    scene = view.map_scene
    dot = scene.cards["crowd-3"]
    view.zoom_fit()
    assert view.current_zoom() < marker_label_zoom(len(scene.cards))
    assert not dot.label_shown()
    view.selection.set(["crowd-3"])
    qtbot.waitUntil(lambda: dot.isSelected())
    assert dot.label_shown()
    assert dot.title_text == "Crowd member 3"
    view.selection.set([])
    qtbot.waitUntil(lambda: not dot.isSelected())
    view.set_zoom(marker_label_zoom(len(scene.cards)) * 1.05)
    assert dot.label_shown()


def test_dot_is_drawn_in_the_attitude_colour(view: MapView) -> None:
    scene = view.map_scene
    dot = scene.cards["crowd-1"]  # a blocker
    view.centerOn(dot)
    image = view.viewport().grab().toImage()
    centre = view.mapFromScene(dot.scenePos())
    pixel = QColor(image.pixel(centre.x(), centre.y()))
    accent = scene.context.theme.attitude(Attitude.BLOCKER).accent
    assert abs(pixel.red() - accent.red()) < 40
    assert abs(pixel.green() - accent.green()) < 40


def test_no_stack_badges_on_dots_and_ties_still_follow_a_moved_dot(
    view: MapView, crowded: MapDocument
) -> None:
    scene = view.map_scene
    scene.update_stacks()
    assert all(card.stack_count == 0 for card in scene.cards.values())
    link = scene.links["crowd-tie"]
    crowded.edit(lambda m: m.move_stakeholders({"crowd-0": (90.0, 10.0)}))
    ends = link.endpoints()
    assert ends is not None
    moved_to = scene.cards["crowd-0"].scenePos()
    assert QPointF(ends[0] - moved_to).manhattanLength() < 40  # the tie starts at the dot's new place


def test_back_to_cards_when_the_crowd_leaves_and_dots_again_on_undo(
    view: MapView, crowded: MapDocument
) -> None:
    scene = view.map_scene
    gone = [sid for sid in crowded.map.stakeholders if sid.startswith("crowd-")][:50]
    crowded.edit(lambda m: m.remove_stakeholders(gone))
    assert not scene.context.markers
    assert scene.cards["crowd-60"].card_rect().width() > 100  # a card with words again
    crowded.undo_stack.undo()
    assert scene.context.markers
    assert scene.cards["crowd-60"].card_rect().width() < 20


def test_a_selected_dot_is_still_grabbed_by_its_centre_not_by_its_link_handle(view: MapView, qtbot) -> None:
    scene = view.map_scene
    dot = scene.cards["crowd-5"]
    view.selection.set(["crowd-5"])
    qtbot.waitUntil(lambda: dot.handle_visible())
    assert not dot.handle_rect().intersects(dot.card_rect())  # the handle sits above the dot
    assert scene.card_at(dot.scenePos()) is dot


def test_dots_shrink_when_the_view_leaves_little_room_per_person(view: MapView) -> None:
    roomy = on_screen_width(view, "crowd-3")
    view.set_zoom(0.12)  # the whole grid in about 170 x 120 pixels: 400 people a few pixels apart
    cramped = on_screen_width(view, "crowd-3")
    assert cramped < roomy * 0.7
    assert cramped >= roomy * 0.3  # still a dot one can see and click
