"""Points in the plane: where a line from a centre leaves a box, a step along a line (core layer).

The canvas clips its arrows to the cards and the printed map clips its ties to the cards and dots in
the same way, so both use these. Plain float pairs, no Qt or reportlab values: the canvas runs them
for every tie of a dragged card on every mouse move.
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def box_exit(centre: Point, target: Point, half_width: float, half_height: float) -> Point | None:
    """Where the ray from ``centre`` toward ``target`` leaves the box of that half-size around
    ``centre``; None when ``target`` is inside the box, on its edge or at its centre."""
    dx, dy = target[0] - centre[0], target[1] - centre[1]
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return None
    t = min(half_width / abs(dx) if dx else math.inf, half_height / abs(dy) if dy else math.inf)
    if t >= 1.0:
        return None
    return centre[0] + dx * t, centre[1] + dy * t


def clip_to_box(centre: Point, target: Point, half_width: float, half_height: float) -> Point:
    """The segment from ``centre`` to ``target`` ends where it leaves the box (``target`` if inside)."""
    hit = box_exit(centre, target, half_width, half_height)
    return target if hit is None else hit


def toward(start: Point, target: Point, distance: float) -> Point:
    """The point ``distance`` from ``start`` on the way to ``target``; ``start`` itself when ``target``
    is no farther away than that (a circle of that radius around ``start`` holds it)."""
    dx, dy = target[0] - start[0], target[1] - start[1]
    length = math.hypot(dx, dy)
    if length <= distance:
        return start
    return start[0] + dx / length * distance, start[1] + dy / length * distance
