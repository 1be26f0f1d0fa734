"""Drawing relationships by dragging, refusals, and links following the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from stakemap.core.entities import Confidence, Relationship, RelationshipKind
from stakemap.gui.canvas import LinkOptions, MapView
from stakemap.gui.document import MapDocument
from tests.conftest import stored
from tests.gui.canvas_helpers import shown_view


class Answers:
    """Stands in for the link dialog: records what it was asked and answers with ``options``."""

    def __init__(self, options: LinkOptions | None) -> None:
        self.options = options
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent: object, source: str, target: str) -> LinkOptions | None:
        self.asked.append((source, target))
        return self.options


class Reports:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def __call__(self, title: str, message: str) -> None:
        self.messages.append((title, message))


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = shown_view(document, qtbot)
    v.report = Reports()
    return v


def centre(view: MapView, sid: str) -> QPoint:
    return view.mapFromScene(view.map_scene.cards[sid].scenePos())


def handle(view: MapView, sid: str) -> QPoint:
    card = view.map_scene.cards[sid]
    return view.mapFromScene(card.mapToScene(card.handle_rect().center()))


def drag(view: MapView, start: QPoint, end: QPoint) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * i / 6)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_drawing_from_the_handle_stores_the_chosen_relationship(view: MapView, map_file: Path) -> None:
    answers = Answers(
        LinkOptions(RelationshipKind.ALLIES_WITH, 5, directed=False, confidence=Confidence.ASSUMED)
    )
    view.link_options_provider = answers
    view.selection.set(["s-eli"])
    assert view.map_scene.cards["s-eli"].handle_visible()
    eli_before = view.map_scene.cards["s-eli"].pos()

    drag(view, handle(view, "s-eli"), centre(view, "s-ceo"))

    assert answers.asked == [("Eli", "Carla <CEO>")]
    ties = [
        r for r in stored(map_file).relationships.values() if {r.source_id, r.target_id} == {"s-eli", "s-ceo"}
    ]
    assert len(ties) == 1
    tie = ties[0]
    assert (tie.source_id, tie.kind, tie.strength, tie.directed, tie.confidence) == (
        "s-eli", RelationshipKind.ALLIES_WITH, 5, False, Confidence.ASSUMED,
    )  # fmt: skip
    assert tie.id in view.map_scene.links
    assert view.selection.relationship_ids == (tie.id,)
    assert view.map_scene.cards["s-eli"].pos() == eli_before  # drawing a link does not move the card
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert tie.id not in stored(map_file).relationships
    assert tie.id not in view.map_scene.links


def test_link_mode_draws_from_any_card(view: MapView, map_file: Path) -> None:
    view.link_options_provider = Answers(LinkOptions(RelationshipKind.INFORMAL))
    view.actions_.link_mode.trigger()
    assert view.map_scene.link_mode
    drag(view, centre(view, "s-fay"), centre(view, "s-eli"))
    assert any(
        (r.source_id, r.target_id, r.kind) == ("s-fay", "s-eli", RelationshipKind.INFORMAL)
        for r in stored(map_file).relationships.values()
    )
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.map_scene.link_mode
    assert not view.actions_.link_mode.isChecked()


def test_a_duplicate_link_is_refused_with_a_message(view: MapView, map_file: Path) -> None:
    view.link_options_provider = Answers(LinkOptions(RelationshipKind.ADVISES))  # Dana already advises Carla
    view.selection.set(["s-dana"])
    drag(view, handle(view, "s-dana"), centre(view, "s-ceo"))
    assert len(view.report.messages) == 1
    assert "already linked" in view.report.messages[0][1]
    assert len(stored(map_file).relationships) == 2
    assert view.document.undo_stack.count() == 0


def test_cancelling_the_dialog_or_dropping_on_nothing_adds_nothing(view: MapView, map_file: Path) -> None:
    answers = Answers(None)
    view.link_options_provider = answers
    view.selection.set(["s-fay"])
    drag(view, handle(view, "s-fay"), centre(view, "s-ceo"))
    assert answers.asked == [("Fay", "Carla <CEO>")]
    view.selection.set(["s-fay"])
    drag(view, handle(view, "s-fay"), handle(view, "s-fay") + QPoint(40, 40))  # empty space
    assert len(answers.asked) == 1
    assert len(stored(map_file).relationships) == 2
    assert not [i for i in view.map_scene.items() if i.zValue() >= 100]  # the rubber line is gone


def test_links_follow_the_model_and_cards_live(view: MapView) -> None:
    doc = view.document
    doc.edit(
        lambda m: m.add_relationship(
            Relationship("s-fay", "s-ceo", RelationshipKind.CONFLICTS_WITH, id="r-x")
        )
    )
    link = view.map_scene.links["r-x"]
    assert link in view.map_scene.cards["s-fay"].links
    assert link in view.map_scene.cards["s-ceo"].links
    before = link.boundingRect()
    view.map_scene.cards["s-fay"].setPos(view.map_scene.cards["s-fay"].pos() + QPoint(300, -200))
    assert link.boundingRect() != before  # the link moved with the card, no model edit needed

    doc.edit(lambda m: m.update_relationship("r-x", strength=5))
    assert view.map_scene.links["r-x"].tie.strength == 5
    doc.edit(lambda m: m.remove_relationships(["r-x"]))
    assert "r-x" not in view.map_scene.links
    assert all(lk.relationship_id != "r-x" for lk in view.map_scene.cards["s-fay"].links)


def test_parallel_ties_between_two_people_bow_apart(view: MapView) -> None:
    view.document.edit(
        lambda m: m.add_relationship(Relationship("s-ceo", "s-dana", RelationshipKind.REPORTS_TO, id="r-y"))
    )
    bends = sorted(view.map_scene.links[r].bend_index for r in ("r-1", "r-y"))
    assert bends == [-0.5, 0.5]
    view.document.undo_stack.undo()
    assert view.map_scene.links["r-1"].bend_index == 0


def test_clicking_a_link_selects_it_and_delete_removes_it(view: MapView, map_file: Path) -> None:
    link = view.map_scene.links["r-1"]
    point = view.mapFromScene(link.current_shape().line.pointAtPercent(0.5))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert view.selection.relationship_ids == ("r-1",)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "r-1" not in stored(map_file).relationships
    assert "s-dana" in stored(map_file).stakeholders
