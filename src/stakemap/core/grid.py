"""The influence x interest grid (Mendelow): which quadrant a position is in, and its strategy.

Core layer. Scores run 0-100; the midline is 50. A point exactly on the
midline counts as high, so a freshly added person (50, 50) is a key player
until placed.
"""

from __future__ import annotations

from enum import Enum

from stakemap.core.entities import QuadrantLabels

MIDLINE = 50.0


class Quadrant(Enum):
    KEY_PLAYERS = "key_players"
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"

    def label(self, labels: QuadrantLabels | None = None) -> str:
        label: str = getattr(labels or QuadrantLabels(), self.value)
        return label

    @property
    def strategy(self) -> str:
        return STRATEGIES[self]

    @property
    def high_influence(self) -> bool:
        return self in (Quadrant.KEY_PLAYERS, Quadrant.KEEP_SATISFIED)

    @property
    def high_interest(self) -> bool:
        return self in (Quadrant.KEY_PLAYERS, Quadrant.KEEP_INFORMED)


STRATEGIES: dict[Quadrant, str] = {
    Quadrant.KEY_PLAYERS: "Manage closely: partner with them and set joint goals.",
    Quadrant.KEEP_SATISFIED: (
        "Link your work to their agenda, and reach them through the people close to them."
    ),
    Quadrant.KEEP_INFORMED: "Keep them in the loop: they are often your advocates.",
    Quadrant.MONITOR: "Light touch: watch for change.",
}


def quadrant_of(influence: float, interest: float) -> Quadrant:
    high_influence = influence >= MIDLINE
    high_interest = interest >= MIDLINE
    if high_influence:
        return Quadrant.KEY_PLAYERS if high_interest else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if high_interest else Quadrant.MONITOR


def clamp_score(value: float) -> float:
    return min(100.0, max(0.0, value))
