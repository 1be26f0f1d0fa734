"""Model -> view without the mouse: the scene follows document edits, undo and redo, and the selection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from stakemap.core.entities import (
    Engagement,
    EngagementStatus,
    QuadrantLabels,
    Relationship,
    RelationshipKind,
    Stakeholder,
)
from stakemap.core.grid import Quadrant
from stakemap.gui.canvas import DisplayOptions, MapView
from stakemap.gui.canvas.geometry import score_to_point
from stakemap.gui.document import MapDocument
from stakemap.gui.selection import Selection


@pytest.fixture
def view(document: MapDocument, qtbot) -> MapView:
    v = MapView(document, Selection())
    qtbot.addWidget(v)
    v.resize(1000, 750)
    return v


def test_a_move_in_the_document_moves_the_card_and_undo_moves_it_back(view: MapView) -> None:
    card = view.map_scene.cards["s-dana"]
    view.document.edit(lambda m: m.move_stakeholders({"s-dana": (10.0, 20.0)}))
    assert card.pos() == score_to_point(10.0, 20.0)
    view.document.undo_stack.undo()
    assert card.pos() == score_to_point(80.0, 85.0)
    view.document.undo_stack.redo()
    assert card.pos() == score_to_point(10.0, 20.0)


def test_links_follow_a_move_made_elsewhere(view: MapView) -> None:
    link = view.map_scene.links["r-1"]  # Dana -> Carla
    before = link.boundingRect()
    view.document.edit(lambda m: m.move_stakeholders({"s-dana": (5.0, 5.0)}))
    assert link.boundingRect() != before
    ends = link.endpoints()
    assert ends is not None
    assert view.map_scene.cards["s-dana"].scene_card_rect().adjusted(-6, -6, 6, 6).contains(ends[0])


def test_adding_and_removing_people_and_ties_updates_the_items(view: MapView) -> None:
    scene = view.map_scene
    doc = view.document
    doc.edit(lambda m: m.add_stakeholder(Stakeholder("Gus", influence=60, interest=40, id="s-gus")))
    assert scene.cards["s-gus"].title_text == "Gus"
    doc.edit(lambda m: m.add_relationship(Relationship("s-gus", "s-eli", RelationshipKind.ADVISES, id="r-g")))
    assert scene.links["r-g"].source is scene.cards["s-gus"]
    doc.edit(lambda m: m.remove_stakeholders(["s-gus"]))
    assert "s-gus" not in scene.cards
    assert "r-g" not in scene.links
    doc.undo_stack.undo()
    assert "s-gus" in scene.cards
    assert "r-g" in scene.links
    assert scene.links["r-g"].source is scene.cards["s-gus"]


def test_editing_a_person_updates_their_card(view: MapView) -> None:
    doc = view.document
    doc.edit(lambda m: m.update_stakeholder("s-eli", name="Eli <b>Bold</b> & Co", role="Head\nof data"))
    card = view.map_scene.cards["s-eli"]
    assert card.title_text == "Eli <b>Bold</b> & Co"  # shown as typed, never as markup
    assert card.subtitle_text == "Head of data"
    assert "&lt;b&gt;" in card.toolTip()


def test_quadrant_label_edit_updates_the_scene_text(view: MapView) -> None:
    labels = replace(QuadrantLabels(), key_players="Partners <R&D>")
    view.document.edit(lambda m: m.update_info(quadrant_labels=labels))
    text = view.map_scene.grid.quadrant_text(Quadrant.KEY_PLAYERS)
    assert text.startswith("Partners <R&D>")
    assert Quadrant.KEY_PLAYERS.strategy in text
    assert "Partners <R&D>" in view.map_scene.cards["s-dana"].toolTip().replace("&lt;", "<").replace(
        "&gt;", ">"
    ).replace("&amp;", "&")
    view.document.undo_stack.undo()
    assert view.map_scene.grid.quadrant_text(Quadrant.KEY_PLAYERS).startswith("Key players")


def test_overdue_badge_follows_the_plan(view: MapView) -> None:
    scene = view.map_scene
    scene.today = date(2026, 2, 1)
    scene.rebuild()
    assert scene.cards["s-dana"].overdue == 1  # e-1 was due 2026-01-15
    view.document.edit(lambda m: m.add_engagement(Engagement("s-eli", due=date(2026, 1, 2), id="e-2")))
    assert scene.cards["s-eli"].overdue == 1
    assert "overdue" in scene.cards["s-eli"].toolTip()
    view.document.edit(lambda m: m.update_engagement("e-2", status=EngagementStatus.DONE))
    assert scene.cards["s-eli"].overdue == 0


def test_rebuild_from_scratch_gives_the_same_items(view: MapView) -> None:
    scene = view.map_scene
    positions = {sid: card.pos() for sid, card in scene.cards.items()}
    scene.rebuild()
    assert {sid: card.pos() for sid, card in scene.cards.items()} == positions
    assert set(scene.links) == {"r-1", "r-2"}
    assert sum(1 for i in scene.items() if i.type() == scene.cards["s-dana"].type()) == 4


def test_selection_follows_both_ways(view: MapView, qtbot) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.selection.set(["s-eli"])
    assert view.map_scene.cards["s-eli"].isSelected()
    assert view.map_scene.cards["s-eli"].handle_visible()
    point = view.mapFromScene(view.map_scene.cards["s-ceo"].scenePos())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert view.selection.stakeholder_ids == ("s-ceo",)
    assert not view.map_scene.cards["s-eli"].isSelected()
    view.selection.set([], ["r-2"])
    assert view.map_scene.links["r-2"].isSelected()
    assert not view.map_scene.cards["s-ceo"].isSelected()


def test_many_people_on_one_spot_show_a_stack_badge(view: MapView) -> None:
    people = [Stakeholder(f"Same {i}", influence=50, interest=50, id=f"s-same{i}") for i in range(3)]
    view.document.edit(lambda m: m.add_stakeholders(people))
    view.map_scene.update_stacks()
    counts = sorted(view.map_scene.cards[p.id].stack_count for p in people)
    assert counts == [0, 1, 2]  # the top card says "+2"


def test_a_snapshot_comparison_is_drawn_and_cleared(view: MapView) -> None:
    from stakemap.core.compare import compare

    doc = view.document
    doc.edit(lambda m: m.take_snapshot("Before"))
    doc.edit(lambda m: m.move_stakeholders({"s-eli": (60.0, 20.0)}))
    before_items = len(view.map_scene.items())
    view.map_scene.set_comparison(compare(next(iter(doc.map.snapshots.values())), doc.map))
    assert len(view.map_scene.items()) > before_items  # a ghost and an arrow for Eli
    view.map_scene.set_comparison(None)
    assert len(view.map_scene.items()) == before_items


def test_long_and_mixed_script_text_is_elided_never_overflowing(view: MapView) -> None:
    name = ("Nadia نادية حداد 张伟 <b>&amp;</b> 🙂 " * 8)[:200]
    view.document.edit(lambda m: m.update_stakeholder("s-eli", name=name, role="R" * 200, unit="U\tnit"))
    card = view.map_scene.cards["s-eli"]
    assert card.title_text.endswith("…")
    assert card.subtitle_text.endswith("…")
    assert card.card_rect().width() <= 250.0
    assert "&lt;b&gt;" in card.toolTip()
    view.map_scene.set_display_options(DisplayOptions(name_mode="initials"))
    assert card.title_text.startswith("N.")
