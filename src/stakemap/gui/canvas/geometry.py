"""Score <-> scene coordinates of the influence x interest grid (gui layer).

Interest runs right (x), influence runs up (y). Scores are 0-100; the grid is a
fixed rectangle in scene units, so a position on screen *is* a pair of scores
and converting back and forth loses at most the rounding to one decimal.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from stakemap.core.grid import clamp_score

GRID_WIDTH = 1400.0
GRID_HEIGHT = 1000.0
GRID_RECT = QRectF(0.0, 0.0, GRID_WIDTH, GRID_HEIGHT)

#: Room around the grid for axis titles, tick labels, cards that sit on an edge, and the legend (right).
MARGIN_LEFT = 120.0
MARGIN_RIGHT = 370.0
MARGIN_TOP = 90.0
MARGIN_BOTTOM = 110.0
SCENE_RECT = GRID_RECT.adjusted(-MARGIN_LEFT, -MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM)

#: Scores are kept to one decimal: finer than anyone can place by hand, and stable on disk.
SCORE_DECIMALS = 1


def round_score(value: float) -> float:
    return round(clamp_score(value), SCORE_DECIMALS)


def score_to_point(influence: float, interest: float) -> QPointF:
    """Scene point of a person with these scores (the centre of their card)."""
    return QPointF(interest / 100.0 * GRID_WIDTH, (100.0 - influence) / 100.0 * GRID_HEIGHT)


def point_to_score(point: QPointF) -> tuple[float, float]:
    """(influence, interest) of a scene point, clamped to 0-100 and rounded to one decimal."""
    interest = point.x() / GRID_WIDTH * 100.0
    influence = 100.0 - point.y() / GRID_HEIGHT * 100.0
    return round_score(influence), round_score(interest)


def clamp_point(point: QPointF) -> QPointF:
    """The nearest point inside the grid: a card's centre never leaves it."""
    return QPointF(
        min(GRID_WIDTH, max(0.0, point.x())),
        min(GRID_HEIGHT, max(0.0, point.y())),
    )


def midline_point() -> QPointF:
    return score_to_point(50.0, 50.0)
