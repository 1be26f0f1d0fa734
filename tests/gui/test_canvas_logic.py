"""The canvas's pure parts: score <-> point geometry, compound changes, stacks, link shapes, search."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF

from stakemap.core.entities import Relationship, Stakeholder
from stakemap.gui.canvas.filtering import matches, normalise_query
from stakemap.gui.canvas.geometry import GRID_HEIGHT, GRID_WIDTH, clamp_point, point_to_score, score_to_point
from stakemap.gui.canvas.link_path import link_shape, rect_exit
from stakemap.gui.canvas.stacking import CardSpot, hidden_counts

scores = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: round(v, 1))


@given(scores, scores)
def test_score_point_round_trip(influence: float, interest: float) -> None:
    assert point_to_score(score_to_point(influence, interest)) == (influence, interest)


def test_axes_run_the_right_way() -> None:
    assert score_to_point(100, 0) == QPointF(0, 0)  # high influence is up, low interest is left
    assert score_to_point(0, 100) == QPointF(GRID_WIDTH, GRID_HEIGHT)
    assert point_to_score(QPointF(-500, 5000)) == (0.0, 0.0)  # off the grid: clamped
    assert clamp_point(QPointF(-1, GRID_HEIGHT + 9)) == QPointF(0, GRID_HEIGHT)


def test_hidden_counts_only_for_cards_that_cover_a_name() -> None:
    spots = [
        CardSpot("bottom", 100, 100, (1.0, 0), 160, 50),
        CardSpot("top", 110, 105, (1.1, 1), 160, 50),  # covers "bottom"
        CardSpot("below", 100, 150, (1.5, 2), 160, 50),  # 50 lower: "top"'s name line shows
        CardSpot("far", 900, 900, (9.0, 3), 160, 50),
    ]
    assert hidden_counts(spots) == {"top": 1}
    assert hidden_counts([]) == {}


def test_link_shape_ends_at_card_edges_with_heads() -> None:
    a, b = QRectF(0, 0, 100, 40), QRectF(300, 0, 100, 40)
    shape = link_shape(a, b, head_at_target=True, head_at_source=True)
    assert shape is not None
    assert len(shape.heads) == 2
    bounds = shape.line.boundingRect()
    assert 100 < bounds.left() < 120
    assert 280 < bounds.right() < 300
    assert link_shape(a, QRectF(10, 5, 100, 40)) is None  # overlapping cards: nothing to draw
    zig = link_shape(a, b, zigzag=True)
    straight = link_shape(a, b)
    assert zig is not None
    assert straight is not None
    assert zig.line.length() > straight.line.length() * 1.3
    assert rect_exit(QRectF(0, 0, 10, 10), QPointF(5, 5)) is None


def test_search_matches_any_field_and_every_word() -> None:
    dana = Stakeholder("Dana Smith", role="Engineer", unit="R&D", constituency="Staff", tags=("ally",))
    assert matches(dana, normalise_query("  smith   ENGINEER "))
    assert matches(dana, normalise_query("staff"))
    assert matches(dana, normalise_query("ally"))
    assert not matches(dana, normalise_query("smith finance"))
    assert matches(dana, "")


def test_relationship_entity_sanity() -> None:
    # The duplicate rule the canvas reports comes from the core: an undirected tie matches both ways.
    a = Relationship("x", "y", directed=False)
    assert a.same_tie(Relationship("y", "x"))
