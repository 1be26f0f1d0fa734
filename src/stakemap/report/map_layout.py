"""Where labels go on the printed map: overlap-free placement near each person's spot (report layer, pure).

Each label (a card on small maps, a number on big ones) is tried at its own spot
first, then at offsets on growing rings around it, nearest first; the first place
inside the plot that touches no label already placed wins. Labels are placed in
the order given (most influential first), so the people who matter most sit
exactly where they belong. A spatial hash keeps each test to the few labels nearby.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @staticmethod
    def around(x: float, y: float, width: float, height: float) -> Box:
        return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (
            self.x0 < other.x1 + gap
            and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap
            and other.y0 < self.y1 + gap
        )

    def inside(self, bounds: Box) -> bool:
        return self.x0 >= bounds.x0 and self.y0 >= bounds.y0 and self.x1 <= bounds.x1 and self.y1 <= bounds.y1

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the box closest to (x, y): where a leader line from there meets it."""
        return min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1)


@dataclass(frozen=True)
class Anchor:
    """A person's spot on the plot."""

    key: str
    x: float
    y: float


class _SpatialHash:
    """Boxes bucketed by grid cell, so an overlap test looks only at the neighbours."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box, gap: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor((box.x0 - gap) / c), math.floor((box.x1 + gap) / c) + 1):
            for j in range(math.floor((box.y0 - gap) / c), math.floor((box.y1 + gap) / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._cells(box, 0.0):
            self.buckets.setdefault(key, []).append(box)

    def hits(self, box: Box, gap: float) -> bool:
        return any(
            other.overlaps(box, gap) for key in self._cells(box, gap) for other in self.buckets.get(key, ())
        )


def _rings(step_x: float, step_y: float, reach: float) -> Iterator[tuple[float, float]]:
    """Grid offsets ring by ring (square rings, each sorted nearest first) out to ``reach``.

    Generated lazily: most labels find a place in the first few rings, and a full plot's worth
    of offsets (over 100,000 for number labels) would cost more than the placing itself.
    """
    rings = max(1, math.ceil(reach / min(step_x, step_y)))
    for k in range(1, rings + 1):
        ring = [
            (i * step_x, j * step_y)
            for i in range(-k, k + 1)
            for j in range(-k, k + 1)
            if max(abs(i), abs(j)) == k
        ]
        # Ties: the smaller vertical shift first, since a label moved sideways still reads as in its row.
        ring.sort(key=lambda o: (math.hypot(*o), abs(o[1]), o[1] < 0, o[0] < 0))
        yield from (o for o in ring if math.hypot(*o) <= reach)


class _Offsets:
    """The candidate offsets, generated once and kept, so a resumed search starts at any index for free."""

    def __init__(self, source: Iterator[tuple[float, float]]) -> None:
        self._source = source
        self._seen: list[tuple[float, float]] = []

    def starting_at(self, index: int) -> Iterator[tuple[float, float]]:
        while True:
            while index >= len(self._seen):
                following = next(self._source, None)
                if following is None:
                    return
                self._seen.append(following)
            yield self._seen[index]
            index += 1


#: How many labels are placed between two questions to ``cancelled``.
CANCEL_EVERY = 50


class LayoutCancelled(Exception):
    """The caller's ``cancelled`` answered yes while labels were being placed."""


def fits(count: int, width: float, height: float, bounds: Box, *, gap: float, fill: float) -> bool:
    """Whether ``count`` labels of this size can be placed legibly: their area (with the gap) is at most
    ``fill`` of the plot. Beyond that the search for free space grows with the crowd, and the page is
    a grey mass of numbers that nobody can read anyway."""
    plot_area = (bounds.x1 - bounds.x0) * (bounds.y1 - bounds.y0)
    return count * (width + gap) * (height + gap) <= fill * plot_area


def place_labels(
    anchors: Sequence[Anchor],
    width: float,
    height: float,
    bounds: Box,
    *,
    first: Sequence[tuple[float, float]] = ((0.0, 0.0),),
    gap: float = 1.0,
    max_shift: float | None = None,
    keep_clear: Sequence[Box] = (),
    max_tries: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Box] | None:
    """A ``width`` x ``height`` box per anchor, no two overlapping (``gap`` points apart) and inside
    ``bounds``, each as near its anchor as free space allows.

    ``first`` are the preferred offsets of a label's centre from its anchor (a card sits on its spot;
    a number beside its dot). With ``max_shift``, returns None when some label would have to move
    further than that: the caller then picks a more compact kind of label. Without it every label is
    placed; only when the plot is full does one fall back to its clamped spot, overlapping.
    ``keep_clear`` are boxes no label may cover (the dots of the people, say).

    ``max_tries`` bounds the places tried per label, so a plot that is full costs each remaining
    label that many tests instead of every offset out to the plot's diagonal (1,000 people took over
    three minutes that way); such a label then falls back as above. ``cancelled`` is asked every
    ``CANCEL_EVERY`` labels and raises ``LayoutCancelled`` when it answers yes.
    """
    placed: dict[str, Box] = {}
    index = _SpatialHash(max(width, height) * 2)
    clear = _SpatialHash(max(width, height) * 2)
    for box in keep_clear:
        clear.add(box)
    reach = max_shift if max_shift is not None else math.hypot(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0)
    # Steps no coarser than the label's height, so a wide card can also move by less than its width.
    step_x, step_y = min(width / 2, height + gap), height / 2 + gap
    # Places only fill up, so a candidate taken once stays taken: people on the very same spot (new
    # people all start in the middle) resume the search where the last one found room.
    tried: dict[tuple[float, float], int] = {}
    offsets = _Offsets(itertools.chain(first, _rings(step_x, step_y, reach)))
    for number, anchor in enumerate(anchors):
        if cancelled is not None and number % CANCEL_EVERY == 0 and cancelled():
            raise LayoutCancelled
        spot = None
        position = (anchor.x, anchor.y)
        count = start = tried.get(position, 0)
        candidates = offsets.starting_at(start)
        if max_tries is not None:
            candidates = itertools.islice(candidates, max_tries)
        for count, (dx, dy) in enumerate(candidates, start):  # noqa: B007
            # Pulled inside the plot first: a person on its edge still gets a label next to them.
            box = _clamped(Box.around(anchor.x + dx, anchor.y + dy, width, height), bounds)
            if box.inside(bounds) and not index.hits(box, gap) and not clear.hits(box, 0.0):
                spot = box
                break
        tried[position] = count + 1
        if spot is None:
            if max_shift is not None:
                return None
            spot = _clamped(Box.around(anchor.x + first[0][0], anchor.y + first[0][1], width, height), bounds)
        placed[anchor.key] = spot
        index.add(spot)
    return placed


def _clamped(box: Box, bounds: Box) -> Box:
    dx = max(bounds.x0 - box.x0, 0.0) - max(box.x1 - bounds.x1, 0.0)
    dy = max(bounds.y0 - box.y0, 0.0) - max(box.y1 - bounds.y1, 0.0)
    return Box(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)


def any_overlap(boxes: Iterable[Box]) -> bool:
    """True when two of ``boxes`` overlap (for tests and checks; quadratic only in the worst case)."""
    index = _SpatialHash(24.0)
    for box in boxes:
        if index.hits(box, 0.0):
            return True
        index.add(box)
    return False
