"""How many cards hide under each card: the "+N" stack badge (gui layer, pure computation).

Several people at the same spot (a batch of new people all start at 50/50)
would otherwise look like one card. A card counts the cards drawn below it
whose centre it covers; hovering or selecting raises a card, so every one can
be read in turn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CardSpot:
    key: str
    x: float  # centre
    y: float
    depth: tuple[float, int]  # (z value, insertion order): higher is drawn on top, as Qt stacks them
    width: float
    height: float


def hidden_counts(cards: Iterable[CardSpot]) -> dict[str, int]:
    """For each card, how many lower cards it hides (only non-zero counts).

    A lower card counts as hidden when this one covers more than half of its
    width and its name line: it is then unreadable until raised.

    Cards are bucketed by a grid the size of a card, so each looks at its own
    and the eight neighbouring buckets: linear in the number of cards.
    """
    spots = list(cards)
    if not spots:
        return {}
    width = max(s.width for s in spots)
    height = max(s.height for s in spots)
    buckets: dict[tuple[int, int], list[CardSpot]] = defaultdict(list)
    for spot in spots:
        buckets[(int(spot.x // width), int(spot.y // height))].append(spot)
    counts: dict[str, int] = {}
    for spot in spots:
        bx, by = int(spot.x // width), int(spot.y // height)
        n = 0
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in buckets.get((bx + dx, by + dy), ()):
                    if (
                        other is not spot
                        and other.depth < spot.depth
                        and abs(other.x - spot.x) < spot.width / 2
                        and abs(other.y - spot.y) < spot.height * 0.45
                    ):
                        n += 1
        if n:
            counts[spot.key] = n
    return counts
