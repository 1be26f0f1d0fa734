"""The plane geometry the canvas arrows and the printed map's ties share (core.plane)."""

from __future__ import annotations

import pytest

from stakemap.core.plane import box_exit, clip_to_box, toward


def test_box_exit_is_on_the_edge_the_ray_crosses() -> None:
    assert box_exit((0.0, 0.0), (10.0, 0.0), 2.0, 1.0) == (2.0, 0.0)
    assert box_exit((0.0, 0.0), (0.0, -10.0), 2.0, 1.0) == (0.0, -1.0)
    assert box_exit((0.0, 0.0), (4.0, 4.0), 2.0, 1.0) == (1.0, 1.0)  # the top edge comes first


def test_box_exit_is_none_inside_the_box_or_at_its_centre() -> None:
    assert box_exit((0.0, 0.0), (1.0, 0.5), 2.0, 1.0) is None
    assert box_exit((0.0, 0.0), (2.0, 0.0), 2.0, 1.0) is None  # on the edge: nothing is left outside
    assert box_exit((3.0, 3.0), (3.0, 3.0), 2.0, 1.0) is None


def test_clip_to_box_keeps_a_target_inside_the_box() -> None:
    assert clip_to_box((0.0, 0.0), (10.0, 0.0), 2.0, 1.0) == (2.0, 0.0)
    assert clip_to_box((0.0, 0.0), (1.0, 0.5), 2.0, 1.0) == (1.0, 0.5)
    assert clip_to_box((3.0, 3.0), (3.0, 3.0), 2.0, 1.0) == (3.0, 3.0)


def test_toward_steps_along_the_line_and_never_past_the_target() -> None:
    assert toward((0.0, 0.0), (3.0, 4.0), 2.5) == pytest.approx((1.5, 2.0))
    assert toward((1.0, 1.0), (1.0, 2.0), 1.0) == (1.0, 1.0)  # no farther than the step: stay put
    assert toward((1.0, 1.0), (1.0, 1.0), 1.0) == (1.0, 1.0)
